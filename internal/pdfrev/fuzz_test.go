package pdfrev_test

import (
	"bytes"
	"testing"

	"github.com/agii/ovk/internal/pdfrev"
	"github.com/agii/ovk/internal/testlib"
)

// FuzzUpdates: any bytes after a drafted PDF either read as updates or
// are refused; Updates never panics.
func FuzzUpdates(f *testing.F) {
	pdf := drafted(f)
	signed := testlib.AppendSignature(f, pdf, "Jan Janssens", "20260301", false)
	f.Add(signed[len(pdf):])
	f.Add(testlib.AppendSignature(f, pdf, "X", "20260301", true)[len(pdf):])
	f.Add([]byte("\n%%EOF\n"))
	f.Add([]byte("1 0 obj << /Type /Sig >> endobj\ntrailer << /Prev 0 >>\n%%EOF"))
	f.Fuzz(func(t *testing.T, tail []byte) {
		data := append(bytes.Clone(pdf), tail...)
		revs, err := pdfrev.Updates(data, len(pdf))
		if err == nil && len(revs) == 0 {
			t.Fatal("no error and no revision")
		}
	})
}
