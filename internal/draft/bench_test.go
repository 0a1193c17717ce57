package draft

import (
	"io/fs"
	"os"
	"testing"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/profile"
)

// BenchmarkDraftPDF measures one agreement from profile bytes to PDF bytes:
// parse, select, assemble, render.
func BenchmarkDraftPDF(b *testing.B) {
	benchmarkDraft(b, PDF)
}

// BenchmarkDraftText is the same pipeline rendering plain text, to show
// what the PDF renderer costs on top.
func BenchmarkDraftText(b *testing.B) {
	benchmarkDraft(b, Text)
}

func benchmarkDraft(b *testing.B, f Format) {
	d, err := OpenEmbedded(newestEmbedded(b)) // the examples follow the newest release
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int
	cpu0 := cpuTime()
	for b.Loop() {
		p, err := profile.Parse("opwijk.toml", src)
		if err != nil {
			b.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			b.Fatal(err)
		}
		out, err := Bytes(res.Doc, f)
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/doc")
	if cpu0 >= 0 {
		// CPU of the whole process (garbage collection on other cores included).
		b.ReportMetric((cpuTime()-cpu0)*1000/float64(b.N), "cpu-ms/op")
	}
}

// BenchmarkOpen measures loading and checking the embedded release.
func BenchmarkOpen(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := OpenEmbedded("2025.1"); err != nil {
			b.Fatal(err)
		}
	}
}

// newestEmbedded names the newest embedded release folder ("2026.1").
func newestEmbedded(b *testing.B) string {
	dirs, err := fs.Glob(clauses.FS, "20*")
	if err != nil || len(dirs) == 0 {
		b.Fatalf("no embedded release: %v", err)
	}
	return dirs[len(dirs)-1]
}
