package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

func readManifest(b []byte) error {
	_, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
	return err
}

func TestReadManifestRoundTrip(t *testing.T) {
	doc := testDocument()
	b := mustRender(t, doc)
	m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*m, doc.Meta.Manifest) {
		t.Fatalf("manifest read back differs:\n got %+v\nwant %+v", *m, doc.Meta.Manifest)
	}
}

func TestReadManifestNoAttachment(t *testing.T) {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	f.AddPage()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := readManifest(buf.Bytes()); !errors.Is(err, ErrNoManifest) {
		t.Fatalf("PDF without attachment: err = %v, want ErrNoManifest", err)
	}

	// An attachment with another name is not the manifest.
	f = fpdf.New("P", "mm", "A4", "")
	f.SetAttachments([]fpdf.Attachment{{Content: []byte("{}"), Filename: "other.json"}})
	f.AddPage()
	buf.Reset()
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if err := readManifest(buf.Bytes()); !errors.Is(err, ErrNoManifest) {
		t.Fatalf("PDF with other.json: err = %v, want ErrNoManifest", err)
	}
}

func TestReadManifestDamaged(t *testing.T) {
	good := mustRender(t, testDocument())
	cases := map[string][]byte{
		"empty":       nil,
		"garbage":     []byte("this is not a PDF at all, just some words"),
		"header only": []byte("%PDF-1.3\n"),
		"no catalog":  []byte("%PDF-1.3\n1 0 obj\n<< /Type /Pages >>\nendobj\ntrailer\n<< /Root 9 0 R >>\n"),
	}
	// Truncations keep the header but lose the catalog and trailer.
	for _, frac := range []int{1, 2, 5, 9} {
		cases[fmt.Sprintf("truncated to %d/10", frac)] = good[:len(good)*frac/10]
	}
	// A flipped byte inside the compressed manifest.
	s := scanManifestStream(t, good)
	flipped := bytes.Clone(good)
	flipped[s+40] ^= 0x55
	cases["corrupt manifest stream"] = flipped

	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			err := readManifest(b)
			if err == nil {
				t.Fatal("no error")
			}
			if !errors.Is(err, ErrDamaged) {
				t.Fatalf("err = %v, want it to wrap ErrDamaged", err)
			}
		})
	}
}

// scanManifestStream returns the offset of the embedded file stream data.
func scanManifestStream(t *testing.T, b []byte) int {
	t.Helper()
	k := bytes.Index(b, []byte("/Type /EmbeddedFile"))
	if k < 0 {
		t.Fatal("no embedded file")
	}
	s := bytes.Index(b[k:], []byte("stream\n"))
	return k + s + len("stream\n")
}

func TestReadManifestShortRead(t *testing.T) {
	b := mustRender(t, testDocument())
	_, err := ReadManifest(bytes.NewReader(b), int64(len(b))+10)
	if !errors.Is(err, ErrDamaged) {
		t.Fatalf("size beyond the reader: err = %v, want ErrDamaged", err)
	}
	if _, err := ReadManifest(bytes.NewReader(b), -1); !errors.Is(err, ErrDamaged) {
		t.Fatalf("negative size: err = %v", err)
	}
}

// An incremental update (as when a PDF is signed) appends new versions of
// objects; the manifest must still be found.
func TestReadManifestIncrementalUpdate(t *testing.T) {
	doc := testDocument()
	b := mustRender(t, doc)
	d := scan(b)
	var maxNum int64
	for n := range d.objs {
		maxNum = max(maxNum, n)
	}
	rootRef := d.root().(pref)
	update := fmt.Sprintf("%d 0 obj\n<< /Producer (an editor) >>\nendobj\n"+
		"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		maxNum+1, maxNum+1, len(b), maxNum+2, rootRef.num, maxNum+1, bytes.LastIndex(b, []byte("xref")), len(b)+40)
	b = append(bytes.Clone(b), update...)
	m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Reference != doc.Reference {
		t.Fatalf("reference = %q", m.Reference)
	}
}

// After qpdf rewrites the file, renumbering objects and, optionally, packing
// them into compressed object streams, the manifest is still found.
func TestReadManifestAfterQPDF(t *testing.T) {
	doc := testDocument()
	in := writeTemp(t, mustRender(t, doc))
	for _, mode := range []string{"preserve", "generate"} {
		out := filepath.Join(t.TempDir(), mode+".pdf")
		run(t, "qpdf", "--object-streams="+mode, in, out)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("object streams %s: %v", mode, err)
		}
		if !reflect.DeepEqual(*m, doc.Meta.Manifest) {
			t.Fatalf("object streams %s: manifest differs", mode)
		}
	}
}

func TestPDFStrings(t *testing.T) {
	p := parser{b: []byte(`<< /A (a\(b\)c\\ \101\n) /B <FEFF004D> /C [1 2 0 R 3.5 /N#20x true null] /D (x (nested) y) >>`)}
	o, err := p.object(0)
	if err != nil {
		t.Fatal(err)
	}
	d := o.(pdict)
	if got := string(d["A"].(pstring)); got != "a(b)c\\ A\n" {
		t.Errorf("A = %q", got)
	}
	if got := textString(d["B"].(pstring)); got != "M" {
		t.Errorf("B = %q", got)
	}
	want := []pobj{int64(1), pref{2, 0}, 3.5, pname("N x"), true, nil}
	if !reflect.DeepEqual(d["C"], want) {
		t.Errorf("C = %#v", d["C"])
	}
	if got := string(d["D"].(pstring)); got != "x (nested) y" {
		t.Errorf("D = %q", got)
	}
}

func FuzzReadManifest(f *testing.F) {
	f.Add(mustRender(f, testDocument()))
	f.Add([]byte("%PDF-1.3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
		if err == nil && m == nil {
			t.Fatal("nil manifest without error")
		}
		if err != nil && !errors.Is(err, ErrDamaged) && !errors.Is(err, ErrNoManifest) {
			t.Fatalf("error %v wraps neither ErrDamaged nor ErrNoManifest", err)
		}
	})
}

func BenchmarkReadManifest(b *testing.B) {
	data := mustRender(b, testDocument())
	r := bytes.NewReader(data)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadManifest(r, int64(len(data))); err != nil {
			b.Fatal(err)
		}
	}
}

// Hostile inputs must not take quadratic or exponential time.
func TestReadManifestHostile(t *testing.T) {
	var dag strings.Builder
	dag.WriteString("%PDF-1.3\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj\n")
	for i := 2; i < 60; i++ {
		fmt.Fprintf(&dag, "%d 0 obj << /Kids [%d 0 R %d 0 R %d 0 R] >> endobj\n", i, i+1, i+1, i+1)
	}
	dag.WriteString("60 0 obj << /Names [(a) 61 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n")
	for name, in := range map[string]string{
		"unterminated strings":       "%PDF-1.3\n" + strings.Repeat("1 0 obj (", 20000),
		"unterminated hex":           "%PDF-1.3\n" + strings.Repeat("1 0 obj <", 20000),
		"nested arrays":              "%PDF-1.3\n" + strings.Repeat("1 0 obj [", 20000),
		"streams without end":        "%PDF-1.3\n" + strings.Repeat("1 0 obj << /Length 5 >> stream\n", 20000),
		"trailers with strings":      "%PDF-1.3\n" + strings.Repeat("trailer (", 20000),
		"name tree with shared kids": dag.String(),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			err := readManifest([]byte(in))
			if err == nil {
				t.Fatal("no error")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("took %v", d)
			}
		})
	}
}
