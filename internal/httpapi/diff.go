package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk"
)

// DiffRequest is the body of POST /v1/diff. It names what is compared, the
// way "ovk diff" does with its arguments:
//   - two releases: From and To;
//   - one municipality under two releases: Profile, From and To;
//   - two agreements: Old or OldPDF, and New or NewPDF; a profile is
//     drafted under From (Old) or To (New), else the default release.
type DiffRequest struct {
	From    string          `json:"from,omitempty"`
	To      string          `json:"to,omitempty"`
	Profile json.RawMessage `json:"profile,omitempty"`
	Old     json.RawMessage `json:"old,omitempty"`
	New     json.RawMessage `json:"new,omitempty"`
	// OldPDF and NewPDF are PDFs that ovk drafted (base64 in JSON); their
	// embedded manifest and profile are compared.
	OldPDF []byte `json:"old_pdf,omitempty"`
	NewPDF []byte `json:"new_pdf,omitempty"`
}

// The keys of a DiffRequest, as problems name them.
const (
	keyFrom    = "from"
	keyTo      = "to"
	keyProfile = "profile"
	keyOld     = "old"
	keyNew     = "new"
	keyOldPDF  = "old_pdf"
	keyNewPDF  = "new_pdf"
)

// postDiff compares what the body names with package compare and answers
// the report as JSON (ovk-diff/2, the default), an HTML page or the Dutch
// redline PDF.
func (s *Server) postDiff(c echo.Context) error {
	out, err := requireAccept(c, mediaJSON, mediaHTML, mediaPDF, mediaDOCX)
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
	done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()
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
	loc := localizer(c)
	switch out {
	case mediaHTML:
		if err := ovk.WriteReport(&buf, r, ovk.ReportHTML, loc, false); err != nil {
			return err
		}
		return blob(c, mediaHTML+"; charset=utf-8", buf.Bytes())
	case mediaPDF:
		if err := ovk.WriteReport(&buf, r, ovk.ReportPDF, loc, false); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="redline.pdf"`)
		return blob(c, mediaPDF, buf.Bytes())
	case mediaDOCX:
		if err := s.cat.WriteRedlineDOCX(&buf, r); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="redline.docx"`)
		return blob(c, mediaDOCX, buf.Bytes())
	}
	if err := ovk.WriteReport(&buf, r, ovk.ReportJSON, loc, false); err != nil {
		return err
	}
	return blob(c, mediaJSON, buf.Bytes())
}

// errDiffSides answers a DiffRequest that names no comparison.
func errDiffSides() *apiError {
	return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidRequest, id: "err.api.diff_sides"}
}

// diffReport works out what dr compares and compares it.
func (s *Server) diffReport(dr *DiffRequest) (*ovk.Report, error) {
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
		from, err := s.named(keyFrom, dr.From)
		if err != nil {
			return nil, err
		}
		to, err := s.named(keyTo, dr.To)
		if err != nil {
			return nil, err
		}
		r, err := s.cat.DiffReleases(from, to)
		if err != nil {
			return nil, err
		}
		r.Old.Name, r.New.Name = dr.From, dr.To
		return r, nil
	case !hasOld || !hasNew:
		return nil, errDiffSides()
	}
	key := func(k string) string {
		if len(dr.Profile) > 0 {
			return keyProfile
		}
		return k
	}
	old, err := s.diffSide(key(keyOld), keyOldPDF, keyFrom, dr.From, dr.Old, dr.OldPDF)
	if err != nil {
		return nil, err
	}
	nw, err := s.diffSide(key(keyNew), keyNewPDF, keyTo, dr.To, dr.New, dr.NewPDF)
	if err != nil {
		return nil, err
	}
	return ovk.Diff(old, nw)
}

// diffSide turns one side of a DiffRequest into an agreement: a profile
// drafted under the side's release, or the manifest of a PDF.
func (s *Server) diffSide(key, pdfKey, releaseKey, releaseName string, src json.RawMessage, pdfData []byte) (*ovk.Side, error) {
	if len(pdfData) > 0 {
		return ovk.SideFromPDF(pdfKey, pdfData)
	}
	release, err := s.named(releaseKey, releaseName)
	if err != nil {
		return nil, err
	}
	p, err := ovk.ParseProfile(key+".json", src, true)
	if err == nil {
		var side *ovk.Side
		if side, err = s.cat.SideFromProfile(release, p, key); err == nil {
			return side, nil
		}
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
