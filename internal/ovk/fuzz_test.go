package ovk

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/testlib"
)

// FuzzCatalog opens a library whose second release has an arbitrary
// header: the catalogue never panics, lists what it can read, and every
// release either drafts or says why not.
func FuzzCatalog(f *testing.F) {
	f.Add([]byte(testlib.Header))
	f.Add([]byte(strings.Replace(testlib.Header, "van_kracht = 2025-01-01", "van_kracht = 2026-01-01", 1)))
	f.Add([]byte(strings.Replace(testlib.Header, `versie = "1.0"`, `versie = 7`, 1)))
	f.Add([]byte("versie = \"1.0\"\nvan_kracht = 1999-13-40\n"))
	f.Add([]byte("[[["))
	f.Fuzz(func(t *testing.T, header []byte) {
		fsys := fstest.MapFS{}
		for name, file := range testlib.FS(nil) {
			fsys["a/"+name] = file
			fsys["b/"+name] = file
		}
		fsys["b/library.toml"] = &fstest.MapFile{Data: header}
		cat, err := Open(Source{FS: fsys, Root: "lib"})
		if err != nil {
			t.Fatalf("two release folders, yet: %v", err)
		}
		_ = cat.List("")
		for _, r := range cat.All() {
			d, err := r.Drafter()
			if (d == nil) == (err == nil) {
				t.Fatalf("release %s: drafter %v, error %v", r.Folder, d, err)
			}
		}
		if _, err := cat.Release("a"); err != nil {
			t.Fatalf("folder a: %v", err)
		}
	})
}
