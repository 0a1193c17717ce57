package clauses

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// draftingRules are the rules of docs/clauses.md ("Drafting rules for clause
// authors") that a text can be checked against mechanically, each with the
// defect of the 2025.1 legal review it keeps out.
var draftingRules = []struct {
	re   *regexp.Regexp
	rule string
}{
	{regexp.MustCompile(`[‘’]|"[^{}]*"`), "quotation marks “…” only (M4)"},
	{regexp.MustCompile(`\bin de gemeente\b|\buit de gemeente\b`), "the territory by its name, {{.gemeente.naam}} (M5)"},
	{regexp.MustCompile(`lokaal bestuur van de`), "“het lokaal bestuur” is the municipality itself (M5)"},
	{regexp.MustCompile(`(?i)decreet over het lokaal bestuur van`), "“het decreet van 22 december 2017 over het lokaal bestuur” (M6)"},
	{regexp.MustCompile(`zoals gewijzigd bij`), "a dynamic reference to an act (S2)"},
	{regexp.MustCompile(`\bOCMW-cliënt`), "“cliënt van het OCMW” (B1)"},
	{regexp.MustCompile(`\b([1-9]|1[0-9]|20) (keer|dagen|maanden|jaar)\b`), "small numbers in words, with voluit (M3)"},
	{regexp.MustCompile(`gevalideerd`), "a protocol is concluded (gesloten), not validated (B3)"},
	{regexp.MustCompile(`\bde bevoegde rechtbanken van Brussel\b`), "the Dutch-language courts of the judicial district of Brussels (M18)"},
}

// TestDraftingRules checks the clause texts, titles and recitals of release
// 2026.1 and later against the drafting rules (the history releases keep the
// text they were approved with).
func TestDraftingRules(t *testing.T) {
	all, err := fs.Glob(FS, "*/*.toml")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, name := range all {
		if release := strings.Split(name, "/")[0]; release != "2020.1" && release != "2025.1" {
			files = append(files, name)
		}
	}
	if len(files) < 30 {
		t.Fatalf("only %d clause files of release 2026.1 and later", len(files))
	}
	for _, name := range files {
		var f struct {
			Title    string   `toml:"titel"`
			Text     string   `toml:"tekst"`
			Recitals []string `toml:"overwegingen"`
		}
		src, _ := fs.ReadFile(FS, name)
		if _, err := toml.Decode(string(src), &f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, text := range append([]string{f.Title, f.Text}, f.Recitals...) {
			// What a template action prints is checked in the drafted
			// agreements; here only the literal text.
			literal := regexp.MustCompile(`\{\{.*?\}\}`).ReplaceAllString(strings.Join(strings.Fields(text), " "), "{}")
			for _, r := range draftingRules {
				if m := r.re.FindString(literal); m != "" {
					t.Errorf("%s: %q: %s", name, m, r.rule)
				}
			}
		}
	}
}
