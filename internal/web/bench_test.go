package web_test

import (
	"io"
	"log/slog"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/agii/ovk/internal/httpapi"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/web"
)

// quiet is the server without its access log, for benchmarks.
func quiet(b *testing.B, reg string) *httpapi.Server {
	api, err := httpapi.New(ovk.Embedded, httpapi.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	page, err := web.New(api.Catalog(), web.Options{Register: reg})
	if err != nil {
		b.Fatal(err)
	}
	api.Mount(page, web.Paths...)
	return api
}

// BenchmarkPreview is a form change → the updated preview, server side:
// Opwijk's form with a goal's target changed each time, posted to the
// preview route (draft, text rendering, explain). It reports p50 and p99.
func BenchmarkPreview(b *testing.B) { benchPreview(b, "") }

// BenchmarkPreviewSaved is the same with Opwijk's profile in the register:
// the preview then also drafts the saved profile and diffs against it.
func BenchmarkPreviewSaved(b *testing.B) {
	reg := b.TempDir()
	copyFile(b, opwijk, reg+"/23060-opwijk.toml")
	benchPreview(b, reg)
}

func benchPreview(b *testing.B, reg string) {
	s := &session{t: b, h: quiet(b, reg)}
	v := s.open("23060", opwijk)
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.Set("parameters.toeleiding_buddies.aantal", strconv.Itoa(5+i%20))
		start := time.Now()
		w := s.do("POST", "/gemeente/23060/voorbeeld", v)
		times = append(times, time.Since(start))
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
	b.StopTimer()
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*99/100].Microseconds())/1000, "p99-ms")
}

// BenchmarkFormPage reports the weight of Opwijk's form with every asset
// it loads (HTML, CSS, JavaScript; there are no others).
func BenchmarkFormPage(b *testing.B) {
	s := &session{t: b, h: quiet(b, "")}
	var n int
	for i := 0; i < b.N; i++ {
		n = s.do("GET", "/gemeente/23060", nil).Body.Len() +
			s.do("GET", "/assets/page.css", nil).Body.Len() + s.do("GET", "/assets/page.js", nil).Body.Len()
	}
	b.ReportMetric(float64(n)/1024, "page-KiB")
}
