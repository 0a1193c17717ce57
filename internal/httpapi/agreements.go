package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/ovk"
)

// The names profiles from a request body carry in the pipeline.
const (
	bodyJSON = "body.json"
	bodyTOML = "body.toml"
)

// postAgreement drafts one agreement: the profile in the body (JSON, or
// TOML), the PDF, the assembled agreement as JSON or its text out.
func (s *Server) postAgreement(c echo.Context) error {
	out, err := requireAccept(c, mediaPDF, mediaJSON, mediaText, mediaDOCX)
	if err != nil {
		return err
	}
	in, err := requireContentType(c, mediaJSON, mediaTOML)
	if err != nil {
		return err
	}
	release, err := s.release(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	// The slot is taken only now, so that a slow upload holds none.
	done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()

	if err := checkDeadline(c); err != nil {
		return err
	}
	p, err := parseProfile(in, body)
	if err != nil {
		return err
	}
	setWarnings(c, p.Warnings)
	if err := checkDeadline(c); err != nil {
		return err
	}
	a, err := s.cat.Prepare(release, p)
	if err != nil {
		return err
	}
	if err := checkDeadline(c); err != nil {
		return err
	}
	switch out {
	case mediaJSON:
		return c.JSON(http.StatusOK, a.View(localizer(c).T))
	case mediaText:
		data, err := a.Bytes(ovk.Text)
		if err != nil {
			return err
		}
		return blob(c, mediaText+"; charset=utf-8", data)
	}
	f := ovk.PDF
	if out == mediaDOCX {
		f = ovk.DOCX
	}
	data, err := a.Bytes(f)
	if err != nil {
		return err
	}
	m := p.Municipality
	c.Response().Header().Set(echo.HeaderContentDisposition, contentDisposition(m.NIS, m.Name, ovk.Extension(f)))
	return blob(c, out, data)
}

// blob writes a whole body with its length.
func blob(c echo.Context, contentType string, data []byte) error {
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(data)))
	return c.Blob(http.StatusOK, contentType, data)
}

// parseProfile reads a profile in the request's media type.
func parseProfile(mediaType string, body []byte) (*ovk.Profile, error) {
	if mediaType == mediaTOML {
		return ovk.ParseProfile(bodyTOML, body, false)
	}
	if probs := jsonSyntax(body); probs != nil {
		return nil, probs
	}
	return ovk.ParseProfile(bodyJSON, body, true)
}
