package ovk

import (
	"errors"

	"github.com/agii/ovk/internal/diag"
)

// LintedRelease is a release that passed lint.
type LintedRelease struct {
	Name    string `json:"name"`
	Dir     string `json:"dir"`
	Clauses int    `json:"clauses"`
}

// LintReport is what lint found: the releases without problems, and every
// problem of the others (and of the set) at once.
type LintReport struct {
	Releases []LintedRelease `json:"releases"`
	Problems diag.List       `json:"-"`
}

// Lint loads and checks release name, or every release for "", and reports
// every problem at once. The error is for what is not a problem of the
// library (an unknown release, a read error).
func (c *Catalog) Lint(name string) (*LintReport, error) {
	rels := c.all
	if name != "" {
		r, err := c.Release(name)
		if err != nil {
			return nil, err
		}
		rels = []*Release{r}
	}
	rep := &LintReport{Releases: []LintedRelease{}}
	for _, r := range rels {
		d, err := r.Drafter()
		var list diag.List
		switch {
		case errors.As(err, &list):
			rep.Problems = append(rep.Problems, list...)
		case err != nil:
			return nil, err
		default:
			rep.Releases = append(rep.Releases, LintedRelease{Name: d.Lib.Version, Dir: d.Lib.Dir, Clauses: len(d.Lib.Clauses)})
		}
	}
	for _, p := range c.problems {
		for _, r := range rels {
			if p.File == r.Dir+"/library.toml" {
				rep.Problems = append(rep.Problems, p)
			}
		}
	}
	return rep, nil
}
