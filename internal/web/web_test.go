package web_test

import (
	"bytes"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/cli"
	"github.com/agii/ovk/internal/httpapi"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/web"
)

const opwijk = "../../examples/23060-opwijk.toml"

// server is the API with the page mounted, as ovk serve --register runs it.
func server(t testing.TB, reg string) *httpapi.Server {
	t.Helper()
	api, err := httpapi.New(ovk.Embedded, httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	page, err := web.New(api.Catalog(), web.Options{Register: reg})
	if err != nil {
		t.Fatal(err)
	}
	api.Mount(page, web.Paths...)
	return api
}

// session is one browser: its cookie jar is the CSRF cookie.
type session struct {
	t      testing.TB
	h      http.Handler
	cookie []*http.Cookie
}

func (s *session) do(method, target string, body url.Values) *httptest.ResponseRecorder {
	s.t.Helper()
	var r *http.Request
	if body != nil {
		r = httptest.NewRequest(method, target, strings.NewReader(body.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(method, target, nil)
	}
	for _, c := range s.cookie {
		r.AddCookie(c)
	}
	w := httptest.NewRecorder()
	s.h.ServeHTTP(w, r)
	if cs := w.Result().Cookies(); len(cs) > 0 {
		s.cookie = cs
	}
	return w
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="(\w+)" value="([^"]*)">`)

// open loads the form of nis and returns the values to post: the hidden
// fields of the page and the values of profile file (or none).
func (s *session) open(nis, file string) url.Values {
	s.t.Helper()
	w := s.do("GET", "/gemeente/"+nis, nil)
	if w.Code != 200 {
		s.t.Fatalf("GET form: %d %s", w.Code, w.Body)
	}
	v := url.Values{}
	for _, m := range hiddenRE.FindAllStringSubmatch(w.Body.String(), -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	if file != "" {
		p, err := ovk.LoadProfile(file)
		if err != nil {
			s.t.Fatal(err)
		}
		vals, err := ovk.FormValues(p)
		if err != nil {
			s.t.Fatal(err)
		}
		for k, x := range vals {
			switch {
			case k == "doelstellingen":
				v["doelstellingen"] = strings.Split(x, "\n")
			case strings.HasPrefix(k, "te_bevestigen"):
			default:
				v.Set(k, x)
			}
		}
	}
	return v
}

func TestList(t *testing.T) {
	s := &session{t: t, h: server(t, t.TempDir())}
	all := s.do("GET", "/", nil).Body.String()
	for _, want := range []string{`lang="nl"`, "285 gemeenten op de kaart", `<a href="/gemeente/23060">Opwijk</a>`,
		"niet bediend", "Samengevoegd met Pajottegem (23106)", "geen profiel"} {
		if !strings.Contains(all, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	for q, want := range map[string]string{"opwijk": "23060", "23060": "Opwijk", "OPW": "Opwijk"} {
		body := s.do("GET", "/?q="+q, nil).Body.String()
		if !strings.Contains(body, want) || strings.Contains(body, "Aartselaar") {
			t.Errorf("?q=%s: want only %s", q, want)
		}
	}
	if body := s.do("GET", "/?q=gent", nil).Body.String(); !strings.Contains(body, "Gent") || !strings.Contains(body, "zelf uit") {
		t.Errorf("Gent not listed as not served:\n%s", body)
	}
}

func TestListShowsSavedProfile(t *testing.T) {
	reg := t.TempDir()
	copyFile(t, opwijk, filepath.Join(reg, "23060-opwijk.toml"))
	s := &session{t: t, h: server(t, reg)}
	body := s.do("GET", "/?q=opwijk", nil).Body.String()
	if !regexp.MustCompile(`state-profiel">profiel</span> <span class="detail">Laatst gewijzigd \d{4}-\d\d-\d\d \d\d:\d\d, release 2026.1`).MatchString(body) {
		t.Errorf("Opwijk's profile not shown:\n%s", body)
	}
}

// TestFormFromRelease checks that the form is the release's: every
// parameter of every clause has its field, labelled with its label, of
// its type; every value of a real profile has a field of the same name.
func TestFormFromRelease(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	w := s.do("GET", "/gemeente/23060", nil)
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, `<html lang="nl">`) {
		t.Fatalf("%d\n%s", w.Code, body)
	}
	if len(s.cookie) == 0 || s.cookie[0].Name != "ovk_csrf" || !s.cookie[0].HttpOnly {
		t.Errorf("no CSRF cookie: %v", s.cookie)
	}
	cat, _ := ovk.Open(ovk.Embedded)
	cl, err := cat.Clauses("")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cl.Clauses {
		for _, p := range c.Params {
			n++
			id := "f-" + strings.NewReplacer(".", "-", "_", "-").Replace("parameters."+c.ID+"."+p.Name)
			if !strings.Contains(body, `<label for="`+id+`">`+html.EscapeString(p.Label)) {
				t.Errorf("%s.%s: no label %q", c.ID, p.Name, p.Label)
			}
			want := map[string]string{"datum": `type="date"`, "geheel_getal": `type="number"`, "email": `type="email"`,
				"keuze": "<select", "lijst": "<textarea"}[p.Type]
			if want != "" && !regexp.MustCompile(`id="`+id+`"[^>]*`+regexp.QuoteMeta(strings.TrimPrefix(want, "<"))).MatchString(body) &&
				!strings.Contains(body, want+` id="`+id+`"`) {
				t.Errorf("%s.%s (%s): not %s", c.ID, p.Name, p.Type, want)
			}
		}
		if c.Kind == "optioneel" && !strings.Contains(body, `value="`+c.ID+`"`) {
			t.Errorf("goal %s has no checkbox", c.ID)
		}
	}
	if n < 20 {
		t.Fatalf("only %d parameters in the release?", n)
	}
	p, _ := ovk.LoadProfile(opwijk)
	vals, _ := ovk.FormValues(p)
	for k := range vals {
		if k != "doelstellingen" && !strings.HasPrefix(k, "te_bevestigen") && !strings.Contains(body, `name="`+k+`"`) {
			t.Errorf("profile key %s has no field", k)
		}
	}
	if !strings.Contains(body, "Vul ondertekenaars.voorzitter in (de voorzitter van de gemeenteraad)") {
		t.Error("the [[vereist]] reason is not shown at its field")
	}
}

func TestValidationAtFieldAndSummary(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	v := s.open("23060", opwijk)
	v.Set("contactpersonen.gemeente.email", "zoe.celik@@opwijk")
	v.Set("gemeente.inwoners", "veel")
	v.Set("actie", "pdf")
	w := s.do("POST", "/gemeente/23060", v)
	body := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", w.Code)
	}
	// The CLI's message for the same value.
	bad := strings.Replace(string(read(t, opwijk)), "zoe.celik@opwijk.example.be", "zoe.celik@@opwijk", 1)
	_, err := ovk.ParseProfile("x.toml", []byte(bad), false)
	cliMsg := strings.TrimPrefix(strings.SplitN(ovk.Describe(err, tr), ": contactpersonen.gemeente.email: ", 2)[1], "")
	cliMsg = strings.TrimPrefix(strings.SplitN(cliMsg, "\n", 2)[0], "contactpersonen.gemeente.email: ")
	for _, want := range []string{
		`<a href="#f-contactpersonen-gemeente-email">Contactpersoon gemeente: e-mailadres: ` + html.EscapeString(cliMsg),
		`id="f-contactpersonen-gemeente-email-fout"><span class="vh">Fout:</span> ` + html.EscapeString(cliMsg),
		`<a href="#f-gemeente-inwoners">Aantal inwoners: veel is geen geheel getal</a>`, `aria-invalid="true"`, `class="error-summary"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q in\n%s", want, body)
		}
	}
}

var tr = func(id string, args map[string]any) string { return pageT(id, args) }

func TestCSRF(t *testing.T) {
	s := &session{t: t, h: server(t, t.TempDir())}
	v := s.open("23060", opwijk)
	v.Set("actie", "pdf")
	v.Set("csrf", strings.Repeat("0", 64))
	if w := s.do("POST", "/gemeente/23060", v); w.Code != http.StatusForbidden || !strings.Contains(w.Body.String(), "CSRF") {
		t.Errorf("forged token: %d", w.Code)
	}
	other := &session{t: t, h: s.h}
	v = s.open("23060", opwijk)
	if w := other.do("POST", "/gemeente/23060/voorbeeld", v); w.Code != http.StatusForbidden {
		t.Errorf("token without its cookie: %d", w.Code)
	}
}

func TestRequestNamesOnlyANISCode(t *testing.T) {
	s := &session{t: t, h: server(t, t.TempDir())}
	for target, code := range map[string]int{"/gemeente/..%2f..%2fetc": 404, "/gemeente/99999": 404,
		"/gemeente/11002": 403, "/gemeente/23023": 410, "/gemeente/2306": 404} {
		if w := s.do("GET", target, nil); w.Code != code {
			t.Errorf("%s: %d, want %d", target, w.Code, code)
		}
	}
}

// TestPDFAndTOMLAreTheCLIs: the TOML the page gives drafts, through the
// command line's call, to the PDF the page gives, byte for byte.
func TestPDFAndTOMLAreTheCLIs(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	v := s.open("23060", opwijk)
	v.Set("parameters.toeleiding_buddies.aantal", "12")
	v.Set("actie", "pdf")
	w := s.do("POST", "/gemeente/23060", v)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("pdf: %d %s", w.Code, w.Body)
	}
	pdf := w.Body.Bytes()
	v.Set("actie", "toml")
	w = s.do("POST", "/gemeente/23060", v)
	if !strings.Contains(w.Header().Get("Content-Disposition"), `filename="23060-opwijk.toml"`) {
		t.Errorf("disposition %q", w.Header().Get("Content-Disposition"))
	}
	src := w.Body.Bytes()
	if !bytes.Contains(src, []byte("aantal = 12")) {
		t.Errorf("target not in the TOML:\n%s", src)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "23060-opwijk.toml")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	outDir := filepath.Join(dir, "out") + string(filepath.Separator)
	if code := cli.Main([]string{"draft", file, "-o", outDir}, strings.NewReader(""), io.Discard, &stderr); code != 0 {
		t.Fatalf("ovk draft: exit %d\n%s", code, stderr.String())
	}
	if cli := read(t, filepath.Join(outDir, "23060-opwijk.pdf")); !bytes.Equal(cli, pdf) {
		t.Errorf("the CLI drafts the page's TOML to other bytes (%d vs %d)", len(cli), len(pdf))
	}
	// Canonical: parsing and encoding it again changes nothing.
	p, err := ovk.ParseProfile(file, src, false)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := ovk.EncodeProfile(p)
	if !bytes.Equal(again, src) {
		t.Errorf("not canonical:\n%s\n---\n%s", src, again)
	}
}

func TestSaveAndConflict(t *testing.T) {
	reg := t.TempDir()
	copyFile(t, opwijk, filepath.Join(reg, "23060-opwijk.toml"))
	h := server(t, reg)
	a, b := &session{t: t, h: h}, &session{t: t, h: h}
	va, vb := a.open("23060", ""), b.open("23060", "")
	for k, x := range a.open("23060", opwijk) {
		if k != "csrf" && k != "geladen" {
			va[k], vb[k] = x, x
		}
	}
	va.Set("parameters.toeleiding_buddies.aantal", "14")
	va.Set("actie", "bewaar")
	w := a.do("POST", "/gemeente/23060", va)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "Bewaard in het register als 23060-opwijk.toml") {
		t.Fatalf("save: %d\n%s", w.Code, w.Body)
	}
	saved := read(t, filepath.Join(reg, "23060-opwijk.toml"))
	if !bytes.Contains(saved, []byte("aantal = 14")) || !bytes.Contains(saved, []byte(`sleutel = "gemeente.adres"`)) {
		t.Errorf("saved profile:\n%s", saved)
	}
	vb.Set("parameters.toeleiding_buddies.aantal", "16")
	vb.Set("actie", "bewaar")
	w = b.do("POST", "/gemeente/23060", vb)
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "is gewijzigd sinds u dit formulier opende") {
		t.Errorf("second save: %d\n%s", w.Code, w.Body)
	}
	if now := read(t, filepath.Join(reg, "23060-opwijk.toml")); !bytes.Equal(now, saved) {
		t.Error("the conflicting save changed the file")
	}
	// Saving again from the page the first save returned works.
	m := hiddenRE.FindAllStringSubmatch(a.do("GET", "/gemeente/23060", nil).Body.String(), -1)
	for _, x := range m {
		va.Set(x[1], x[2])
	}
	if w := a.do("POST", "/gemeente/23060", va); w.Code != 200 {
		t.Errorf("re-save: %d", w.Code)
	}
	if entries, _ := os.ReadDir(reg); len(entries) != 1 {
		t.Errorf("register holds %d files (a temporary file left?)", len(entries))
	}
}

func TestSaveWithoutRegister(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	v := s.open("23060", opwijk)
	v.Set("actie", "bewaar")
	if w := s.do("POST", "/gemeente/23060", v); w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "geen registermap") {
		t.Errorf("%d", w.Code)
	}
}

func TestPreviewFollowsTheForm(t *testing.T) {
	reg := t.TempDir()
	copyFile(t, opwijk, filepath.Join(reg, "23060-opwijk.toml"))
	s := &session{t: t, h: server(t, reg)}
	v := s.open("23060", opwijk)
	v.Set("parameters.toeleiding_buddies.aantal", "13")
	w := s.do("POST", "/gemeente/23060/voorbeeld", v)
	body := w.Body.String()
	for _, want := range []string{"Artikel 1", "13 ", "Opgenomen:", "Niet opgenomen:", "Verschil met het bewaarde profiel"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	v.Set("contactpersonen.gemeente.email", "nee")
	if body := s.do("POST", "/gemeente/23060/voorbeeld", v).Body.String(); !strings.Contains(body, "Nog niet op te maken") {
		t.Errorf("preview of a bad form:\n%s", body)
	}
}

func TestAssetsEmbedded(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	form := s.do("GET", "/gemeente/23060", nil).Body.String()
	for _, ref := range regexp.MustCompile(`(?:href|src)="([^"#]+)"`).FindAllStringSubmatch(form, -1) {
		if strings.Contains(ref[1], "//") {
			t.Errorf("asset from another host: %s", ref[1])
		}
	}
	for _, a := range []string{"/assets/page.css", "/assets/page.js"} {
		if w := s.do("GET", a, nil); w.Code != 200 || w.Body.Len() < 100 {
			t.Errorf("%s: %d", a, w.Code)
		}
	}
}

func read(t testing.TB, f string) []byte {
	t.Helper()
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
}

// TestPageWeight keeps the form with its assets under 150 KB (the aim of
// the issue): the page an account manager loads on a slow connection.
func TestPageWeight(t *testing.T) {
	s := &session{t: t, h: server(t, "")}
	n := 0
	for _, u := range []string{"/gemeente/23060", "/assets/page.css", "/assets/page.js"} {
		n += s.do("GET", u, nil).Body.Len()
	}
	if n > 150_000 {
		t.Errorf("the form weighs %d bytes with its assets", n)
	}
}

// TestBodyLimit: the API's body limit applies to the page's POSTs.
func TestBodyLimit(t *testing.T) {
	api, err := httpapi.New(ovk.Embedded, httpapi.Options{MaxBody: 4096, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	page, err := web.New(api.Catalog(), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api.Mount(page, web.Paths...)
	s := &session{t: t, h: api}
	v := s.open("23060", opwijk)
	v.Set("gemeente.adres", strings.Repeat("x", 5000))
	if w := s.do("POST", "/gemeente/23060", v); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", w.Code)
	}
}

// TestBusy: the page's POSTs share the API's drafting slots; with none
// free the page answers 429 with Retry-After, as the API does.
func TestBusy(t *testing.T) {
	api, err := httpapi.New(ovk.Embedded, httpapi.Options{MaxDrafting: 1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	page, err := web.New(api.Catalog(), web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	api.Mount(page, web.Paths...)
	hold, held := make(chan struct{}), make(chan struct{})
	api.Mount(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { close(held); <-hold }), "/test-hold")
	go api.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/test-hold", nil))
	<-held
	s := &session{t: t, h: api}
	v := s.open("23060", opwijk)
	w := s.do("POST", "/gemeente/23060/voorbeeld", v)
	close(hold)
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Errorf("status %d, Retry-After %q", w.Code, w.Header().Get("Retry-After"))
	}
}
