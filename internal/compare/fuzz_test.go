package compare

import (
	"encoding/json"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/testlib"
)

// FuzzManifest reads arbitrary manifest JSON as a PDF's side, an
// ovk-manifest/2 or an /1 whose text is parsed back: Documents never
// panics, and an agreement compared with itself is the same.
func FuzzManifest(f *testing.F) {
	_, res := drafted(f, testlib.FS(nil), "oud.toml", testlib.Profile)
	v2, err := json.Marshal(&res.Doc.Meta.Manifest)
	if err != nil {
		f.Fatal(err)
	}
	v1, err := json.Marshal(testlib.ManifestV1(res.Doc))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v2)
	f.Add(v1)
	f.Add([]byte(`{"schema":"ovk-manifest/1","clauses":[{"id":"a","article":1,"title":"A"}],"text":"Artikel 1. A\n\n    1° x\n§ 2. y\n"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 1<<16 {
			return
		}
		var m document.Manifest
		if json.Unmarshal(b, &m) != nil {
			return
		}
		r, err := Documents(FromManifest(SidePDF, "a.pdf", &m, nil), FromManifest(SidePDF, "b.pdf", &m, nil))
		if err != nil {
			return
		}
		if !r.Same() {
			t.Errorf("an agreement differs from itself: %+v", r.Summary)
		}
	})
}
