// Package pdfrev owns the reading of a PDF's later revisions: the
// incremental updates that signing software and PDF readers append to the
// bytes ovk drafted (eID signatures, annotations, form fields). It reads
// them with pdfcpu, and says per revision what it adds and whether it
// touches what the first revision shows (its page content or its
// attachments).
package pdfrev

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"

	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// pdfcpu would otherwise write a config.yml into the user's configuration
// folder on first use; ovk needs none of it.
func init() { model.ConfigPath = "disable" }

// ErrNotIncremental is returned for bytes after the first revision that
// are not complete incremental updates (each ending in %%EOF).
var ErrNotIncremental = errors.New("the bytes after the drafted PDF are not incremental updates")

// Signature is a signature dictionary a revision adds.
type Signature struct {
	// Name is the signer's name as the signature dictionary gives it (the
	// certificate's holder is in the signature itself); "" when it has none.
	Name string `json:"name,omitempty"`
	// SignedOn is the signing time (/M) as a date, YYYY-MM-DD, when given.
	SignedOn string `json:"signed_on,omitempty"`
	// Reason is the signer's reason (/Reason), when given.
	Reason string `json:"reason,omitempty"`
}

// Revision is one incremental update after the first revision.
type Revision struct {
	// Number counts the revisions of the file: the drafted PDF is 1.
	Number int `json:"number"`
	// Bytes is the size of the update.
	Bytes      int         `json:"bytes"`
	Signatures []Signature `json:"signatures,omitempty"`
	// Annotations are the subtypes of the annotations it adds or changes
	// (Text, Highlight, Widget for a form field, …), sorted.
	Annotations []string `json:"annotations,omitempty"`
	// ChangesContent lists what it changes that the first revision shows
	// or carries: a page's content, an attachment (the manifest, the
	// profile). Empty for a signature or an annotation.
	ChangesContent []string `json:"changes_content,omitempty"`
}

// Updates reads the incremental updates of data after its first base bytes
// (the PDF as drafted; data starts with it). It fails when those bytes are
// not incremental updates or the whole file does not read.
func Updates(data []byte, base int) ([]Revision, error) {
	if base <= 0 || base >= len(data) {
		return nil, ErrNotIncremental
	}
	bounds := []int{base}
	rest := data[base:]
	for off := 0; ; {
		i := bytes.Index(rest[off:], []byte("%%EOF"))
		if i < 0 {
			break
		}
		off += i + len("%%EOF")
		for off < len(rest) && (rest[off] == '\r' || rest[off] == '\n') {
			off++
		}
		bounds = append(bounds, base+off)
	}
	if len(bounds) == 1 || len(bytes.TrimSpace(data[bounds[len(bounds)-1]:])) > 0 {
		return nil, ErrNotIncremental
	}
	first, err := read(data[:base])
	if err != nil {
		return nil, err
	}
	all, err := read(data)
	if err != nil {
		return nil, err
	}
	firstShows := shown(first)
	revs := make([]Revision, len(bounds)-1)
	for i := range revs {
		revs[i] = Revision{Number: i + 2, Bytes: bounds[i+1] - bounds[i]}
	}
	xt := all.XRefTable
	nums := make([]int, 0, len(xt.Table))
	for n := range xt.Table {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	for _, n := range nums {
		e := xt.Table[n]
		if e == nil || e.Free {
			continue
		}
		off, ok := offset(xt, e)
		if !ok || off < int64(base) {
			continue
		}
		k := sort.Search(len(bounds), func(j int) bool { return int64(bounds[j]) > off }) - 1
		if k < 0 || k >= len(revs) {
			continue
		}
		describe(&revs[k], n, xt, firstShows)
	}
	for i := range revs {
		sort.Strings(revs[i].Annotations)
		revs[i].Annotations = compact(revs[i].Annotations)
	}
	return revs, nil
}

// ChangesContent reports whether any revision changes what the drafted
// PDF shows or carries.
func ChangesContent(revs []Revision) bool {
	for _, r := range revs {
		if len(r.ChangesContent) > 0 {
			return true
		}
	}
	return false
}

func read(b []byte) (*model.Context, error) {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(b), conf)
	if err != nil {
		return nil, fmt.Errorf("pdf revisions: %w", err)
	}
	return ctx, nil
}

// offset is where object e was last written: its own offset, or that of
// the object stream that holds it.
func offset(xt *model.XRefTable, e *model.XRefTableEntry) (int64, bool) {
	if e.Compressed && e.ObjectStream != nil {
		s, ok := xt.Table[*e.ObjectStream]
		if !ok || s.Offset == nil {
			return 0, false
		}
		return *s.Offset, true
	}
	if e.Offset == nil {
		return 0, false
	}
	return *e.Offset, true
}

// firstRevision is what the drafted PDF shows and carries: each page's
// /Contents (by page object number) and the objects of the page content
// streams and of the attachments.
type firstRevision struct {
	pageContents map[int]string
	objects      map[int]string
}

func shown(ctx *model.Context) firstRevision {
	f := firstRevision{pageContents: map[int]string{}, objects: map[int]string{}}
	xt := ctx.XRefTable
	for n, e := range xt.Table {
		if e == nil || e.Free {
			continue
		}
		d := dictOf(xt, n)
		if d == nil {
			continue
		}
		switch name(d.Type()) {
		case "Page":
			if c, ok := d.Find("Contents"); ok {
				f.pageContents[n] = c.String()
				for _, r := range refs(c) {
					f.objects[r] = "page content"
				}
			}
		case "EmbeddedFile", "Filespec":
			f.objects[n] = "attachment"
		}
	}
	return f
}

// describe adds object n, written in revision r, to r's description.
func describe(r *Revision, n int, xt *model.XRefTable, first firstRevision) {
	if what, ok := first.objects[n]; ok {
		r.ChangesContent = appendOnce(r.ChangesContent, what)
		return
	}
	d := dictOf(xt, n)
	if d == nil {
		return
	}
	switch name(d.Type()) {
	case "Sig", "DocTimeStamp":
		s := Signature{Name: text(d, "Name"), Reason: text(d, "Reason")}
		if m := text(d, "M"); len(m) >= 10 && strings.HasPrefix(m, "D:") {
			s.SignedOn = m[2:6] + "-" + m[6:8] + "-" + m[8:10]
		}
		r.Signatures = append(r.Signatures, s)
	case "Annot":
		r.Annotations = append(r.Annotations, name(d.Subtype()))
	case "Page":
		if c, ok := d.Find("Contents"); ok && first.pageContents[n] != c.String() {
			r.ChangesContent = appendOnce(r.ChangesContent, "page content")
		}
	case "EmbeddedFile", "Filespec":
		r.ChangesContent = appendOnce(r.ChangesContent, "attachment")
	default:
		if _, ok := d.Find("ByteRange"); ok { // a signature dictionary without /Type
			r.Signatures = append(r.Signatures, Signature{Name: text(d, "Name")})
		} else if _, ok := d.Find("FT"); ok {
			r.Annotations = append(r.Annotations, "Widget")
		}
	}
}

func dictOf(xt *model.XRefTable, n int) types.Dict {
	o, err := xt.Dereference(*types.NewIndirectRef(n, 0))
	if err != nil {
		return nil
	}
	switch x := o.(type) {
	case types.Dict:
		return x
	case types.StreamDict:
		return x.Dict
	}
	return nil
}

func refs(o types.Object) []int {
	switch x := o.(type) {
	case types.IndirectRef:
		return []int{x.ObjectNumber.Value()}
	case types.Array:
		var out []int
		for _, e := range x {
			out = append(out, refs(e)...)
		}
		return out
	}
	return nil
}

func name(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// text is the string entry key of d, decoded.
func text(d types.Dict, key string) string {
	o, ok := d.Find(key)
	if !ok {
		return ""
	}
	switch x := o.(type) {
	case types.StringLiteral:
		if s, err := types.StringLiteralToString(x); err == nil {
			return s
		}
	case types.HexLiteral:
		if s, err := types.HexLiteralToString(x); err == nil {
			return s
		}
	}
	return ""
}

func appendOnce(list []string, s string) []string {
	for _, e := range list {
		if e == s {
			return list
		}
	}
	return append(list, s)
}

func compact(s []string) []string {
	out := s[:0]
	for i, e := range s {
		if i == 0 || e != s[i-1] {
			out = append(out, e)
		}
	}
	return out
}
