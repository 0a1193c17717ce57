package pdf

import (
	"io"
	"testing"
)

// BenchmarkRender measures document-to-PDF for the realistic six-page
// agreement of testDocument. Besides ns/op (wall clock, sensitive to a busy
// machine) it reports cpu-ms/op: the process's user+system CPU time per
// render, including the garbage collector's, which is what the budget of
// 4 ms CPU per agreement is about.
func BenchmarkRender(b *testing.B) {
	doc := testDocument()
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if err := Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkLayout measures this package's own share: checking, line
// breaking and pagination, without fpdf.
func BenchmarkLayout(b *testing.B) {
	doc := testDocument()
	m := mustMetrics()
	b.ReportAllocs()
	start := cpuTime()
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
		b.ReportMetric((cpuTime()-start)*1e3/float64(b.N), "cpu-ms/op")
	}
}
