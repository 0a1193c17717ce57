package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/profile"
)

// TestOpenAPICoversEveryRoute checks that the document and the router
// agree: every route is documented and every documented path is served.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	a := newAPI(t, Options{})
	var served []string
	for _, r := range a.s.e.Routes() {
		path := r.Path
		if i := strings.Index(path, ":"); i >= 0 {
			path = path[:i] + "{" + path[i+1:] + "}"
		}
		served = append(served, r.Method+" "+path)
	}
	var documented []string
	for path, item := range a.doc.Paths.Map() {
		for method, op := range item.Operations() {
			documented = append(documented, method+" "+path)
			for code, resp := range op.Responses.Map() {
				if code != "200" && code != "default" && resp.Value.Content.Get(mediaJSON) == nil {
					t.Errorf("%s %s %s: error response without a JSON body", method, path, code)
				}
			}
			if op.Responses.Default() == nil {
				t.Errorf("%s %s: no default (error) response", method, path)
			}
		}
	}
	sort.Strings(served)
	sort.Strings(documented)
	if !slices.Equal(served, documented) {
		t.Errorf("served routes:\n%s\ndocumented:\n%s", strings.Join(served, "\n"), strings.Join(documented, "\n"))
	}
}

func TestHealthz(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/healthz"})
	if rec.Code != http.StatusOK || rec.Body.String() != `{"status":"ok"}`+"\n" {
		t.Errorf("%d %q", rec.Code, rec.Body)
	}
}

func TestReadyz(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/readyz"})
	if rec.Code != http.StatusOK || rec.Body.String() != `{"status":"ready","releases":["2020.1","2025.1","2026.1"]}`+"\n" {
		t.Errorf("%d %q", rec.Code, rec.Body)
	}
	a.s.draining.Store(true)
	rec = a.do(t, req{method: http.MethodGet, path: "/readyz", header: map[string]string{"Accept-Language": "en"}})
	eb := errorBody(t, rec, http.StatusServiceUnavailable, CodeShuttingDown)
	if eb.Message != "the server is shutting down" {
		t.Errorf("message %q", eb.Message)
	}
}

func TestReleases(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/v1/releases"})
	var got ovk.ReleaseList
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Default != "2026.1" || len(got.Releases) != 3 {
		t.Fatalf("%+v", got)
	}
	want := []ovk.ReleaseInfo{
		{Name: "2020.1", Library: "agii-ovk", Effective: "2020-01-01", Status: "goedgekeurd", ApprovedOn: "2019-12-17", Clauses: 30},
		{Name: "2025.1", Library: "agii-ovk", Effective: "2025-01-01", Status: "goedgekeurd", ApprovedOn: "2024-12-17", Clauses: 31},
		{Name: "2026.1", Library: "agii-ovk", Effective: "2026-01-01", Status: "ontwerp", Clauses: 33},
	}
	for i, w := range want {
		g := got.Releases[i]
		if g.Name != w.Name || g.Library != w.Library || g.Effective != w.Effective || g.ApprovedOn != w.ApprovedOn ||
			g.Clauses != w.Clauses || g.Policy == "" || g.Status != w.Status || (g.ApprovedBy == "") != (w.Status == "ontwerp") {
			t.Errorf("release %d: %+v, want %+v", i, g, w)
		}
	}

	// --release picks the default
	b := newAPI(t, Options{Release: "2020.1"})
	rec = b.do(t, req{method: http.MethodGet, path: "/v1/releases"})
	if !strings.Contains(rec.Body.String(), `"default":"2020.1"`) {
		t.Errorf("default release: %s", rec.Body)
	}
}

func TestClauses(t *testing.T) {
	a := newAPI(t, Options{})
	for _, tc := range []struct {
		query, release string
		n              int
		has, lacks     string
	}{
		{"", "2026.1", 33, "financiele_bepalingen", "overgangsbepaling"},
		{"?release=2025.1", "2025.1", 31, "participatie_netwerktraject", "overgangsbepaling"},
		{"?release=2020.1", "2020.1", 30, "overgangsbepaling", "samenvoeging"},
	} {
		rec := a.do(t, req{method: http.MethodGet, path: "/v1/clauses" + tc.query})
		var got ovk.ClauseList
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(got.Clauses))
		for i, c := range got.Clauses {
			ids[i] = c.ID
			if c.Text != "" || c.Release != "" {
				t.Errorf("%s: list entry %s has text or release", tc.query, c.ID)
			}
		}
		if got.Release != tc.release || len(got.Clauses) != tc.n || !slices.Contains(ids, tc.has) || slices.Contains(ids, tc.lacks) {
			t.Errorf("%q: release %s, %d clauses: %v", tc.query, got.Release, len(got.Clauses), ids)
		}
		d, _ := embeddedDrafter(tc.release)
		for i, c := range d.Lib.Clauses {
			if ids[i] != c.ID {
				t.Errorf("%q: clause %d is %s, want %s (document order)", tc.query, i, ids[i], c.ID)
			}
		}
	}

	rec := a.do(t, req{method: http.MethodGet, path: "/v1/clauses?release=2099.1", header: map[string]string{"Accept-Language": "en"}})
	eb := errorBody(t, rec, http.StatusBadRequest, CodeUnknownRelease)
	if eb.Message != "unknown release 2099.1; available: 2020.1, 2025.1, 2026.1" {
		t.Errorf("message %q", eb.Message)
	}
	if len(eb.Details) != 1 || eb.Details[0].Field != "release" || eb.Details[0].Code != "err.release.unknown" {
		t.Errorf("details %+v", eb.Details)
	}
}

func TestClauseVersions(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, req{method: http.MethodGet, path: "/v1/clauses/contactpersonen"})
	var got ovk.ClauseVersions
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "contactpersonen" || len(got.Versions) != 3 || got.Versions[2].Release != "2026.1" || got.Versions[2].Version != 3 {
		t.Fatalf("%s", rec.Body)
	}
	old, cur := got.Versions[0], got.Versions[1]
	if old.Release != "2020.1" || old.Version != 1 || cur.Release != "2025.1" || cur.Version != 2 {
		t.Errorf("versions: %s v%d, %s v%d", old.Release, old.Version, cur.Release, cur.Version)
	}
	def := func(c ovk.ClauseView, name string) string {
		for _, p := range c.Params {
			if p.Name == name && p.Default != nil {
				return *p.Default
			}
		}
		return ""
	}
	// CHANGES.md: the default of meldingstermijn_dagen went from 30 to 14.
	if def(old, "meldingstermijn_dagen") != "30" || def(cur, "meldingstermijn_dagen") != "14" {
		t.Errorf("meldingstermijn_dagen: %q → %q", def(old, "meldingstermijn_dagen"), def(cur, "meldingstermijn_dagen"))
	}
	if old.Text == "" || cur.Text == "" {
		t.Error("clause text missing")
	}

	rec = a.do(t, req{method: http.MethodGet, path: "/v1/clauses/samenvoeging"})
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || len(got.Versions) != 2 || got.Versions[0].Release != "2025.1" || got.Versions[1].Release != "2026.1" {
		t.Errorf("samenvoeging: %s", rec.Body)
	}

	rec = a.do(t, req{method: http.MethodGet, path: "/v1/clauses/bestaat_niet"})
	eb := errorBody(t, rec, http.StatusNotFound, CodeClauseNotFound)
	if eb.Message != "geen clausule bestaat_niet in de releases 2020.1, 2025.1, 2026.1" {
		t.Errorf("message %q", eb.Message)
	}
}

// TestAgreementIsThePipeline drafts the examples through the API and
// checks that every answer is byte for byte what the pipeline gives.
func TestAgreementIsThePipeline(t *testing.T) {
	a := newAPI(t, Options{})
	d, err := embeddedDrafter("")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"23060-opwijk", "73111-tongeren-borgloon", "44087-lochristi"} {
		src := example(t, name)
		p, err := profile.Parse(bodyTOML, src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		wantPDF, _ := draft.Bytes(res.Doc, draft.PDF)
		wantText, _ := draft.Bytes(res.Doc, draft.Text)

		rec := a.do(t, tomlReq(src))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaPDF || !bytes.Equal(rec.Body.Bytes(), wantPDF) {
			t.Errorf("%s PDF: %d %s, %d bytes, want %d", name, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len(), len(wantPDF))
		}
		wantCD := `attachment; filename="` + name + `.pdf"; filename*=UTF-8''` + name + ".pdf"
		if cd := rec.Header().Get("Content-Disposition"); cd != wantCD {
			t.Errorf("Content-Disposition %q, want %q", cd, wantCD)
		}
		rec = a.do(t, tomlReq(src, "Accept", "text/plain"))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/plain; charset=utf-8" || rec.Body.String() != string(wantText) {
			t.Errorf("%s text: %d %s", name, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

func TestAgreementFromJSON(t *testing.T) {
	a := newAPI(t, Options{})
	src := opwijkJSON(t)
	rec := a.do(t, jsonReq(src, "Accept", "text/plain"))
	tomlRec := a.do(t, tomlReq(example(t, "23060-opwijk"), "Accept", "text/plain"))
	if rec.Code != http.StatusOK || rec.Body.String() != tomlRec.Body.String() {
		t.Errorf("JSON and TOML profiles give different agreements: %d\n%s", rec.Code, rec.Body)
	}
	rec = a.do(t, jsonReq(src))
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) {
		t.Errorf("PDF: %d %.100s", rec.Code, rec.Body)
	}
}

func TestAgreementJSON(t *testing.T) {
	a := newAPI(t, Options{})
	src := example(t, "23060-opwijk")
	d, _ := embeddedDrafter("")
	p, _ := profile.Parse(bodyTOML, src)
	res, err := d.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"nl", "en"} {
		rec := a.do(t, tomlReq(src, "Accept", "application/json", "Accept-Language", lang))
		if rec.Code != http.StatusOK {
			t.Fatalf("%d %s", rec.Code, rec.Body)
		}
		var got ovk.AgreementView
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		if got.Release != "2026.1" || got.Document.Reference != "AgII-OVK-2026-23060" || got.Municipality != (ovk.Municipality{NIS: "23060", Name: "Opwijk"}) ||
			got.ProfileSHA256 != p.SHA256 {
			t.Errorf("%s: header fields %+v", lang, got)
		}
		var articles []string
		for _, ch := range got.Document.Chapters {
			for _, ar := range ch.Articles {
				articles = append(articles, ar.ClauseID+" v"+strconv.Itoa(ar.ClauseVersion))
			}
		}
		var want []string
		for _, mc := range res.Doc.Meta.Manifest.Clauses {
			want = append(want, mc.ID+" v"+strconv.Itoa(mc.Version))
		}
		if !slices.Equal(articles, want) {
			t.Errorf("%s: articles %v, want %v", lang, articles, want)
		}
		if len(got.Explanation) != len(d.Lib.Clauses) {
			t.Errorf("%s: %d explanations for %d clauses", lang, len(got.Explanation), len(d.Lib.Clauses))
		}
		loc := l10n.For(lang)
		for i, dc := range res.Selection.Decisions {
			e := got.Explanation[i]
			if e.ID != dc.Clause.ID || e.In != dc.In || e.Reason != string(dc.Why) || e.Text != loc.T(string(dc.Why), dc.Args()) {
				t.Errorf("%s: explanation %d: %+v", lang, i, e)
			}
		}
	}
}

func TestAgreementRelease(t *testing.T) {
	a := newAPI(t, Options{})
	// An agreement of the 2020-2025 period, which release 2020.1 drafts.
	src := readFile(t, "testdata/23060-opwijk-2020.toml")
	r := tomlReq(src, "Accept", "application/json")
	r.path += "?release=2020.1"
	// gegevensuitwisseling has protocol_status only since 2025.1
	eb := errorBody(t, a.do(t, r), http.StatusUnprocessableEntity, CodeInvalidProfile)
	want := Detail{Field: "parameters.gegevensuitwisseling.protocol_status", Line: 39, Column: 1, Code: "err.param.unknown"}
	if len(eb.Details) != 1 || eb.Details[0].Field != want.Field || eb.Details[0].Line != want.Line ||
		eb.Details[0].Column != want.Column || eb.Details[0].Code != want.Code {
		t.Errorf("details %+v", eb.Details)
	}

	r.body = replace(t, src, "[parameters.gegevensuitwisseling]\nprotocol_status = \"gevalideerd\"\n", "")
	rec := a.do(t, r)
	var got ovk.AgreementView
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Release != "2020.1" {
		t.Errorf("release 2020.1: %d %.200s", rec.Code, rec.Body)
	}
	r.path = "/v1/agreements?release=../../etc"
	errorBody(t, a.do(t, r), http.StatusBadRequest, CodeUnknownRelease)
}

func TestNotFoundAndMethod(t *testing.T) {
	a := newAPI(t, Options{})
	eb := errorBody(t, a.do(t, req{method: http.MethodGet, path: "/v2/nope"}), http.StatusNotFound, CodeNotFound)
	if eb.Message != "/v2/nope bestaat niet" {
		t.Errorf("message %q", eb.Message)
	}
	rec := a.do(t, req{method: http.MethodGet, path: "/v1/agreements", header: map[string]string{"Accept-Language": "en-GB,en;q=0.8"}})
	eb = errorBody(t, rec, http.StatusMethodNotAllowed, CodeMethod)
	if eb.Message != "method GET is not allowed for /v1/agreements" {
		t.Errorf("message %q", eb.Message)
	}
	if rec.Header().Get("Content-Language") != "en" {
		t.Errorf("Content-Language %q", rec.Header().Get("Content-Language"))
	}
}

func TestRecoveredPanicIs500(t *testing.T) {
	a := newAPI(t, Options{})
	a.s.e.GET("/test/panic", func(echo.Context) error { panic("boom") })
	rec := a.do(t, req{method: http.MethodGet, path: "/test/panic"})
	eb := errorBody(t, rec, http.StatusInternalServerError, CodeInternal)
	if !strings.Contains(eb.Message, eb.RequestID) {
		t.Errorf("message %q does not name the request id", eb.Message)
	}
	if !strings.Contains(a.log.String(), `"level":"ERROR"`) || !strings.Contains(a.log.String(), "boom") {
		t.Errorf("panic not logged:\n%s", a.log)
	}
}

// TestLibraryFolder serves releases from folders named at start-up: a
// folder of releases, or one release folder.
func TestLibraryFolder(t *testing.T) {
	for dir, want := range map[string][]string{"../../clauses": {"2020.1", "2025.1", "2026.1"}, "../../clauses/2020.1": {"2020.1"}} {
		s, err := New(ovk.DirSource(dir), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(s.Releases(), want) || s.DefaultRelease() != want[len(want)-1] {
			t.Errorf("%s: releases %v, default %s", dir, s.Releases(), s.DefaultRelease())
		}
	}
	if _, err := New(ovk.DirSource("testdata"), Options{}); err == nil {
		t.Error("a folder without releases was accepted")
	}
}
