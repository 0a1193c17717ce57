package ovk

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/testlib"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// examples lists the example profiles that must draft (examples/*.toml).
func examples(t testing.TB) []string {
	files, err := filepath.Glob("../../examples/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	return files
}

// TestGoldenText drafts every example and compares its plain-text
// rendering with testdata/golden/<example>.txt, which a lawyer reviews in
// a diff. Regenerate with: go test ./internal/ovk -run Golden -update
func TestGoldenText(t *testing.T) {
	cat, err := Open(Embedded)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range examples(t) {
		name := strings.TrimSuffix(filepath.Base(file), ".toml")
		t.Run(name, func(t *testing.T) {
			p, err := LoadProfile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := d.Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			got := document.Text(res.Doc)
			testlib.Golden(t, filepath.Join("testdata", "golden", name+".txt"), got, *update)
		})
	}
}
