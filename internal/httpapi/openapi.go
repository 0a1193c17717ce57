package httpapi

import (
	_ "embed"
	"net/http"

	"github.com/labstack/echo/v4"
)

// openAPI is the API's OpenAPI 3 document, written by hand: every route,
// parameter, body and error response. GET /openapi.json serves it as it
// is; the tests check it and validate every response against it.
//
//go:embed openapi.json
var openAPI []byte

func (s *Server) getOpenAPI(c echo.Context) error {
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, openAPI)
}
