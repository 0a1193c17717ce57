package batch

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/register"
	"github.com/agii/ovk/internal/testlib"
)

// benchRegister is a register of n municipalities of the 2025 map with
// made-up figures (made-up municipalities beyond the 283 AgII serves).
func benchRegister(b testing.TB, n int) *register.Register {
	b.Helper()
	var s strings.Builder
	s.WriteString("nis,naam,provincie,adres,inwoners,inburgeraars_per_jaar\n")
	for i := 0; i < n; i++ {
		g := testlib.Municipality(b, i)
		fmt.Fprintf(&s, "%s,%s,%s,\"Dorpsplein %d, %s\",%d,%d\n", g.NIS, g.Name, g.Province, i+1, g.NIS, 5000+i*1733, i%7*10)
	}
	reg, err := register.ReadCSV("bench.csv", strings.NewReader(s.String()), register.Base{Name: "base", Src: register.DefaultBase})
	if err != nil {
		b.Fatal(err)
	}
	return reg
}

// BenchmarkBatch drafts a register of 100 municipalities (all PDFs
// written); the reported ns/agreement is the wall time per agreement and
// cpu-ms/agreement the process's CPU time per agreement (on all cores,
// garbage collection included), which a busy machine disturbs less.
func BenchmarkBatch(b *testing.B) {
	const n = 100
	reg := benchRegister(b, n)
	d, err := openReleaseB("2025.1")
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	cpu0 := testlib.CPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Force: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/agreement")
	if cpu0 >= 0 {
		b.ReportMetric((testlib.CPUTime()-cpu0)*1000/float64(b.N*n), "cpu-ms/agreement")
	}
}

// BenchmarkRegister loads a register of 300 rows.
func BenchmarkRegister(b *testing.B) {
	for i := 0; i < b.N; i++ {
		benchRegister(b, 300)
	}
}

// BenchmarkUnchangedRerun: deciding that nothing changed, for 100 municipalities.
func BenchmarkUnchangedRerun(b *testing.B) {
	reg := benchRegister(b, 100)
	d, _ := openReleaseB("2025.1")
	out := b.TempDir()
	Run(context.Background(), Options{Drafter: d, Register: reg, Out: out})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}

func openReleaseB(name string) (*draft.Drafter, error) { return draft.OpenEmbedded(name) }
