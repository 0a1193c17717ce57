// Package web owns ovk's drafting page for AgII staff: the list of the
// release's municipalities, one municipality's form generated from the
// release (its profile keys, its [[vereist]] keys, its clauses' typed
// parameters), validation with the command line's messages, the live
// preview, the PDF and TOML downloads and saving into the register folder.
// It is plain net/http and html/template over package ovk; every asset is
// embedded. It works without JavaScript; assets/page.js adds the preview.
package web

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
)

//go:embed assets templates
var files embed.FS

// Options configure the page.
type Options struct {
	// Release is the release the page drafts with; "" is the default.
	Release string
	// Register is the folder of municipality profiles the page saves into;
	// "" for none (the page drafts, with nothing to save to).
	Register string
}

// Page is the drafting page, an http.Handler.
type Page struct {
	cat     *ovk.Catalog
	release string
	reg     string
	mux     *http.ServeMux
	tmpl    *template.Template
	key     []byte // CSRF key, new at every start
	t       *l10n.Localizer
	form    *formSpec
	entries []ovk.MapEntry
}

// New builds the page over cat. The register folder, when given, must
// exist: it is fixed here and a request names only a NIS code.
func New(cat *ovk.Catalog, opt Options) (*Page, error) {
	r, err := cat.Release(opt.Release)
	if err != nil {
		return nil, err
	}
	p := &Page{cat: cat, release: r.Version(), t: l10n.For("nl"), key: make([]byte, 32)}
	if opt.Register != "" {
		abs, err := filepath.Abs(opt.Register)
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(abs); err != nil {
			return nil, err
		} else if !st.IsDir() {
			return nil, &fs.PathError{Op: "open", Path: opt.Register, Err: errors.New("not a folder")}
		}
		p.reg = abs
	}
	if _, err := rand.Read(p.key); err != nil {
		return nil, err
	}
	if p.entries, err = cat.Municipalities(p.release); err != nil {
		return nil, err
	}
	if p.form, err = newFormSpec(cat, p.release); err != nil {
		return nil, err
	}
	p.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
		"fid": fieldID,
	}).ParseFS(files, "templates/*.html"))
	assets, _ := fs.Sub(files, "assets")
	p.mux = http.NewServeMux()
	p.mux.Handle("GET /assets/", http.StripPrefix("/assets/", cacheable(http.FileServerFS(assets))))
	p.mux.HandleFunc("GET /{$}", p.getList)
	p.mux.HandleFunc("GET /gemeente/{nis}", p.getForm)
	p.mux.HandleFunc("POST /gemeente/{nis}", p.postForm)
	p.mux.HandleFunc("POST /gemeente/{nis}/voorbeeld", p.postPreview)
	return p, nil
}

// ServeHTTP serves one request.
func (p *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	p.mux.ServeHTTP(w, r)
}

func cacheable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// Paths are the URL paths the page answers, for the server to mount.
var Paths = []string{"/", "/assets/*", "/gemeente/*"}

var nisRE = regexp.MustCompile(`^[0-9]{5}$`)

// entry returns the municipality nis names, or nil.
func (p *Page) entry(nis string) *ovk.MapEntry {
	if !nisRE.MatchString(nis) {
		return nil
	}
	for i := range p.entries {
		if p.entries[i].NIS == nis {
			return &p.entries[i]
		}
	}
	return nil
}

// --- list ---

type listRow struct {
	ovk.MapEntry
	State, Detail string
	Link          bool
}

func (p *Page) getList(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	saved := p.savedProfiles()
	var rows []listRow
	for _, e := range p.entries {
		if q != "" && !strings.Contains(fold(e.Name+" "+e.NIS+" "+e.MergedInto), fold(q)) {
			continue
		}
		row := listRow{MapEntry: e, Link: true}
		switch {
		case e.MergedInto != "":
			row.State, row.Link = "samengevoegd", false
			row.Detail = fmt.Sprintf("Samengevoegd met %s (%s)", e.MergedInto, e.MergedIntoNIS)
			row.Name = "(voormalige gemeente)"
		case e.NotServed != "":
			row.State, row.Detail, row.Link = "niet bediend", e.NotServed, false
		default:
			if s, ok := saved[e.NIS]; ok {
				row.State = "profiel"
				row.Detail = "Laatst gewijzigd " + s.mod.Format("2006-01-02 15:04")
				if s.release != "" {
					row.Detail += ", release " + s.release
				}
			} else {
				row.State = "geen profiel"
			}
		}
		rows = append(rows, row)
	}
	p.render(w, http.StatusOK, "list.html", map[string]any{"Title": "Gemeenten", "Q": q, "Rows": rows,
		"Release": p.release, "Register": p.reg != "", "Total": p.onMap()})
}

func fold(s string) string { return strings.ToLower(s) }

type savedInfo struct {
	file    string
	mod     time.Time
	release string
}

// savedProfiles reads the register folder: one profile per NIS code, the
// file named NIS-name.toml.
func (p *Page) savedProfiles() map[string]savedInfo {
	out := map[string]savedInfo{}
	if p.reg == "" {
		return out
	}
	des, _ := os.ReadDir(p.reg)
	for _, de := range des {
		name := de.Name()
		if de.IsDir() || !strings.HasSuffix(name, ".toml") || len(name) < 5 || !nisRE.MatchString(name[:5]) {
			continue
		}
		info, err := de.Info()
		if err != nil {
			continue
		}
		s := savedInfo{file: filepath.Join(p.reg, name), mod: info.ModTime()}
		if prof, err := ovk.LoadProfile(s.file); err == nil {
			s.release = p.cat.ReleaseFor(prof.Agreement.Date.ISO())
		}
		out[name[:5]] = s
	}
	return out
}

// saved returns the file of nis in the register ("" for none yet) and
// its bytes.
func (p *Page) saved(nis string) (string, []byte) {
	if p.reg == "" {
		return "", nil
	}
	matches, _ := filepath.Glob(filepath.Join(p.reg, nis+"-*.toml"))
	sort.Strings(matches)
	if len(matches) == 0 {
		return "", nil
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		return "", nil
	}
	return matches[0], data
}

func hashOf(data []byte) string {
	if data == nil {
		return "nieuw"
	}
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}

// --- CSRF: a random cookie and, in every form, its HMAC ---

const csrfCookie = "ovk_csrf"

func (p *Page) csrfToken(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(csrfCookie)
	v := ""
	if err == nil && len(c.Value) == 64 {
		v = c.Value
	} else {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		v = hex.EncodeToString(b)
		http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	}
	return p.mac(v)
}

func (p *Page) mac(v string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))
}

func (p *Page) csrfOK(r *http.Request) bool {
	c, err := r.Cookie(csrfCookie)
	if err != nil {
		return false
	}
	return hmac.Equal([]byte(r.PostFormValue("csrf")), []byte(p.mac(c.Value)))
}

// --- rendering ---

func (p *Page) render(w http.ResponseWriter, status int, name string, data map[string]any) {
	var b bytes.Buffer
	if err := p.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		http.Error(w, "interne fout: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b.Bytes())
}

func (p *Page) fail(w http.ResponseWriter, status int, msg string) {
	p.render(w, status, "message.html", map[string]any{"Title": "Fout", "Message": msg})
}

// fieldID is the HTML id of the field of a profile key.
func fieldID(key string) string { return "f-" + strings.NewReplacer(".", "-", "_", "-").Replace(key) }

// message says a problem in Dutch, without the position in the generated
// TOML (the field is the position on the page).
func (p *Page) message(pr diag.Problem) string {
	s := p.t.T(pr.ID, diag.Resolve(pr.Args, p.t.T))
	s = strings.TrimPrefix(s, pr.Key+": ")
	if pr.Detail != "" {
		s += ": " + pr.Detail
	}
	return s
}

// onMap counts the municipalities of the map (not the former ones).
func (p *Page) onMap() int {
	n := 0
	for _, e := range p.entries {
		if e.MergedInto == "" {
			n++
		}
	}
	return n
}
