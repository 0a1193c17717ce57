package httpapi

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/agii/ovk/internal/ovk"
)

// BenchmarkPostAgreement measures one POST /v1/agreements through every
// middleware (access log to io.Discard), per answer format; compare with
// internal/draft's BenchmarkDraftPDF for the API's own share.
func BenchmarkPostAgreement(b *testing.B) {
	s, err := New(ovk.Embedded, Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		b.Fatal(err)
	}
	for _, accept := range []string{mediaPDF, mediaText, mediaJSON} {
		b.Run(accept, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				hr := httptest.NewRequest(http.MethodPost, "/v1/agreements", bytes.NewReader(src))
				hr.Header.Set("Content-Type", mediaTOML)
				hr.Header.Set("Accept", accept)
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, hr)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
