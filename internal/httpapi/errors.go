package httpapi

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
)

// ErrorBody is the body of every error response: the JSON form of an error
// (ovk-error/1, defined in package ovk) with the request's X-Request-ID,
// for finding it in the log. Its code is the API's (the constants below).
type ErrorBody struct {
	ovk.ErrorView
	RequestID string `json:"request_id,omitempty"`
}

// Detail is one problem with the request: the field it is about (a key
// path such as "gemeente.nis"), its line and column in the body when known,
// a message id as code and the message in the caller's language.
type Detail = ovk.ProblemView

// The error codes, one per kind of error response.
const (
	CodeMalformed       = "malformed_body"         // 400
	CodeUnknownRelease  = "unknown_release"        // 400
	CodeNotFound        = "not_found"              // 404
	CodeClauseNotFound  = "clause_not_found"       // 404
	CodeMethod          = "method_not_allowed"     // 405
	CodeNotAcceptable   = "not_acceptable"         // 406
	CodeBodyTimeout     = "request_timeout"        // 408
	CodeBodyTooLarge    = "body_too_large"         // 413
	CodeMediaType       = "unsupported_media_type" // 415
	CodeInvalidProfile  = "invalid_profile"        // 422
	CodeNotServed       = "not_served"             // 422
	CodeMerged          = "merged"                 // 422
	CodeInvalidRequest  = "invalid_request"        // 422
	CodeInvalidPDF      = "invalid_pdf"            // 422
	CodeInvalidRegister = "invalid_register"       // 422
	CodeBusy            = "too_many_requests"      // 429
	CodeInternal        = "internal"               // 500
	CodeDeadline        = "deadline_exceeded"      // 503
	CodeShuttingDown    = "shutting_down"          // 503
	CodeClientClosed    = "client_closed"          // 499, for the log: the client has gone
	CodeHTTP            = "http_error"             // any other status from the router
)

const (
	ctxErrorCode         = "ovk.error_code" // the error code, for the access log
	headerRetryAfter     = "Retry-After"
	headerContentLang    = "Content-Language"
	headerAcceptLanguage = "Accept-Language"
)

// apiError is an error with the response the API gives it.
type apiError struct {
	status     int
	code       string
	id         string
	args       map[string]any
	details    diag.List
	retryAfter time.Duration
	cause      error
}

func (e *apiError) Error() string {
	s := e.code + ": " + diag.Untranslated(e.id, e.args)
	if e.cause != nil {
		s += ": " + e.cause.Error()
	}
	return s
}

func (e *apiError) Unwrap() error { return e.cause }

func errBusy(retry time.Duration) *apiError {
	return &apiError{status: http.StatusTooManyRequests, code: CodeBusy, id: "err.api.busy",
		args: diag.A("seconds", retrySeconds(retry)), retryAfter: retry}
}

func errDeadline(cause error) *apiError {
	return &apiError{status: http.StatusServiceUnavailable, code: CodeDeadline, id: "err.api.deadline",
		retryAfter: time.Second, cause: cause}
}

// statusClientClosed is the status the access log records for a request
// whose client went away before its answer (nginx's 499); nobody receives it.
const statusClientClosed = 499

func errClientGone(cause error) *apiError {
	return &apiError{status: statusClientClosed, code: CodeClientClosed, id: "err.api.client_closed", cause: cause}
}

func retrySeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// localizer returns the localizer of the request's Accept-Language; Dutch
// when it names neither Dutch nor English.
func localizer(c echo.Context) *l10n.Localizer {
	return l10n.For(c.Request().Header.Get(headerAcceptLanguage))
}

// response is the HTTP status and body code of an error code of the
// application layer; id, when set, replaces the error's message.
type response struct {
	status int
	code   string
	id     string
}

// responses is the one table from error codes to responses.
var responses = map[ovk.Code]response{
	ovk.Invalid:        {http.StatusUnprocessableEntity, CodeInvalidProfile, "err.api.invalid_profile"},
	ovk.Usage:          {http.StatusUnprocessableEntity, CodeInvalidRequest, ""},
	ovk.NotServed:      {http.StatusUnprocessableEntity, CodeNotServed, ""},
	ovk.Merged:         {http.StatusUnprocessableEntity, CodeMerged, ""},
	ovk.UnknownRelease: {http.StatusBadRequest, CodeUnknownRelease, ""},
	ovk.NotFound:       {http.StatusNotFound, CodeClauseNotFound, ""},
	ovk.InvalidPDF:     {http.StatusUnprocessableEntity, CodeInvalidPDF, ""},
	ovk.IO:             {http.StatusInternalServerError, CodeInternal, "err.api.internal"},
	ovk.System:         {http.StatusInternalServerError, CodeInternal, "err.api.internal"},
	ovk.Canceled:       {statusClientClosed, CodeClientClosed, "err.api.client_closed"},
	ovk.Deadline:       {http.StatusServiceUnavailable, CodeDeadline, "err.api.deadline"},
	ovk.Internal:       {http.StatusInternalServerError, CodeInternal, "err.api.internal"},
}

// classify turns any error a handler or middleware returns into the
// response it gets.
func classify(err error) *apiError {
	var (
		ae *apiError
		he *echo.HTTPError
		ne net.Error
	)
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.As(err, &he):
		return fromHTTPError(he)
	case errors.As(err, &ne) && ne.Timeout():
		return &apiError{status: http.StatusRequestTimeout, code: CodeBodyTimeout, id: "err.api.body_timeout", cause: err}
	}
	e := ovk.AsError(err)
	if e.Code == ovk.Invalid {
		return invalidProfile(e.Problems)
	}
	r, ok := responses[e.Code]
	if !ok {
		r = responses[ovk.Internal]
	}
	ae = &apiError{status: r.status, code: r.code, id: e.ID, args: e.Args, details: e.Problems, cause: err}
	if r.id != "" {
		ae.id = r.id
	}
	if e.Code == ovk.Deadline {
		ae.retryAfter = time.Second
	}
	return ae
}

// invalidProfile answers the problems of a profile: 400 when the body is
// not JSON or TOML at all, 422 when it is but says something wrong.
func invalidProfile(list diag.List) *apiError {
	for _, p := range list {
		if p.ID == "err.toml.syntax" || p.ID == idJSONSyntax {
			return &apiError{status: http.StatusBadRequest, code: CodeMalformed, id: "err.api.malformed",
				details: list, cause: list}
		}
	}
	return &apiError{status: http.StatusUnprocessableEntity, code: CodeInvalidProfile, id: "err.api.invalid_profile",
		args: diag.A("count", len(list)), details: list, cause: list}
}

func fromHTTPError(he *echo.HTTPError) *apiError {
	ae := &apiError{status: he.Code, cause: he}
	switch he.Code {
	case http.StatusNotFound:
		ae.code, ae.id = CodeNotFound, "err.api.not_found"
	case http.StatusMethodNotAllowed:
		ae.code, ae.id = CodeMethod, "err.api.method"
	case http.StatusRequestEntityTooLarge:
		ae.code, ae.id = CodeBodyTooLarge, "err.api.body_too_large"
	default:
		ae.code, ae.id = CodeHTTP, "err.api.http"
		ae.args = diag.A("status", fmt.Sprintf("%d %s", he.Code, http.StatusText(he.Code)))
	}
	return ae
}

// handleError is echo's HTTPErrorHandler: it answers every error with an
// ErrorBody in the caller's language.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	ae := classify(err)
	loc := localizer(c)
	body := s.errorBody(c, ae, loc)
	c.Set(ctxErrorCode, ae.code)
	h := c.Response().Header()
	h.Set(headerContentLang, loc.Lang)
	if ae.retryAfter > 0 {
		h.Set(headerRetryAfter, strconv.Itoa(retrySeconds(ae.retryAfter)))
	}
	var werr error
	if c.Request().Method == http.MethodHead {
		werr = c.NoContent(ae.status)
	} else {
		werr = c.JSON(ae.status, body)
	}
	if werr != nil {
		s.opt.Logger.Warn("writing an error response", "request_id", requestID(c), "error", werr.Error())
	}
}

// errorBody renders ae in the language of loc.
func (s *Server) errorBody(c echo.Context, ae *apiError, loc *l10n.Localizer) ErrorBody {
	req := c.Request()
	args := ae.args
	switch ae.code {
	case CodeNotFound, CodeMethod:
		args = diag.A("path", req.URL.Path, "method", req.Method)
	case CodeBodyTooLarge:
		args = diag.A("limit", s.bodyLimit(c))
	case CodeDeadline:
		args = diag.A("deadline", s.deadlineOf(c).String())
	case CodeInternal:
		args = diag.A("request_id", requestID(c))
	}
	// The body's problems name no file: the request has none.
	details := make(diag.List, len(ae.details))
	for i, p := range ae.details {
		p.File = ""
		details[i] = p
	}
	view := (&ovk.Error{Problems: details}).View(loc.T)
	view.Code, view.Message = ae.code, loc.T(ae.id, args)
	return ErrorBody{ErrorView: view, RequestID: requestID(c)}
}

// bodyLimit is the body size limit of the request's route.
func (s *Server) bodyLimit(c echo.Context) int64 {
	if c.Path() == routeBatch {
		return s.opt.MaxBatchBody
	}
	return s.opt.MaxBody
}

// deadlineOf is the deadline of the request's route.
func (s *Server) deadlineOf(c echo.Context) time.Duration {
	if c.Path() == routeBatch {
		return s.opt.BatchDeadline
	}
	return s.opt.Deadline
}
