package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// badMunicipalities are the two profiles every front end must refuse alike
// (issue 9: ovk draft accepted them while ovk batch refused them): a NIS
// code of no Flemish municipality, and Opwijk placed in Limburg. The same
// edits are made in the batch and API tests of these cases.
var badMunicipalities = []struct{ name, old, new, want string }{
	{"NIS 99999", `nis       = "23060"`, `nis       = "99999"`,
		":12:1: gemeente.nis: NIS code 99999 is not the code of a Flemish municipality"},
	{"Opwijk in Limburg", `provincie = "Vlaams-Brabant"`, `provincie = "Limburg"`,
		":15:1: gemeente.provincie: NIS code 23060 lies in the province Vlaams-Brabant, not in Limburg"},
}

func TestDraftRefusesWhatBatchRefuses(t *testing.T) {
	src, err := os.ReadFile(opwijk)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range badMunicipalities {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(string(src), tc.old) {
				t.Fatalf("%q not in %s", tc.old, opwijk)
			}
			dir := t.TempDir()
			file := writeFile(t, dir, "p.toml", strings.Replace(string(src), tc.old, tc.new, 1))
			code, out, errs := run(t, "--lang", "en", "draft", file, "-o", filepath.Join(dir, "p.pdf"))
			if code != 2 || !strings.Contains(errs, file+tc.want) {
				t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant %q", code, out, errs, file+tc.want)
			}
			if _, err := os.Stat(filepath.Join(dir, "p.pdf")); err == nil {
				t.Error("a PDF was written")
			}
			// The same profile as the only file of a register folder.
			reg := filepath.Join(dir, "register")
			writeFile(t, reg, "p.toml", strings.Replace(string(src), tc.old, tc.new, 1))
			code, _, errs = run(t, "--lang", "en", "--release", "2026.1", "batch", "--ontwerp", "--register", reg, "--out", filepath.Join(dir, "out"))
			if code != 2 || !strings.Contains(errs, filepath.Join(reg, "p.toml")+tc.want) {
				t.Errorf("batch: exit %d, stderr:\n%s", code, errs)
			}
		})
	}
}

// cp1252Register is a register row with accented letters, complete for
// release 2026.1 over the default base profile.
const cp1252Register = "nis;naam;provincie;adres;inwoners;contactpersonen.gemeente.naam;ocmw.zetel;" +
	"overeenkomst.ocmw_raadsbesluit;overeenkomst.gemeenteraadsbesluit;ondertekenaars.voorzitter.naam;ondertekenaars.voorzitter_ocmw_raad.naam\n" +
	"23060;Opwijk;Vlaams-Brabant;Ringlaan 20, 1745 Opwijk;15000;Zoë Çelik;Ringlaan 22, 1745 Opwijk;" +
	"15/12/2025;15/12/2025;Pieter-Jan D'Haese;Hélène Mertens\n"

// windows1252 is s as Excel or Notepad save it on a Dutch Windows.
func windows1252(t *testing.T, s string) string {
	t.Helper()
	out, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDraftReadsWindows1252: a profile saved as Windows-1252 is drafted
// with its accented letters intact and a warning naming the file; one that
// is neither UTF-8 nor Windows-1252 is refused at its line with the fix.
func TestDraftReadsWindows1252(t *testing.T) {
	src, err := os.ReadFile(opwijk)
	if err != nil {
		t.Fatal(err)
	}
	utf8Src := strings.Replace(string(src), "Łukasz", "Lukasz", 1) // Ł is not in Windows-1252
	dir := t.TempDir()
	file := writeFile(t, dir, "opwijk.toml", windows1252(t, utf8Src))
	code, out, errs := run(t, "--lang", "en", "draft", file, "--format", "text")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Zoë Çelik") || !strings.Contains(out, "Wróblewski") || strings.ContainsRune(out, '\uFFFD') {
		t.Errorf("the agreement lost its letters:\n%s", out)
	}
	firstAccent := strings.IndexFunc(utf8Src, func(r rune) bool { return r >= 0x80 })
	line := strings.Count(utf8Src[:firstAccent], "\n") + 1
	if want := fmt.Sprintf("warning: %s:%d:", file, line); !strings.Contains(errs, want) || !strings.Contains(errs, "read as Windows-1252") {
		t.Errorf("stderr %q, want a warning %q…", errs, want)
	}

	if code, _, errs := run(t, "--lang", "en", "lint", file); code != 0 || !strings.Contains(errs, "warning: "+file) {
		t.Errorf("lint: exit %d, stderr %q", code, errs)
	}

	// UTF-8 with one Windows-1252 letter pasted in: refused, nothing drafted.
	if !strings.Contains(utf8Src, `plaats = "Opwijk"`) {
		t.Fatal("no plaats line in the example")
	}
	mixed := writeFile(t, dir, "mixed.toml", strings.Replace(utf8Src, `plaats = "Opwijk"`, "plaats = \"Opw\xefjk\"", 1))
	code, out, errs = run(t, "--lang", "en", "draft", mixed, "--format", "text")
	if code != 2 || out != "" || !strings.Contains(errs, mixed+":") ||
		!strings.Contains(errs, "not UTF-8 text (byte 0xEF), nor Windows-1252: save the file as UTF-8") {
		t.Errorf("exit %d, stdout %d bytes, stderr %q", code, len(out), errs)
	}

	// A register saved by Excel as Windows-1252: drafted, with one warning.
	reg := writeFile(t, dir, "register.csv", windows1252(t, cp1252Register))
	code, _, errs = run(t, "--lang", "en", "--release", "2026.1", "batch", "--ontwerp", "--register", reg, "--out", filepath.Join(dir, "out"))
	if code != 0 || strings.Count(errs, "warning: "+reg+":2:") != 1 {
		t.Errorf("batch: exit %d, stderr %q", code, errs)
	}
	// The same register with a byte Windows-1252 does not have: refused.
	bad := writeFile(t, dir, "bad.csv", "nis;naam;provincie\n23060;Op\x81wijk;Vlaams-Brabant\n")
	code, _, errs = run(t, "--lang", "en", "batch", "--ontwerp", "--register", bad, "--out", filepath.Join(dir, "out2"))
	if code != 2 || !strings.Contains(errs, bad+":2:9:") || !strings.Contains(errs, "save it as CSV UTF-8") {
		t.Errorf("batch: exit %d, stderr %q", code, errs)
	}
}
