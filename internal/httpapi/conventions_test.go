package httpapi

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestHeadOnEveryGetRoute: HEAD answers as GET does, without a body.
func TestHeadOnEveryGetRoute(t *testing.T) {
	a := newAPI(t, Options{})
	for _, path := range []string{"/healthz", "/readyz", "/openapi.json", "/version", "/v1/releases", "/v1/clauses", "/v1/clauses/taalbeleid"} {
		get, head := httptest.NewRecorder(), httptest.NewRecorder()
		a.s.ServeHTTP(get, httptest.NewRequest(http.MethodGet, path, nil))
		a.s.ServeHTTP(head, httptest.NewRequest(http.MethodHead, path, nil))
		if head.Code != get.Code || head.Code != http.StatusOK || head.Body.Len() != 0 ||
			head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s: %d %q (GET: %d %q), body %d bytes", path, head.Code, head.Header().Get("Content-Type"),
				get.Code, get.Header().Get("Content-Type"), head.Body.Len())
		}
	}
	rec := httptest.NewRecorder()
	a.s.ServeHTTP(rec, httptest.NewRequest(http.MethodHead, "/v1/agreements", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("HEAD on a POST route: %d", rec.Code)
	}
}

// TestNotAcceptableOnEveryRoute: a JSON-only route answers 406 when Accept
// allows no JSON, as the drafting routes do.
func TestNotAcceptableOnEveryRoute(t *testing.T) {
	a := newAPI(t, Options{})
	for _, path := range []string{"/healthz", "/openapi.json", "/v1/releases", "/v1/clauses", "/v1/clauses/taalbeleid"} {
		rec := a.do(t, req{method: http.MethodGet, path: path, header: map[string]string{"Accept": "application/xml"}, invalid: true})
		if rec.Code != http.StatusNotAcceptable || !strings.Contains(rec.Body.String(), `"code":"not_acceptable"`) {
			t.Errorf("%s: %d %s", path, rec.Code, rec.Body)
		}
		rec = a.do(t, req{method: http.MethodGet, path: path, header: map[string]string{"Accept": "application/*;q=0.5, text/html"}})
		if rec.Code != http.StatusOK {
			t.Errorf("%s with application/*: %d", path, rec.Code)
		}
	}
}

// TestUnknownQueryParameter: ?releas= is refused with the parameter meant,
// in both languages, instead of drafting under the default release.
func TestUnknownQueryParameter(t *testing.T) {
	a := newAPI(t, Options{})
	for _, c := range []struct {
		path, lang, want string
	}{
		{"/v1/clauses?releas=2020.1", "nl", "onbekende queryparameter releas: bedoelt u release?"},
		{"/v1/clauses?releas=2020.1", "en", "unknown query parameter releas: did you mean release?"},
		{"/v1/releases?x=1", "nl", "onbekende queryparameter x (deze route heeft er geen)"},
		{"/v1/batch?ontwerpp=true", "en", "unknown query parameter ontwerpp: did you mean ontwerp?"},
	} {
		method := http.MethodGet
		if strings.HasPrefix(c.path, "/v1/batch") {
			method = http.MethodPost
		}
		rec := a.do(t, req{method: method, path: c.path, header: map[string]string{"Accept-Language": c.lang}, invalid: true})
		var body struct {
			Code    string `json:"code"`
			Details []struct {
				Field   string `json:"field"`
				Message string `json:"message"`
			} `json:"details"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != http.StatusBadRequest || body.Code != CodeInvalidRequest || len(body.Details) != 1 ||
			!strings.Contains(body.Details[0].Message, c.want) {
			t.Errorf("%s (%s): %d %s", c.path, c.lang, rec.Code, rec.Body)
		}
	}
	if rec := a.do(t, req{method: http.MethodGet, path: "/v1/clauses?release=2020.1"}); rec.Code != http.StatusOK {
		t.Errorf("a known parameter: %d %s", rec.Code, rec.Body)
	}
}

// TestBatchZipDates: every entry of a batch zip carries a real date, the
// release's van_kracht.
func TestBatchZipDates(t *testing.T) {
	a := newAPI(t, Options{})
	csv := "nis,naam,provincie,adres,inwoners\n23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n"
	r := batchReq(csv)
	r.path = "/v1/batch?ontwerp=true&release=2025.1"
	rec := a.do(t, r)
	if rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if len(zr.File) < 2 {
		t.Fatalf("%d entries", len(zr.File))
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(want) {
			t.Errorf("%s dated %v, want %v", f.Name, f.Modified, want)
		}
	}
}

// TestVersionRoute: GET /version answers ovk-version/1, as ovk version --json.
func TestVersionRoute(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/version"})
	var v struct{ Schema, Version string }
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || rec.Code != http.StatusOK || v.Schema != "ovk-version/1" || v.Version == "" {
		t.Errorf("%d %s", rec.Code, rec.Body)
	}
}
