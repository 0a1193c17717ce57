package hyphen_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/hyphen"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/testlib"
)

// BenchmarkAgreement measures the CPU cost of hyphenating every word of an
// agreement (the examples in turn, under the newest embedded release), in
// cpu-ms/agreement: cold as the first agreement of a fresh process (the
// cache emptied before each), warm once the cache holds the words, as for
// every agreement of a batch or a server after the first.
//
//	go test ./internal/hyphen -run '^$' -bench Agreement -benchtime 2s
func BenchmarkAgreement(b *testing.B) {
	files, _ := filepath.Glob("../../examples/*.toml")
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		b.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		b.Fatal(err)
	}
	var agreements [][]string
	for _, f := range files {
		p, err := ovk.LoadProfile(f)
		if err != nil {
			b.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			b.Fatal(err)
		}
		agreements = append(agreements, strings.Fields(document.Text(res.Doc)))
	}
	if len(agreements) == 0 {
		b.Fatal("no examples")
	}
	hyphen.Dutch() // the patterns are parsed once per process, not per agreement
	run := func(b *testing.B, reset bool) {
		n, cpu := 0, 0.0
		for b.Loop() {
			for _, words := range agreements {
				if reset {
					hyphen.ResetCache()
				}
				start := testlib.CPUTime()
				for _, w := range words {
					hyphen.Breaks(w)
				}
				cpu += testlib.CPUTime() - start
				n++
			}
		}
		b.ReportMetric(cpu*1e3/float64(n), "cpu-ms/agreement")
		b.ReportMetric(float64(len(agreements[0])), "words/agreement")
	}
	b.Run("cold", func(b *testing.B) { run(b, true) })
	b.Run("warm", func(b *testing.B) { run(b, false) })
}
