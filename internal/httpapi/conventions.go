package httpapi

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk"
)

// This file holds what HTTP clients expect of every route: HEAD wherever
// GET is served, 406 when Accept allows no answer the route gives, and a
// query parameter the route does not know refused instead of ignored
// (?releas=2020.1 would otherwise draft under the default release).

// queryParams are the query parameters of each API route (echo's path).
var queryParams = map[string][]string{
	"/healthz":        nil,
	"/readyz":         nil,
	"/openapi.json":   nil,
	"/version":        nil,
	"/v1/releases":    nil,
	"/v1/clauses":     {"release"},
	"/v1/clauses/:id": nil,
	"/v1/agreements":  {"release"},
	"/v1/diff":        nil,
	"/v1/verify":      {"release"},
	routeBatch:        {"release", "ontwerp"},
}

// jsonOnly are the GET routes whose only answer is JSON.
var jsonOnly = map[string]bool{"/healthz": true, "/version": true, "/readyz": true, "/openapi.json": true,
	"/v1/releases": true, "/v1/clauses": true, "/v1/clauses/:id": true}

// headAsGet serves HEAD as GET without the body (echo has no HEAD of its
// own; a HEAD on a route without GET stays 405).
func headAsGet(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method != http.MethodHead {
			return next(c)
		}
		r.Method = http.MethodGet
		c.Response().Writer = headWriter{c.Response().Writer}
		return next(c)
	}
}

// headWriter keeps a response's status and headers and drops its body.
type headWriter struct{ http.ResponseWriter }

func (w headWriter) Write(b []byte) (int, error) { return len(b), nil }

// clientConventions refuses unknown query parameters and answers 406 on
// the JSON-only routes when Accept allows no JSON.
func clientConventions(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		known, ok := queryParams[c.Path()]
		if !ok {
			return next(c)
		}
		var unknown []string
		for name := range c.QueryParams() {
			if !contains(known, name) {
				unknown = append(unknown, name)
			}
		}
		if len(unknown) > 0 {
			sort.Strings(unknown)
			var details diag.List
			for _, name := range unknown {
				args := diag.A("name", name, "known", strings.Join(known, ", "))
				if s := diag.Suggest(name, known); len(s) > 0 {
					args["suggest"] = strings.Join(s, ", ")
				}
				details = append(details, diag.Problem{Key: name, ID: "err.api.unknown_query", Args: args})
			}
			return &apiError{status: http.StatusBadRequest, code: CodeInvalidRequest, id: "err.api.unknown_query_params",
				args: diag.A("names", strings.Join(unknown, ", ")), details: details}
		}
		if jsonOnly[c.Path()] {
			if _, err := requireAccept(c, mediaJSON); err != nil {
				return err
			}
		}
		return next(c)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// zipTime is the date of a batch zip's entries: the release's van_kracht
// (a real date, the same for the same inputs), else 1 January 1980, the
// first date a zip can hold.
func (s *Server) zipTime(release string) time.Time {
	if r, err := s.cat.Release(release); err == nil && r.Info.Effective.Year >= 1980 {
		d := r.Info.Effective
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
}

// getVersion answers GET /version: the version of ovk that serves.
func getVersion(c echo.Context) error { return c.JSON(http.StatusOK, ovk.CurrentVersion()) }
