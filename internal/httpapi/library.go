package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
)

// Health is the body of /healthz and /readyz.
type Health struct {
	Status   string   `json:"status"`
	Releases []string `json:"releases,omitempty"`
}

// getHealth answers while the process serves at all.
func (s *Server) getHealth(c echo.Context) error {
	return c.JSON(http.StatusOK, Health{Status: "ok"})
}

// getReady answers 200 while the server takes new requests, 503 once it
// is shutting down.
func (s *Server) getReady(c echo.Context) error {
	if s.draining.Load() {
		return &apiError{status: http.StatusServiceUnavailable, code: CodeShuttingDown, id: "err.api.shutting_down"}
	}
	return c.JSON(http.StatusOK, Health{Status: "ready", Releases: s.names})
}

// Releases is the body of GET /v1/releases.
type Releases struct {
	Default  string    `json:"standaard"`
	Releases []Release `json:"releases"`
}

// Release describes one release, with the keys of "ovk releases --json".
type Release struct {
	Name       string `json:"naam"`
	Library    string `json:"bibliotheek"`
	Effective  string `json:"van_kracht"`
	Policy     string `json:"beleid"`
	ApprovedBy string `json:"goedgekeurd_door"`
	ApprovedOn string `json:"goedgekeurd_op"`
	Clauses    int    `json:"clausules"`
}

func (s *Server) getReleases(c echo.Context) error {
	out := Releases{Default: s.def.Lib.Version, Releases: make([]Release, 0, len(s.names))}
	for _, name := range s.names {
		l := s.releases[name].Lib
		out.Releases = append(out.Releases, Release{Name: l.Version, Library: l.ID, Effective: l.Effective.ISO(),
			Policy: l.Policy, ApprovedBy: l.ApprovedBy, ApprovedOn: l.ApprovedOn.ISO(), Clauses: len(l.Clauses)})
	}
	return c.JSON(http.StatusOK, out)
}

// ClauseList is the body of GET /v1/clauses: the clauses of one release
// in document order.
type ClauseList struct {
	Release string   `json:"release"`
	Clauses []Clause `json:"clausules"`
}

// Clause is a clause of one release, with the keys of the clause files.
// Text is only set where one clause is asked for.
type Clause struct {
	Release   string   `json:"release,omitempty"`
	ID        string   `json:"id"`
	Version   int      `json:"versie"`
	Title     string   `json:"titel"`
	Kind      string   `json:"soort"`
	Chapter   string   `json:"hoofdstuk"`
	Order     int      `json:"volgorde"`
	Condition string   `json:"voorwaarde,omitempty"`
	Requires  []string `json:"vereist,omitempty"`
	Excludes  []string `json:"sluit_uit,omitempty"`
	LegalRefs []string `json:"rechtsgronden,omitempty"`
	Params    []Param  `json:"parameters"`
	Text      string   `json:"tekst,omitempty"`
}

// Param is a clause parameter.
type Param struct {
	Name     string   `json:"naam"`
	Type     string   `json:"soort"`
	Label    string   `json:"label"`
	Required bool     `json:"verplicht"`
	Default  *string  `json:"standaard,omitempty"`
	Choices  []string `json:"keuzes,omitempty"`
	Min      *float64 `json:"min,omitempty"`
	Max      *float64 `json:"max,omitempty"`
	MaxLen   int      `json:"max_lengte,omitempty"`
	Pattern  string   `json:"patroon,omitempty"`
}

func clauseView(release string, c *library.Clause, withText bool) Clause {
	v := Clause{Release: release, ID: c.ID, Version: c.Version, Title: c.Title, Kind: string(c.Kind),
		Chapter: c.Chapter, Order: c.Order, Condition: c.Condition, Requires: c.Requires, Excludes: c.Excludes,
		LegalRefs: c.LegalRefs, Params: make([]Param, 0, len(c.Params))}
	if withText && c.Body != nil {
		v.Text = c.Body.Src
	}
	for _, p := range c.Params {
		vp := Param{Name: p.Name, Type: string(p.Type), Label: p.Label, Required: p.Required, Choices: p.Choices,
			Min: p.Min, Max: p.Max, MaxLen: p.MaxLen}
		if p.Default != nil {
			vp.Default = &p.Default.Text
		}
		if p.Pattern != nil {
			vp.Pattern = p.Pattern.String()
		}
		v.Params = append(v.Params, vp)
	}
	return v
}

func (s *Server) getClauses(c echo.Context) error {
	d, err := s.release(c)
	if err != nil {
		return err
	}
	out := ClauseList{Release: d.Lib.Version, Clauses: make([]Clause, 0, len(d.Lib.Clauses))}
	for _, cl := range d.Lib.Clauses {
		v := clauseView("", cl, false)
		out.Clauses = append(out.Clauses, v)
	}
	return c.JSON(http.StatusOK, out)
}

// ClauseVersions is the body of GET /v1/clauses/{id}: the clause in every
// release that has it, in the order of the release names.
type ClauseVersions struct {
	ID       string   `json:"id"`
	Versions []Clause `json:"versies"`
}

func (s *Server) getClause(c echo.Context) error {
	id := c.Param("id")
	out := ClauseVersions{ID: id, Versions: []Clause{}}
	for _, name := range s.names {
		if cl := s.releases[name].Lib.Clause(id); cl != nil {
			out.Versions = append(out.Versions, clauseView(name, cl, true))
		}
	}
	if len(out.Versions) == 0 {
		return &apiError{status: http.StatusNotFound, code: CodeClauseNotFound, id: "err.api.clause_not_found",
			args: diag.A("id", id, "releases", strings.Join(s.names, ", "))}
	}
	return c.JSON(http.StatusOK, out)
}
