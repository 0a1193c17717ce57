// Package httpapi owns ovk's HTTP API: routes, content negotiation, limits,
// the JSON error shape, the access log and the OpenAPI document. It adds no
// logic of its own: every route calls the same pipeline (package draft) as
// the command line.
//
// It is the only package that imports echo (github.com/labstack/echo/v4).
// Echo v4 reaches the end of its maintenance on 2026-12-31; keep echo's
// types inside this package (callers see only http.Handler, *http.Server
// and this package's own types), so that moving to another router is a
// one-package job.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/agii/ovk/internal/ovk"
)

// Options are the API's limits. A zero field takes its default.
type Options struct {
	// Release is the release used when a request names none; "" is the
	// newest.
	Release string
	// MaxBody is the largest request body of most routes, in bytes
	// (default 1 MiB); MaxBatchBody that of POST /v1/batch (default 32 MiB).
	MaxBody, MaxBatchBody int64
	// Deadline is the time a request may take from its start to its last
	// byte (default 10 s); BatchDeadline that of POST /v1/batch (default
	// 5 min). The pipeline checks it before each stage.
	Deadline, BatchDeadline time.Duration
	// MaxDrafting bounds the requests drafting at once (default
	// 4 × GOMAXPROCS); past it a request is answered 429 with Retry-After.
	MaxDrafting int
	// RetryAfter is what a 429 tells the client to wait (default 1 s).
	RetryAfter time.Duration
	// ReadHeaderTimeout, ReadTimeout and IdleTimeout configure the
	// http.Server (defaults 5 s, 30 s, 120 s). Its WriteTimeout is Deadline
	// plus 5 s; routes with a longer deadline extend it per request.
	ReadHeaderTimeout, ReadTimeout, IdleTimeout time.Duration
	// Logger receives the access log (default: slog.Default()).
	Logger *slog.Logger
}

func (o *Options) defaults() {
	set := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 1 << 20
	}
	if o.MaxBatchBody <= 0 {
		o.MaxBatchBody = 32 << 20
	}
	set(&o.Deadline, 10*time.Second)
	set(&o.BatchDeadline, 5*time.Minute)
	if o.MaxDrafting <= 0 {
		o.MaxDrafting = 4 * runtime.GOMAXPROCS(0)
	}
	set(&o.RetryAfter, time.Second)
	set(&o.ReadHeaderTimeout, 5*time.Second)
	set(&o.ReadTimeout, 30*time.Second)
	set(&o.IdleTimeout, 120*time.Second)
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// routeBatch is the route whose limits differ.
const routeBatch = "/v1/batch"

// writeGrace is the time past a request's deadline its response may still
// take to write.
const writeGrace = 5 * time.Second

// Server is the HTTP API over a set of library releases opened at start-up.
// It is an http.Handler.
type Server struct {
	opt      Options
	e        *echo.Echo
	cat      *ovk.Catalog
	names    []string      // release names, sorted
	def      string        // the default release's name
	sem      chan struct{} // one slot per request drafting
	batchSem chan struct{} // one slot: one batch at a time
	draining atomic.Bool
}

// New opens every release of src once and builds the API over them. The
// library is never read again, and no request can name a file.
func New(src ovk.Source, opt Options) (*Server, error) {
	opt.defaults()
	s := &Server{opt: opt, sem: make(chan struct{}, opt.MaxDrafting), batchSem: make(chan struct{}, 1)}
	cat, err := ovk.Open(src)
	if err != nil {
		return nil, err
	}
	if err := cat.Problems().Err(); err != nil {
		return nil, err
	}
	if err := cat.LoadAll(); err != nil {
		return nil, err
	}
	def, err := cat.Release(opt.Release)
	if err != nil {
		return nil, err
	}
	s.cat, s.def = cat, def.Version()
	for _, r := range cat.Releases() {
		s.names = append(s.names, r.Name)
	}
	s.e = s.routes()
	return s, nil
}

// Releases lists the names of the releases served, sorted.
func (s *Server) Releases() []string { return append([]string(nil), s.names...) }

// DefaultRelease is the release of requests that name none.
func (s *Server) DefaultRelease() string { return s.def }

// Catalog is the catalog of releases the API serves.
func (s *Server) Catalog() *ovk.Catalog { return s.cat }

// Mount serves h (the drafting page, internal/web) at the echo paths
// given, under the API's body limit and deadline; a POST takes a drafting
// slot, and is answered 429 when none is free, as the API's routes are.
func (s *Server) Mount(h http.Handler, paths ...string) {
	small := middleware.BodyLimit(fmt.Sprintf("%dB", s.opt.MaxBody))
	slot := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if c.Request().Method != http.MethodPost {
				return next(c)
			}
			release, err := s.acquire()
			if err != nil {
				return err
			}
			defer release()
			return next(c)
		}
	}
	for _, p := range paths {
		s.e.Match([]string{http.MethodGet, http.MethodHead, http.MethodPost}, p, echo.WrapHandler(h), s.deadline(s.opt.Deadline), small, slot)
	}
}

// ServeHTTP serves one request, middleware included.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.e.ServeHTTP(w, r) }

// HTTPServer returns an http.Server for s at addr with the read, write and
// idle timeouts of its options.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: s.opt.ReadHeaderTimeout,
		ReadTimeout:       s.opt.ReadTimeout,
		WriteTimeout:      s.opt.Deadline + writeGrace,
		IdleTimeout:       s.opt.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opt.Logger.Handler(), slog.LevelWarn),
	}
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: /readyz turns 503, the listener closes, and requests in flight
// get up to drain to finish. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener, drain time.Duration) error {
	srv := s.HTTPServer(ln.Addr().String())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	s.draining.Store(true)
	s.opt.Logger.Info("shutting down", "drain", drain.String())
	sctx, cancel := context.WithTimeout(context.Background(), drain)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}

// routes builds the echo instance: middleware (outermost first) and routes.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	// The access log records the peer's address, never a forwarded header
	// that a client can forge.
	e.IPExtractor = echo.ExtractIPDirect()
	e.Pre(headAsGet)
	e.Use(s.requestID, s.accessLog(), clientConventions, middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableStackAll: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.opt.Logger.Error("panic", "request_id", requestID(c), "error", err.Error(), "stack", string(stack))
			return err
		},
	}))

	// Route middleware, not group middleware: an echo group with middleware
	// answers 404 instead of 405 for a known path with the wrong method.
	small := middleware.BodyLimit(fmt.Sprintf("%dB", s.opt.MaxBody))
	large := middleware.BodyLimit(fmt.Sprintf("%dB", s.opt.MaxBatchBody))
	deadline := s.deadline(s.opt.Deadline)

	e.GET("/healthz", s.getHealth)
	e.GET("/readyz", s.getReady)
	e.GET("/openapi.json", s.getOpenAPI)
	e.GET("/version", getVersion)
	e.GET("/v1/releases", s.getReleases, deadline)
	e.GET("/v1/clauses", s.getClauses, deadline)
	e.GET("/v1/clauses/:id", s.getClause, deadline)
	e.POST("/v1/agreements", s.postAgreement, deadline, small)
	e.POST("/v1/diff", s.postDiff, deadline, small)
	e.POST("/v1/verify", s.postVerify, deadline, large)
	e.POST(routeBatch, s.postBatch, s.deadline(s.opt.BatchDeadline), large)
	return e
}

// deadline gives each request d from now: its context ends then (the
// pipeline checks it before each stage), and its response may take writeGrace
// longer to write.
func (s *Server) deadline(d time.Duration) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx, cancel := context.WithTimeout(c.Request().Context(), d)
			defer cancel()
			c.SetRequest(c.Request().WithContext(ctx))
			// Not every ResponseWriter supports deadlines (a test recorder
			// does not); the server's WriteTimeout still holds then.
			_ = http.NewResponseController(c.Response()).SetWriteDeadline(time.Now().Add(d + writeGrace))
			return next(c)
		}
	}
}

// acquire takes a drafting slot without waiting. The caller must call the
// returned release.
func (s *Server) acquire() (release func(), err error) {
	select {
	case s.sem <- struct{}{}:
		return func() { <-s.sem }, nil
	default:
		return nil, errBusy(s.opt.RetryAfter)
	}
}

// checkDeadline stops a request before its next stage when its deadline
// has passed or its client has gone.
func checkDeadline(c echo.Context) error {
	switch err := c.Request().Context().Err(); {
	case err == nil:
		return nil
	case errors.Is(err, context.Canceled):
		return errClientGone(err)
	default:
		return errDeadline(err)
	}
}

// release returns the name of the release the query parameter release
// names, or the default one; an unknown name is an error.
func (s *Server) release(c echo.Context) (string, error) {
	return s.named("release", c.QueryParam("release"))
}

// named returns release name, or the default one for ""; key is the field
// that named it.
func (s *Server) named(key, name string) (string, error) {
	if name == "" {
		return s.def, nil
	}
	r, err := s.cat.Release(name)
	if err != nil {
		ae := classify(err)
		for i := range ae.details {
			ae.details[i].Key = key
		}
		return "", ae
	}
	return r.Version(), nil
}
