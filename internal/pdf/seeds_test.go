package pdf

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/go-pdf/fpdf"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the FuzzReadManifest seed corpus in testdata/fuzz")

// tinyPDF is a one-page PDF without text, as fpdf writes it, with a small
// manifest attachment when manifest is not nil: the structure of Render's
// output without its 60 KiB of fonts, small enough for a fuzz seed.
func tinyPDF(t testing.TB, manifest []byte) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(fixedDate)
	f.SetModificationDate(fixedDate)
	if manifest != nil {
		f.SetAttachments([]fpdf.Attachment{{Content: manifest, Filename: manifestName, Description: "seed"}})
	}
	f.AddPage()
	f.Bookmark("Artikel 1.", 0, 0)
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const seedManifest = `{"schema":"ovk-manifest/1","reference":"AgII-OVK-2026-1","clauses":[{"id":"a","version":1,"article":1,"title":"Voorwerp","sha256":"00"}]}`

func TestTinyPDFSeed(t *testing.T) {
	b := tinyPDF(t, []byte(seedManifest))
	m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
	if err != nil || m.Reference != "AgII-OVK-2026-1" || len(m.Clauses) != 1 {
		t.Fatalf("ReadManifest = %+v, %v", m, err)
	}
}

// TestWriteFuzzSeeds regenerates testdata/fuzz/FuzzReadManifest with
// go test -run TestWriteFuzzSeeds -update-seeds.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update-seeds to rewrite the seed corpus")
	}
	with := tinyPDF(t, []byte(seedManifest))
	seeds := map[string][]byte{
		"fpdf-manifest":    with,
		"fpdf-no-manifest": tinyPDF(t, nil),
		"incremental-update": append(bytes.Clone(with), []byte(fmt.Sprintf(
			"99 0 obj\n<< /Producer (editor) >>\nendobj\nxref\n99 1\n%010d 00000 n \ntrailer\n<< /Size 100 /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
			len(with), rootOf(t, with), bytes.LastIndex(with, []byte("xref")), len(with)+40))...),
		"bad-checksum": bytes.Replace(with, []byte("/CheckSum <"), []byte("/CheckSum <00"), 1),
		"hex-and-escapes": []byte("%PDF-1.7\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles << /Names [(m) 2 0 R] >> >> >> endobj\n" +
			"2 0 obj << /Type /Filespec /F (manifest.json) /UF <FEFF006D> /EF << /F 3 0 R >> >> endobj\n" +
			"3 0 obj << /Type /EmbeddedFile /Length 4 0 R >> stream\n{\"schema\":\"x\\u00e9\"}\nendstream endobj\n" +
			"4 0 obj 20 endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		dir := t.TempDir()
		in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
		if err := os.WriteFile(in, with, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := exec.Command(qpdf, "--object-streams=generate", in, out).Run(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		seeds["qpdf-object-streams"] = b
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadManifest")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		content := "go test fuzz v1\n[]byte(" + strconv.Quote(string(b)) + ")\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rootOf returns the "N 0 R" catalog reference of a PDF.
func rootOf(t testing.TB, b []byte) string {
	r, ok := scan(b).root().(pref)
	if !ok {
		t.Fatal("no root reference")
	}
	return fmt.Sprintf("%d %d R", r.num, r.gen)
}

// TestSeedOutcomes pins what ReadManifest makes of each committed seed.
func TestSeedOutcomes(t *testing.T) {
	want := map[string]error{
		"fpdf-manifest":       nil,
		"fpdf-no-manifest":    ErrNoManifest,
		"incremental-update":  nil,
		"bad-checksum":        ErrDamaged,
		"hex-and-escapes":     nil,
		"qpdf-object-streams": nil,
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzReadManifest")
	for name, wantErr := range want {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, name))
			if os.IsNotExist(err) {
				t.Skip("seed not generated")
			}
			if err != nil {
				t.Fatal(err)
			}
			b := seedBytes(t, raw)
			_, err = ReadManifest(bytes.NewReader(b), int64(len(b)))
			if wantErr == nil && err != nil || wantErr != nil && !errors.Is(err, wantErr) {
				t.Fatalf("err = %v, want %v", err, wantErr)
			}
		})
	}
}

// seedBytes decodes a one-value []byte corpus file.
func seedBytes(t *testing.T, raw []byte) []byte {
	t.Helper()
	lines := bytes.SplitN(raw, []byte("\n"), 2)
	if len(lines) != 2 || string(lines[0]) != "go test fuzz v1" {
		t.Fatal("not a fuzz corpus file")
	}
	v := bytes.TrimSpace(lines[1])
	v = bytes.TrimSuffix(bytes.TrimPrefix(v, []byte("[]byte(")), []byte(")"))
	s, err := strconv.Unquote(string(v))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(s)
}
