package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
			code, _, errs = run(t, "--lang", "en", "batch", "--register", reg, "--out", filepath.Join(dir, "out"))
			if code != 2 || !strings.Contains(errs, filepath.Join(reg, "p.toml")+tc.want) {
				t.Errorf("batch: exit %d, stderr:\n%s", code, errs)
			}
		})
	}
}
