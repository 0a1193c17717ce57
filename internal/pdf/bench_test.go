package pdf

import (
	"io"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/testlib"
)

// BenchmarkRender measures document-to-PDF for the realistic six-page
// agreement of testDocument. Besides ns/op (wall clock, sensitive to a busy
// machine) it reports cpu-ms/op: the process's user+system CPU time per
// render, including the garbage collector's, which is what the budget of
// 4 ms CPU per agreement is about. After the first iteration the font
// subsets come from fpdf's subset cache; BenchmarkRenderNewRuneSet measures
// a document whose rune set has not been seen before.
func BenchmarkRender(b *testing.B) {
	doc := testDocument()
	b.ReportAllocs()
	start := testlib.CPUTime()
	for b.Loop() {
		if err := Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkRenderNewRuneSet is BenchmarkRender with two letters in a
// signer's name (bold) and in the closing sentence (regular) that no
// earlier iteration used in that combination, so that every render misses
// the subset cache for both faces and subsets and compresses them anew: the
// cost of the first document of a batch, or of one whose names bring letters
// of their own.
func BenchmarkRenderNewRuneSet(b *testing.B) {
	doc := testDocument()
	pool := extraLetters()
	signer, closing := &doc.Signatures[1].Signers[0], doc.Closing
	b.ReportAllocs()
	start := testlib.CPUTime()
	for b.Loop() {
		i := newRuneSets
		newRuneSets++
		extra := string(pool[i%len(pool)]) + string(pool[(i/len(pool))%len(pool)])
		signer.Name = "Nguyễn Thị Hoa " + extra
		doc.Closing = closing + " " + extra
		if err := Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// newRuneSets counts the rune sets BenchmarkRenderNewRuneSet has used, over
// all its runs (-count).
var newRuneSets int

// BenchmarkRenderParallel renders on all cores at once, as a batch or a busy
// server does; cpu-ms/op should stay close to BenchmarkRender's.
func BenchmarkRenderParallel(b *testing.B) {
	doc := testDocument()
	b.ReportAllocs()
	start := testlib.CPUTime()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := Render(io.Discard, doc); err != nil {
				b.Error(err)
				return
			}
		}
	})
	reportCPU(b, start)
}

// BenchmarkLayout measures this package's own share: checking, line
// breaking and pagination, without fpdf.
func BenchmarkLayout(b *testing.B) {
	doc := testDocument()
	m := mustMetrics()
	b.ReportAllocs()
	start := testlib.CPUTime()
	for b.Loop() {
		if err := checkDocument(doc); err != nil {
			b.Fatal(err)
		}
		l := layout{m: m}
		l.build(doc)
		l.paginate()
	}
	reportCPU(b, start)
}

// reportCPU reports the CPU time used since start per iteration.
func reportCPU(b *testing.B, start float64) {
	if start >= 0 && b.N > 0 {
		b.ReportMetric((testlib.CPUTime()-start)*1e3/float64(b.N), "cpu-ms/op")
	}
}

// extraLetters returns the precomposed letters beyond ASCII that both faces
// can show, in increasing order: more than a thousand, from Latin, Greek and
// Cyrillic.
func extraLetters() []rune {
	m := mustMetrics()
	var letters []rune
	for r := rune(0xC0); r < 0x2000; r++ {
		if unicode.IsLetter(r) && showable(m, r) && norm.NFC.IsNormalString(string(r)) {
			letters = append(letters, r)
		}
	}
	return letters
}
