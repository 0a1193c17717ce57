package docx_test

import (
	"io"
	"testing"

	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/testlib"
)

// BenchmarkRender is one agreement to DOCX (compare: go test ./internal/pdf
// -bench Render). Besides ns/op (wall clock, sensitive to a busy machine)
// it reports cpu-ms/op, the process's CPU time per render.
func BenchmarkRender(b *testing.B) {
	doc := assemble(b, examples(b)["23060-opwijk"], "")
	b.ReportAllocs()
	start := testlib.CPUTime()
	for b.Loop() {
		if err := docx.Render(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkRenderRedline is one redline of two agreements to DOCX: Halle
// under two releases (articles added, removed, changed, moved).
func BenchmarkRenderRedline(b *testing.B) {
	rl, _ := agreementRedline(b, crossRelease, "2020.1", "2025.1")
	b.ReportAllocs()
	start := testlib.CPUTime()
	for b.Loop() {
		if err := docx.RenderRedline(io.Discard, rl); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

func reportCPU(b *testing.B, start float64) {
	if start >= 0 && b.N > 0 {
		b.ReportMetric((testlib.CPUTime()-start)*1e3/float64(b.N), "cpu-ms/op")
	}
}
