package compare

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/testlib"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// goldenLibraryEdits change the test library in every way a release can.
var goldenLibraryEdits = map[string]string{
	"library.toml": strings.Replace(testlib.Header, `"het decreet bestaat;"`, `"het decreet bestaat en is gewijzigd;"`, 1),
	"voorwerp.toml": strings.Replace(strings.Replace(testlib.Clauses["voorwerp.toml"], "versie = 1", "versie = 2", 1),
		"regelt de samenwerking met", "regelt de samenwerking inzake inburgering met", 1),
	"ocmw.toml":      strings.Replace(testlib.Clauses["ocmw.toml"], "standaard = 30", "standaard = 14", 1),
	"geen_ocmw.toml": strings.Replace(testlib.Clauses["geen_ocmw.toml"], "hoofdstuk = \"algemeen\"\nvolgorde = 30", "hoofdstuk = \"doelen\"\nvolgorde = 50", 1),
	"groot.toml": strings.NewReplacer(`inwoners >= 50000 || centrumstad`, `inwoners >= 20000`, // condition
		"sluit_uit = [\"klein\"]\n", "", // klein is removed
	).Replace(testlib.Clauses["groot.toml"]),
	"analyse.toml": strings.Replace(testlib.Clauses["analyse.toml"], `soort = "optioneel"`, `soort = "verplicht"`, 1),
	"klein.toml":   "",
	"taal.toml": `id = "taal"
versie = 1
titel = "Taalbeleid"
soort = "verplicht"
hoofdstuk = "algemeen"
volgorde = 5
rechtsgronden = ["Decreet van 7 juni 2013, hoofdstuk 5"]
tekst = '''
§ Het lokaal bestuur voert een taalbeleid dat:
- het Nederlands bevordert;
- oefenkansen biedt.
'''
`,
}

func goldenReports(t testing.TB) map[string]*Report {
	t.Helper()
	old, err := library.Load(testlib.FS(nil), "oud")
	if err != nil {
		t.Fatal(err)
	}
	// The new release's frame differs in its closing sentence.
	new, err := library.LoadWith(testlib.FS(goldenLibraryEdits), "nieuw", framesWith(t, "in twee exemplaren", "in drie exemplaren"))
	if err != nil {
		t.Fatal(err)
	}
	newProfile := profileWith(t, "aantal = 12", "aantal = 15")
	newProfile = strings.Replace(newProfile, `algemeen_directeur = { naam = "Łukasz Wróblewski" }`, `algemeen_directeur = { naam = "Piet Pieters" }`, 1)
	return map[string]*Report{
		"releases":   Releases(old, new),
		"agreements": agreementPair(t, goldenLibraryEdits, newProfile),
		"shipped":    shippedReleases(t),
	}
}

// TestGolden renders the fixture pairs in every format and compares them
// with testdata/golden; go test -run TestGolden -update rewrites them.
func TestGolden(t *testing.T) {
	nl, en := l10n.For("nl").T, l10n.For("en").T
	for name, r := range goldenReports(t) {
		outputs := map[string]func(*bytes.Buffer) error{
			".json":      func(b *bytes.Buffer) error { return WriteJSON(b, r) },
			".txt":       func(b *bytes.Buffer) error { return WriteText(b, r, nl, false) },
			".color.txt": func(b *bytes.Buffer) error { return WriteText(b, r, nl, true) },
			".en.txt":    func(b *bytes.Buffer) error { return WriteText(b, r, en, false) },
			".html":      func(b *bytes.Buffer) error { return WriteHTML(b, r, nl, "nl") },
			".pdf":       func(b *bytes.Buffer) error { return pdf.RenderRedline(b, Redline(r, nl)) },
		}
		for ext, render := range outputs {
			if name == "shipped" && ext != ".json" && ext != ".txt" {
				continue
			}
			var b bytes.Buffer
			if err := render(&b); err != nil {
				t.Fatalf("%s%s: %v", name, ext, err)
			}
			file := filepath.Join("testdata", "golden", name+ext)
			if *update {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file (%d bytes, want %d); run go test -run TestGolden -update and review the difference", file, b.Len(), len(want))
			}
		}
	}
}

// TestRenderingIsDeterministic renders every format twice.
func TestRenderingIsDeterministic(t *testing.T) {
	r := goldenReports(t)["agreements"]
	nl := l10n.For("nl").T
	for i, render := range []func(*bytes.Buffer) error{
		func(b *bytes.Buffer) error { return WriteJSON(b, r) },
		func(b *bytes.Buffer) error { return WriteText(b, r, nl, true) },
		func(b *bytes.Buffer) error { return WriteHTML(b, r, nl, "nl") },
		func(b *bytes.Buffer) error { return pdf.RenderRedline(b, Redline(r, nl)) },
	} {
		var a, b bytes.Buffer
		if err := render(&a); err != nil {
			t.Fatal(err)
		}
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("format %d: two renderings differ", i)
		}
	}
}
