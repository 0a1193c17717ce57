// Package draft is the pipeline of one library release: load (release,
// frame) → select (rules) → assemble (document model) → render (PDF, text).
// Batch, impact and diff call it for the drafting itself; the front ends go
// through the application layer (package ovk), which opens the releases.
package draft

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// Version is the tool version written into every manifest; set at build
// time with -ldflags "-X github.com/agii/ovk/internal/draft.Version=…".
var Version = "0.1.0"

// Drafter drafts agreements under one library release.
type Drafter struct {
	Lib    *library.Library
	Engine *rules.Engine
	// Window, when set, is the period the release may draft agreements in;
	// Prepare refuses an agreement dated outside it.
	Window *Window
}

// Window is the validity window of a release: from its effective date
// until the effective date of the next release of the same library.
type Window struct {
	From nlfmt.Date
	// Until is the first day the release no longer drafts; zero when no
	// later release exists.
	Until nlfmt.Date
	// Suggest names the release whose window holds date, or "".
	Suggest func(date nlfmt.Date) string
}

// Contains reports whether date lies in the window.
func (w *Window) Contains(date nlfmt.Date) bool {
	return !date.Before(w.From) && (w.Until.IsZero() || date.Before(w.Until))
}

// check refuses an agreement of p dated outside the window, at the position
// of overeenkomst.datum, naming the release to use instead.
func (w *Window) check(p *profile.Profile, release string) error {
	date := p.Agreement.Date
	if w == nil || date.IsZero() || w.Contains(date) {
		return nil
	}
	id := "err.release.window.after"
	if date.Before(w.From) {
		id = "err.release.window.before"
	}
	args := diag.A("date", date.String(), "release", release, "from", w.From.String(), "until", w.Until.String())
	if other := w.Suggest(date); other != "" {
		args["other"] = other
		id += "_use"
	}
	return diag.List{p.Problem("overeenkomst.datum", id, args)}
}

// Unbounded returns a drafter of the same release without a validity
// window, for comparisons that draft a profile under releases it was not
// dated for (diff, impact).
func (d *Drafter) Unbounded() *Drafter {
	c := *d
	c.Window = nil
	return &c
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
	for _, t := range lib.PrintedTexts() {
		if r, ok := pdf.CheckText(t.Text); !ok {
			probs.Add(t.Problem("err.text.font", diag.A("rune", fmt.Sprintf("%q (U+%04X)", r, r))))
		}
	}
}

// OpenEmbedded opens the release in folder clauses/<folder> of the library
// shipped in the binary, with no validity window. It is for tests and
// benchmarks that name one release; the application opens releases through
// its catalogue (package ovk), which checks them as a set.
func OpenEmbedded(folder string) (*Drafter, error) {
	sub, err := fs.Sub(clauses.FS, folder)
	if err != nil {
		return nil, err
	}
	return Open(sub, path.Join("clauses", folder))
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
	if err := d.Window.check(p, d.Lib.Version); err != nil {
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
// It refuses an agreement dated outside the window as Prepare does.
func (d *Drafter) Explain(p *profile.Profile) (*rules.Selection, error) {
	if err := d.Window.check(p, d.Lib.Version); err != nil {
		return nil, err
	}
	return d.Engine.Select(p)
}

// Format is an output format of an agreement.
type Format string

// The output formats.
const (
	PDF  Format = "pdf"
	Text Format = "text"
	DOCX Format = "docx"
)

// Render writes the agreement in format f to w.
func Render(w io.Writer, doc *document.Document, f Format) error {
	switch f {
	case PDF:
		return pdf.Render(w, doc)
	case Text:
		_, err := io.WriteString(w, document.Text(doc))
		return err
	case DOCX:
		return docx.Render(w, doc)
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
