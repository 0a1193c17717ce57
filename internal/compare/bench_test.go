package compare

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
)

// benchFormats times computing a report and rendering it in each format,
// and reports the size of the output.
func benchFormats(b *testing.B, diff func() *Report) {
	nl := l10n.For("nl").T
	for _, f := range []struct {
		name   string
		render func(io.Writer, *Report) error
	}{
		{"diff", nil},
		{"text", func(w io.Writer, r *Report) error { return WriteText(w, r, nl, false) }},
		{"json", WriteJSON},
		{"html", func(w io.Writer, r *Report) error { return WriteHTML(w, r, nl, "nl") }},
		{"pdf", func(w io.Writer, r *Report) error { return pdf.RenderRedline(w, Redline(r, nl)) }},
	} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			var buf bytes.Buffer
			for b.Loop() {
				r := diff()
				if f.render == nil {
					continue
				}
				buf.Reset()
				if err := f.render(&buf, r); err != nil {
					b.Fatal(err)
				}
			}
			if f.render != nil {
				b.ReportMetric(float64(buf.Len()), "out-bytes")
			}
		})
	}
}

// BenchmarkShippedReleases: ovk diff --from 2020.1 --to 2025.1, with the
// releases already loaded.
func BenchmarkShippedReleases(b *testing.B) {
	old, err := draft.OpenEmbedded("2020.1")
	if err != nil {
		b.Fatal(err)
	}
	new, err := draft.OpenEmbedded("2025.1")
	if err != nil {
		b.Fatal(err)
	}
	benchFormats(b, func() *Report { return Releases(old.Lib, new.Lib) })
}

// BenchmarkAgreementPair: Halle drafted under 2020.1 and under 2025.1, with
// both agreements already drafted.
func BenchmarkAgreementPair(b *testing.B) {
	sides := halleSides(b)
	benchFormats(b, func() *Report {
		r, err := Documents(sides[0], sides[1])
		if err != nil {
			b.Fatal(err)
		}
		return r
	})
}

// BenchmarkAgreementPDFs: ovk diff OLD.pdf NEW.pdf from the PDFs' bytes:
// reading both manifests and profiles, then the diff (text view).
func BenchmarkAgreementPDFs(b *testing.B) {
	var pdfs [][]byte
	for _, rel := range []string{"2020.1", "2025.1"} {
		d, _ := draft.OpenEmbedded(rel)
		src, err := os.ReadFile("../../examples/23027-halle.toml")
		if err != nil {
			b.Fatal(err)
		}
		p, err := profile.Parse("23027-halle.toml", src)
		if err != nil {
			b.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			b.Fatal(err)
		}
		data, err := draft.Bytes(res.Doc, draft.PDF)
		if err != nil {
			b.Fatal(err)
		}
		pdfs = append(pdfs, data)
	}
	nl := l10n.For("nl").T
	b.ReportAllocs()
	var buf bytes.Buffer
	for b.Loop() {
		var sides []*Agreement
		for _, data := range pdfs {
			emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				b.Fatal(err)
			}
			p, err := profile.Parse("embedded", emb.Profile)
			if err != nil {
				b.Fatal(err)
			}
			sides = append(sides, FromManifest(SidePDF, "x.pdf", &emb.Manifest, p))
		}
		r, err := Documents(sides[0], sides[1])
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := WriteText(&buf, r, nl, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "out-bytes")
}

func halleSides(b *testing.B) []*Agreement {
	var sides []*Agreement
	for _, rel := range []string{"2020.1", "2025.1"} {
		d, err := draft.OpenEmbedded(rel)
		if err != nil {
			b.Fatal(err)
		}
		src, err := os.ReadFile("../../examples/23027-halle.toml")
		if err != nil {
			b.Fatal(err)
		}
		p, err := profile.Parse("23027-halle.toml", src)
		if err != nil {
			b.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			b.Fatal(err)
		}
		sides = append(sides, FromDraft(SideProfile, "halle.toml", p, res.Selection, res.Doc))
	}
	return sides
}

// BenchmarkImpact: ovk impact over the 2025.1 register of the examples
// (8 municipalities) from 2025.1 to 2026.1, with the releases and the
// register loaded: drafting both agreements of each and comparing them.
func BenchmarkImpact(b *testing.B) {
	from, to := openRelease(b, "2025.1"), openRelease(b, "2026.1")
	reg := loadRegister(b, "testdata/profiles/2025.1")
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := Impact(context.Background(), ImpactOptions{From: from, To: to, Register: reg, Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
	if cpu >= 0 {
		b.ReportMetric((cpuTime()-cpu)*1e3/float64(b.N)/float64(len(reg.Entries)), "cpu-ms/municipality")
	}
}
