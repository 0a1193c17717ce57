package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// bodyPDF names the PDF of a request in results and problems.
const bodyPDF = "body.pdf"

// postVerify drafts the profile embedded in the PDF of the body again and
// answers whether the release drafts the same bytes (ovk-verify/2): the
// release the query names, else the one the PDF names when the server has
// it, else the default.
func (s *Server) postVerify(c echo.Context) error {
	if _, err := requireAccept(c, mediaJSON); err != nil {
		return err
	}
	if _, err := requireContentType(c, mediaPDF, mediaDOCX); err != nil {
		return err
	}
	release := c.QueryParam("release")
	if release != "" {
		var err error
		if release, err = s.named("release", release); err != nil {
			return err
		}
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	done, err := s.acquire()
	if err != nil {
		return err
	}
	defer done()
	if err := checkDeadline(c); err != nil {
		return err
	}
	res, err := s.cat.Verify(release, bodyPDF, body, localizer(c).T)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}
