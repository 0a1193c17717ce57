package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/ovk"
)

func init() {
	openapi3filter.RegisterBodyDecoder(mediaPDF, openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder(mediaTOML, openapi3filter.PlainBodyDecoder)
	openapi3filter.RegisterBodyDecoder(mediaZip, openapi3filter.FileBodyDecoder)
	openapi3filter.RegisterBodyDecoder(mediaHTML, openapi3filter.PlainBodyDecoder)
}

// syncBuffer is a log sink that tests read while requests write to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// api is a server under test with the OpenAPI document it serves.
type api struct {
	s      *Server
	log    *syncBuffer
	doc    *openapi3.T
	router routers.Router
}

// newAPI builds a server over the embedded library; the OpenAPI document
// is the one GET /openapi.json serves.
func newAPI(t *testing.T, opt Options) *api {
	t.Helper()
	log := &syncBuffer{}
	opt.Logger = slog.New(slog.NewJSONHandler(log, nil))
	s, err := New(ovk.Embedded, opt)
	if err != nil {
		t.Fatal(err)
	}
	a := &api{s: s, log: log}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /openapi.json: %d %s", rec.Code, rec.Body)
	}
	a.doc, a.router = loadDoc(t, rec.Body.Bytes())
	a.check(t, httptest.NewRequest(http.MethodGet, "/openapi.json", nil), nil, rec)
	return a
}

var docCache sync.Map // served bytes → *openapi3.T

func loadDoc(t *testing.T, src []byte) (*openapi3.T, routers.Router) {
	t.Helper()
	doc, ok := docCache.Load(string(src))
	if !ok {
		d, err := openapi3.NewLoader().LoadFromData(src)
		if err != nil {
			t.Fatalf("openapi.json: %v", err)
		}
		if err := d.Validate(context.Background()); err != nil {
			t.Fatalf("openapi.json: %v", err)
		}
		doc, _ = docCache.LoadOrStore(string(src), d)
	}
	router, err := gorillamux.NewRouter(doc.(*openapi3.T))
	if err != nil {
		t.Fatal(err)
	}
	return doc.(*openapi3.T), router
}

// req is one request of a test.
type req struct {
	method, path string
	body         []byte
	header       map[string]string
	// invalid marks a request that breaks the OpenAPI document on purpose;
	// only its response is validated.
	invalid bool
}

// do serves r through every middleware and validates the response (and a
// valid request) against the served OpenAPI document.
func (a *api) do(t *testing.T, r req) *httptest.ResponseRecorder {
	t.Helper()
	hr := r.build()
	rec := httptest.NewRecorder()
	a.s.ServeHTTP(rec, hr)
	var body []byte
	if !r.invalid {
		body = r.body
	}
	a.check(t, r.build(), body, rec)
	return rec
}

func (r req) build() *http.Request {
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	return hr
}

// check validates a response against the document: through its operation
// when the route is in the document, else against the Error schema. A
// non-nil reqBody also has the request validated.
func (a *api) check(t *testing.T, hr *http.Request, reqBody []byte, rec *httptest.ResponseRecorder) {
	t.Helper()
	validateResponse(t, a.doc, a.router, hr, reqBody, rec.Code, rec.Header(), rec.Body.Bytes())
}

func validateResponse(t *testing.T, doc *openapi3.T, router routers.Router, hr *http.Request, reqBody []byte,
	status int, header http.Header, body []byte) {
	t.Helper()
	for _, err := range validate(doc, router, hr, reqBody, status, header, body) {
		t.Errorf("%s %s → %d: %v", hr.Method, hr.URL, status, err)
	}
}

// validate returns every way in which a response (and a non-nil request
// body) breaks the document.
func validate(doc *openapi3.T, router routers.Router, hr *http.Request, reqBody []byte,
	status int, header http.Header, body []byte) []error {
	var errs []error
	if header.Get(HeaderRequestID) == "" {
		errs = append(errs, errors.New("no X-Request-ID header"))
	}
	ctx := context.Background()
	route, params, err := router.FindRoute(hr)
	if err != nil {
		// Not a route of the document: it must be an error in the Error shape.
		if status < 400 {
			errs = append(errs, fmt.Errorf("status %d for a route the document lacks", status))
		}
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return append(errs, fmt.Errorf("error body is not JSON: %w", err))
		}
		if err := doc.Components.Schemas["Error"].Value.VisitJSON(v); err != nil {
			errs = append(errs, fmt.Errorf("error body does not match the Error schema: %w", err))
		}
		return errs
	}
	in := &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true}}
	if reqBody != nil {
		hr.Body = io.NopCloser(bytes.NewReader(reqBody))
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			errs = append(errs, fmt.Errorf("request does not match the document: %w", err))
		}
	}
	err = openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
	if err != nil {
		errs = append(errs, fmt.Errorf("response does not match the document: %w", err))
	}
	return errs
}

// errorBody decodes an error response and checks its status and code.
func errorBody(t *testing.T, rec *httptest.ResponseRecorder, status int, code string) ErrorBody {
	t.Helper()
	var eb ErrorBody
	if rec.Code != status {
		t.Fatalf("status %d, want %d: %s", rec.Code, status, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &eb); err != nil {
		t.Fatal(err)
	}
	if eb.Code != code {
		t.Errorf("code %q, want %q (%s)", eb.Code, code, eb.Message)
	}
	if eb.RequestID != rec.Header().Get(HeaderRequestID) {
		t.Errorf("request_id %q, header %q", eb.RequestID, rec.Header().Get(HeaderRequestID))
	}
	return eb
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// example is a profile of examples/ as TOML.
func example(t *testing.T, name string) []byte { return readFile(t, "../../examples/"+name+".toml") }

// opwijkJSON is examples/23060-opwijk.toml as JSON.
func opwijkJSON(t *testing.T) []byte { return readFile(t, "testdata/23060-opwijk.json") }

// post is a POST /v1/agreements with body of contentType; header holds
// more header names and values, which may override Content-Type.
func post(contentType string, body []byte, header ...string) req {
	h := map[string]string{"Content-Type": contentType}
	for i := 0; i+1 < len(header); i += 2 {
		h[header[i]] = header[i+1]
	}
	return req{method: http.MethodPost, path: "/v1/agreements", body: body, header: h}
}

func tomlReq(body []byte, header ...string) req { return post(mediaTOML, body, header...) }

func jsonReq(body []byte, header ...string) req { return post(mediaJSON, body, header...) }

// replace returns src with old replaced by new exactly once.
func replace(t *testing.T, src []byte, old, new string) []byte {
	t.Helper()
	if strings.Count(string(src), old) != 1 {
		t.Fatalf("%q occurs %d times", old, strings.Count(string(src), old))
	}
	return []byte(strings.Replace(string(src), old, new, 1))
}

// embeddedDrafter returns the drafter of an embedded release ("" the default).
func embeddedDrafter(name string) (*draft.Drafter, error) {
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		return nil, err
	}
	return cat.Drafter(name)
}
