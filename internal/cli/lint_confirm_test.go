package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/testlib"
)

// TestLintToConfirm: values still to be confirmed are listed (exit 0) and,
// under --streng, refused (exit 2), for the library and for profiles; a
// profile's are also shown when it is drafted.
func TestLintToConfirm(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "lib/library.toml", testlib.Header+`
[[te_bevestigen]]
sleutel = "agii.zetel"
waarom = "het adres staat in geen publieke bron; controleer het in de KBO"
`)
	for name, src := range testlib.Clauses {
		writeFile(t, dir, "lib/"+name, src)
	}
	lib := filepath.Join(dir, "lib")
	prof := writeFile(t, dir, "p.toml", testlib.Profile+`
[[te_bevestigen]]
sleutel = "gemeente.adres"
waarom = "adres van het gemeentehuis niet nagekeken"
`)
	header := filepath.ToSlash(lib) + "/library.toml:13:9: agii.zetel: te bevestigen: het adres staat in geen publieke bron"
	code, out, errs := run(t, "lint", "--library", lib, prof)
	if code != 0 || !strings.Contains(errs, header) || !strings.Contains(errs, "p.toml:8:1: gemeente.adres: te bevestigen: adres van het gemeentehuis") ||
		!strings.Contains(out, "release 1.0") {
		t.Errorf("lint: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = run(t, "lint", "--library", lib, "--streng")
	if code != ExitInput || !strings.Contains(errs, "agii.zetel: niet goed te keuren: te bevestigen: het adres") {
		t.Errorf("lint --streng: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "--lang", "en", "lint", "--library", lib, "--streng", prof)
	if code != ExitInput || !strings.Contains(errs, "gemeente.adres: not approvable: to be confirmed") {
		t.Errorf("lint --streng --lang en: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "draft", "--library", lib, prof, "--format", "text", "-o", filepath.Join(dir, "out.txt"))
	if code != 0 || !strings.Contains(errs, "gemeente.adres: te bevestigen: adres van het gemeentehuis") {
		t.Errorf("draft: exit %d\n%s", code, errs)
	}
}

// TestLintMarkerInPrintedValue: "TE BEVESTIGEN" left in a printed value is
// a problem, not a warning.
func TestLintMarkerInPrintedValue(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "library.toml", strings.Replace(testlib.Header, `zetel = "Brussel"`, `zetel = "TE BEVESTIGEN: Brussel"`, 1))
	for name, src := range testlib.Clauses {
		writeFile(t, dir, name, src)
	}
	code, _, errs := run(t, "lint", "--library", dir)
	if code != ExitInput || !strings.Contains(errs, "library.toml:13:1: agii.zetel: TE BEVESTIGEN staat in een waarde die in de overeenkomst wordt gedrukt") {
		t.Errorf("exit %d\n%s", code, errs)
	}
}

func TestLintJSONCarriesWarnings(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "library.toml", testlib.Header+"\n[[te_bevestigen]]\nsleutel = \"agii.zetel\"\nwaarom = \"niet nagekeken\"\n")
	for name, src := range testlib.Clauses {
		writeFile(t, dir, name, src)
	}
	code, out, errs := run(t, "lint", "--json", "--library", dir)
	if code != 0 || !strings.Contains(out, `"code": "warn.unconfirmed"`) || !strings.Contains(out, `"field": "agii.zetel"`) ||
		strings.Contains(errs, "te bevestigen") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}
