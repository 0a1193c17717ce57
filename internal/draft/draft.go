// Package draft is ovk's pipeline: load (library release, frame, profile) →
// select (rules) → assemble (document model) → render (PDF, text). The CLI,
// batch, diff and HTTP API all call it; none re-implements a stage.
package draft

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
	"github.com/agii/ovk/internal/tomlfile"
)

// Version is the tool version written into every manifest; set at build
// time with -ldflags "-X github.com/agii/ovk/internal/draft.Version=…".
var Version = "0.1.0"

// Drafter drafts agreements under one library release.
type Drafter struct {
	Lib    *library.Library
	Engine *rules.Engine
}

// Open loads the release in fsys (rooted at the release folder; dir names it
// in problems), compiles its conditions and loads the embedded frame.
func Open(fsys fs.FS, dir string) (*Drafter, error) {
	lib, err := library.Load(fsys, dir)
	var probs diag.List
	if !errors.As(err, &probs) && err != nil {
		return nil, err
	}
	if lib == nil {
		return nil, err
	}
	// Go on checking a library with problems, so that lint reports them all.
	eng, err := rules.New(lib)
	var more diag.List
	if errors.As(err, &more) {
		probs = append(probs, more...)
	} else if err != nil {
		return nil, err
	}
	probs = append(probs, assemble.CheckTexts(lib)...)
	checkLibraryText(lib, &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return &Drafter{Lib: lib, Engine: eng}, nil
}

// checkLibraryText reports library text the PDF font cannot show: every
// text of the release that can end up in an agreement.
func checkLibraryText(lib *library.Library, probs *diag.List) {
	check := func(file *tomlfile.File, key, s string) {
		if r, ok := pdf.CheckText(s); !ok {
			probs.Add(file.Problem(key, "err.text.font", diag.A("rune", fmt.Sprintf("%q (U+%04X)", r, r))))
		}
	}
	h := lib.Header
	for i, ch := range lib.Chapters {
		check(h, fmt.Sprintf("hoofdstuk[%d].titel", i), ch.Title)
	}
	for _, r := range lib.Recitals {
		check(h, "overwegingen", r.Src)
	}
	check(h, "agii.naam", lib.Agency.Name)
	check(h, "agii.zetel", lib.Agency.Seat)
	check(h, "agii.ondernemingsnummer", lib.Agency.CompanyNumber)
	for _, c := range lib.Clauses {
		check(c.File, "titel", c.Title)
		if c.Body != nil {
			check(c.File, "tekst", c.Body.Src)
		}
		for _, p := range c.Params {
			if p.Default != nil {
				check(c.File, p.Key+".standaard", p.Default.Text)
			}
			for _, choice := range p.Choices {
				check(c.File, p.Key+".keuzes", choice)
			}
		}
	}
}

// ErrUnknownRelease is returned for a release name that does not exist.
type ErrUnknownRelease struct {
	Name  string
	Known []string
}

func (e *ErrUnknownRelease) Error() string {
	return fmt.Sprintf("unknown release %q (known: %s)", e.Name, strings.Join(e.Known, ", "))
}

// Source is where library releases come from: the embedded clauses/, or a
// folder given with --library (a release folder, or a folder of releases).
type Source struct {
	FS   fs.FS
	Root string // display name, e.g. "clauses"
}

// Embedded is the library shipped in the binary.
var Embedded = Source{FS: clauses.FS, Root: "clauses"}

// DirSource reads releases from a folder on disk.
func DirSource(dir string) Source { return Source{FS: os.DirFS(dir), Root: filepath.ToSlash(dir)} }

// Releases lists the release folders of the source, sorted by name. A
// source that is itself a release folder has one release, named ".".
func (s Source) Releases() []string {
	if _, err := fs.Stat(s.FS, library.HeaderFile); err == nil {
		return []string{"."}
	}
	matches, _ := fs.Glob(s.FS, "*/"+library.HeaderFile)
	out := make([]string, 0, len(matches))
	for _, m := range matches {
		out = append(out, path.Dir(m))
	}
	sort.Strings(out)
	return out
}

// Open opens release name: a release folder's name or a release's version
// (its versie), so that the names "ovk releases" lists work everywhere; ""
// opens the default, the newest by effective date (ties broken by name).
func (s Source) Open(name string) (*Drafter, error) {
	rels := s.Releases()
	if len(rels) == 0 {
		return nil, diag.List{{File: s.Root, ID: "err.library.no_header"}}
	}
	if name == "" {
		return s.openDefault(rels)
	}
	for _, r := range rels {
		if r == name {
			return s.open(r)
		}
	}
	var known []string
	for _, r := range rels {
		d, err := s.open(r)
		if err != nil {
			continue // a broken release is reported when it is asked for by name
		}
		if d.Lib.Version == name {
			return d, nil
		}
		known = append(known, d.Lib.Version)
	}
	return nil, &ErrUnknownRelease{Name: name, Known: known}
}

func (s Source) open(rel string) (*Drafter, error) {
	if rel == "." {
		return Open(s.FS, s.Root)
	}
	sub, err := fs.Sub(s.FS, rel)
	if err != nil {
		return nil, err
	}
	return Open(sub, path.Join(s.Root, rel))
}

func (s Source) openDefault(rels []string) (*Drafter, error) {
	var best *Drafter
	for _, r := range rels {
		d, err := s.open(r)
		if err != nil {
			return nil, err
		}
		if best == nil || !d.Lib.Effective.Before(best.Lib.Effective) {
			best = d
		}
	}
	return best, nil
}

// Result is one drafted agreement before rendering.
type Result struct {
	Profile   *profile.Profile
	Selection *rules.Selection
	Doc       *document.Document
}

// Prepare runs select and assemble for p. Errors: *rules.NotServedError,
// *rules.MergedError, or a diag.List of the profile's problems.
func (d *Drafter) Prepare(p *profile.Profile) (*Result, error) {
	var probs diag.List
	for _, f := range p.Texts() {
		if r, ok := pdf.CheckText(f.Value); !ok {
			probs.Add(p.Problem(f.Key, "err.text.font", diag.A("rune", fmt.Sprintf("%q (U+%04X)", r, r))))
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	sel, err := d.Engine.Select(p)
	if err != nil {
		return nil, err
	}
	doc, err := assemble.Assemble(d.Lib, p, sel, Version)
	if err != nil {
		return nil, err
	}
	return &Result{Profile: p, Selection: sel, Doc: doc}, nil
}

// Explain runs the rules only.
func (d *Drafter) Explain(p *profile.Profile) (*rules.Selection, error) { return d.Engine.Select(p) }

// Format is an output format of an agreement.
type Format string

// The output formats.
const (
	PDF  Format = "pdf"
	Text Format = "text"
)

// Render writes the agreement in format f to w.
func Render(w io.Writer, doc *document.Document, f Format) error {
	switch f {
	case PDF:
		return pdf.Render(w, doc)
	case Text:
		_, err := io.WriteString(w, document.Text(doc))
		return err
	}
	return fmt.Errorf("unknown format %q", f)
}

// Bytes renders the agreement into memory.
func Bytes(doc *document.Document, f Format) ([]byte, error) {
	var b bytes.Buffer
	if err := Render(&b, doc, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// LoadProfile reads a profile file.
func LoadProfile(file string) (*profile.Profile, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return profile.Parse(file, src)
}

// EmbeddedProfile parses the profile a PDF made by ovk carries (see
// pdf.ReadEmbedded); file names the PDF in problems. It returns nil and no
// error when the PDF carries none.
func EmbeddedProfile(file string, emb *pdf.Embedded) (*profile.Profile, error) {
	if len(emb.Profile) == 0 {
		return nil, nil
	}
	name := file + "#" + emb.ProfileName
	if emb.ProfileName == "profile.json" {
		return profile.ParseJSON(name, emb.Profile)
	}
	return profile.Parse(name, emb.Profile)
}
