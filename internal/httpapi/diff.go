package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
)

// DiffRequest is the body of POST /v1/diff. It names what is compared, the
// way "ovk diff" does with its arguments:
//   - two releases: From and To;
//   - one municipality under two releases: Profile, From and To;
//   - two agreements: Old or OldPDF, and New or NewPDF; a profile is
//     drafted under From (Old) or To (New), else the default release.
type DiffRequest struct {
	From    string          `json:"van,omitempty"`
	To      string          `json:"naar,omitempty"`
	Profile json.RawMessage `json:"profiel,omitempty"`
	Old     json.RawMessage `json:"oud,omitempty"`
	New     json.RawMessage `json:"nieuw,omitempty"`
	// OldPDF and NewPDF are PDFs that ovk drafted (base64 in JSON); their
	// embedded manifest and profile are compared.
	OldPDF []byte `json:"oud_pdf,omitempty"`
	NewPDF []byte `json:"nieuw_pdf,omitempty"`
}

// postDiff compares what the body names with package compare and answers
// the report as JSON (ovk-diff/2, the default), an HTML page or the Dutch
// redline PDF.
func (s *Server) postDiff(c echo.Context) error {
	out, err := requireAccept(c, mediaJSON, mediaHTML, mediaPDF)
	if err != nil {
		return err
	}
	if _, err := requireContentType(c, mediaJSON); err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	if probs := jsonSyntax(body); probs != nil {
		return probs
	}
	var dr DiffRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&dr); err != nil {
		return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidRequest, id: "err.api.invalid_request",
			details: diag.List{{ID: "err.json", Detail: err.Error()}}, cause: err}
	}
	release, err := s.acquire()
	if err != nil {
		return err
	}
	defer release()
	if err := checkDeadline(c); err != nil {
		return err
	}
	r, err := s.diffReport(&dr)
	if err != nil {
		return err
	}
	if err := checkDeadline(c); err != nil {
		return err
	}
	var buf bytes.Buffer
	switch out {
	case mediaHTML:
		loc := localizer(c)
		if err := compare.WriteHTML(&buf, r, loc.T, loc.Lang); err != nil {
			return err
		}
		return blob(c, mediaHTML+"; charset=utf-8", buf.Bytes())
	case mediaPDF:
		// The redline is a legal document and, like the agreement, Dutch.
		if err := pdf.RenderRedline(&buf, compare.Redline(r, l10n.For("nl").T)); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="redline.pdf"`)
		return blob(c, mediaPDF, buf.Bytes())
	}
	if err := compare.WriteJSON(&buf, r); err != nil {
		return err
	}
	return blob(c, mediaJSON, buf.Bytes())
}

// errDiffSides answers a DiffRequest that names no comparison.
func errDiffSides() *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidRequest, id: "err.api.diff_sides"}
}

// diffReport works out what dr compares and compares it.
func (s *Server) diffReport(dr *DiffRequest) (*compare.Report, error) {
	hasOld := len(dr.Old) > 0 || len(dr.OldPDF) > 0
	hasNew := len(dr.New) > 0 || len(dr.NewPDF) > 0
	if len(dr.Old) > 0 && len(dr.OldPDF) > 0 || len(dr.New) > 0 && len(dr.NewPDF) > 0 {
		return nil, errDiffSides()
	}
	switch {
	case len(dr.Profile) > 0:
		if hasOld || hasNew || dr.From == "" || dr.To == "" {
			return nil, errDiffSides()
		}
		dr.Old, dr.New = dr.Profile, dr.Profile
	case !hasOld && !hasNew:
		if dr.From == "" || dr.To == "" {
			return nil, errDiffSides()
		}
		od, err := s.named("van", dr.From)
		if err != nil {
			return nil, err
		}
		nd, err := s.named("naar", dr.To)
		if err != nil {
			return nil, err
		}
		r := compare.Releases(od.Lib, nd.Lib)
		r.Old.Name, r.New.Name = dr.From, dr.To
		return r, nil
	case !hasOld || !hasNew:
		return nil, errDiffSides()
	}
	key := func(k string) string {
		if len(dr.Profile) > 0 {
			return "profiel"
		}
		return k
	}
	old, err := s.diffSide(key("oud"), "oud_pdf", "van", dr.From, dr.Old, dr.OldPDF)
	if err != nil {
		return nil, err
	}
	nw, err := s.diffSide(key("nieuw"), "nieuw_pdf", "naar", dr.To, dr.New, dr.NewPDF)
	if err != nil {
		return nil, err
	}
	r, err := compare.Documents(old, nw)
	if errors.Is(err, compare.ErrManifest) {
		return nil, errPDF("", "err.api.pdf_manifest", err)
	}
	return r, err
}

// named returns release name, or the default one for ""; key is the field
// that named it.
func (s *Server) named(key, name string) (*draft.Drafter, error) {
	if name == "" {
		return s.def, nil
	}
	if d, ok := s.releases[name]; ok {
		return d, nil
	}
	r, err := s.cat.Release(name)
	if err != nil {
		ae := classify(err)
		ae.details[0].Key = key
		return nil, ae
	}
	return s.releases[r.Version()], nil
}

// diffSide turns one side of a DiffRequest into an agreement: a profile
// drafted under the side's release, or the manifest of a PDF.
func (s *Server) diffSide(key, pdfKey, releaseKey, releaseName string, src json.RawMessage, pdfData []byte) (*compare.Agreement, error) {
	if len(pdfData) > 0 {
		emb, err := pdf.ReadEmbedded(bytes.NewReader(pdfData), int64(len(pdfData)))
		switch {
		case errors.Is(err, pdf.ErrNoManifest):
			return nil, errPDF(pdfKey, "err.api.pdf_no_manifest", err)
		case err != nil:
			return nil, errPDF(pdfKey, "err.api.pdf_damaged", err)
		}
		p, err := ovk.EmbeddedProfile(pdfKey, emb)
		if err != nil {
			p = nil // the manifest alone still gives the articles and their parameters
		}
		return compare.FromManifest(compare.SidePDF, pdfKey, &emb.Manifest, p), nil
	}
	d, err := s.named(releaseKey, releaseName)
	if err != nil {
		return nil, err
	}
	p, err := profile.ParseJSON(key+".json", src)
	if err == nil {
		var res *draft.Result
		if res, err = d.Unbounded().Prepare(p); err == nil {
			return compare.FromDraft(compare.SideProfile, key, p, res.Selection, res.Doc), nil
		}
		err = profileError(p, err)
	}
	return nil, prefixFields(key, err)
}

// prefixFields puts key in front of the field paths of a profile's
// problems, so that they name the field within the DiffRequest.
func prefixFields(key string, err error) error {
	ae := classify(err)
	for i := range ae.details {
		if ae.details[i].Key != "" {
			ae.details[i].Key = key + "." + ae.details[i].Key
		} else {
			ae.details[i].Key = key
		}
	}
	return ae
}

func errPDF(key, id string, err error) *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidPDF, id: "err.api.invalid_pdf",
		details: diag.List{{Key: key, ID: id, Detail: strings.TrimSpace(err.Error())}}, cause: err}
}
