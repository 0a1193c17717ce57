package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// HeaderRequestID carries the request id: taken from the request when it
// is a plausible id, made up otherwise, and always echoed in the response.
const HeaderRequestID = echo.HeaderXRequestID

const ctxRequestID = "ovk.request_id"

// validRequestID accepts the ids a proxy or client may send; anything else
// (too long, spaces, control characters) is replaced so that it cannot
// forge log lines. (The length is checked apart: a counted repetition
// {1,64} compiles into 64 copies of the class, milliseconds at start-up.)
var validRequestID = regexp.MustCompile(`^[A-Za-z0-9._:-]+$`)

func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestID is the outermost middleware: it settles the request id before
// anything can fail.
func (s *Server) requestID(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		id := c.Request().Header.Get(HeaderRequestID)
		if len(id) > 64 || !validRequestID.MatchString(id) {
			id = newRequestID()
		}
		c.Set(ctxRequestID, id)
		c.Response().Header().Set(HeaderRequestID, id)
		return next(c)
	}
}

func requestID(c echo.Context) string {
	id, _ := c.Get(ctxRequestID).(string)
	return id
}

// accessLog writes one structured line per request to the server's logger,
// after the error handler has chosen the status.
func (s *Server) accessLog() echo.MiddlewareFunc {
	log := s.opt.Logger
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		HandleError:      true,
		LogLatency:       true,
		LogMethod:        true,
		LogURI:           true,
		LogRoutePath:     true,
		LogStatus:        true,
		LogError:         true,
		LogRemoteIP:      true,
		LogContentLength: true,
		LogResponseSize:  true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			attrs := []slog.Attr{
				slog.String("request_id", requestID(c)),
				slog.String("method", v.Method),
				slog.String("uri", v.URI),
				slog.String("route", v.RoutePath),
				slog.Int("status", v.Status),
				slog.Float64("latency_ms", float64(v.Latency.Microseconds())/1000),
				slog.String("bytes_in", v.ContentLength),
				slog.Int64("bytes_out", v.ResponseSize),
				slog.String("remote_ip", v.RemoteIP),
			}
			level := slog.LevelInfo
			if code, ok := c.Get(ctxErrorCode).(string); ok {
				attrs = append(attrs, slog.String("error_code", code))
			}
			if v.Status >= 500 {
				level = slog.LevelError
				if v.Error != nil {
					attrs = append(attrs, slog.String("error", v.Error.Error()))
				}
			}
			log.LogAttrs(context.Background(), level, "request", attrs...)
			return nil
		},
	})
}
