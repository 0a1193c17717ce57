package ovk

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
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
			golden := filepath.Join("testdata", "golden", name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("text of %s differs from %s; review the change and rerun with -update if it is intended\n%s",
					file, golden, firstDiff(string(want), got))
			}
		})
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n- " + w + "\n+ " + g
		}
	}
	return ""
}
