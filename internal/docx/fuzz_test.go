package docx_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/agii/ovk/internal/docx"
)

// FuzzReadEmbedded: ReadEmbedded never panics, and whatever it does not
// read it reports as damaged or as having no manifest. The seeds
// are an agreement and the small packages of testdata/fuzz.
func FuzzReadEmbedded(f *testing.F) {
	f.Add(render(f, assemble(f, examples(f)["73028-herstappe"], "")))
	// testdata/fuzz/FuzzReadEmbedded holds small packages: whole, without
	// the manifest, with a corrupt one, with a foreign custom XML part.
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := docx.ReadEmbedded(bytes.NewReader(b), int64(len(b)))
		if err != nil && !errors.Is(err, docx.ErrDamaged) && !errors.Is(err, docx.ErrNoManifest) {
			t.Fatalf("error %v is neither ErrDamaged nor ErrNoManifest", err)
		}
		if err == nil && e == nil {
			t.Fatal("nil result without an error")
		}
	})
}
