package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
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

func (s *Server) getReleases(c echo.Context) error { return c.JSON(http.StatusOK, s.cat.List(s.def)) }

func (s *Server) getClauses(c echo.Context) error {
	release, err := s.release(c)
	if err != nil {
		return err
	}
	out, err := s.cat.Clauses(release)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}

func (s *Server) getClause(c echo.Context) error {
	out, err := s.cat.Clause(c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, out)
}
