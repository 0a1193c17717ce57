package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBatchRefusesWhatDraftRefuses: a NIS code of no Flemish municipality
// and Opwijk placed in Limburg fail in a register folder and in a CSV
// register with the problem ovk draft and the API report (see the CLI's
// and the API's input_test.go), naming the key or cell.
func TestBatchRefusesWhatDraftRefuses(t *testing.T) {
	src, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "profielen")
	os.Mkdir(folder, 0o755)
	for name, edit := range map[string][2]string{
		"nis.toml":       {`nis       = "23060"`, `nis       = "99999"`},
		"provincie.toml": {`provincie = "Vlaams-Brabant"`, `provincie = "Limburg"`},
	} {
		if !strings.Contains(string(src), edit[0]) {
			t.Fatalf("%q not in the example", edit[0])
		}
		write(t, filepath.Join(folder, name), strings.Replace(string(src), edit[0], edit[1], 1))
	}
	csv := filepath.Join(dir, "register.csv")
	write(t, csv, "nis,naam,provincie,adres,inwoners\n"+
		"99999,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000\n"+
		"23060,Opwijk,Limburg,\"Ringlaan 20, 1745 Opwijk\",15000\n")
	d := openRelease(t, "2025.1")
	for reg, want := range map[string][]string{
		folder: {
			filepath.Join(folder, "nis.toml") + ":12:1: gemeente.nis: err.nis.not_flemish arr=99 nis=99999",
			filepath.Join(folder, "provincie.toml") + ":15:1: gemeente.provincie: err.nis.province got=Limburg nis=23060 want=Vlaams-Brabant",
		},
		csv: {
			csv + ":2:1: nis: err.nis.not_flemish arr=99 nis=99999",
			csv + ":3:14: provincie: err.nis.province got=Limburg nis=23060 want=Vlaams-Brabant",
		},
	} {
		m := runOnce(t, d, loadRegister(t, reg), t.TempDir(), false)
		if len(m.Items) != len(want) {
			t.Fatalf("%s: %d items", reg, len(m.Items))
		}
		for i, it := range m.Items {
			if it.Status != Failed || it.Error != want[i] {
				t.Errorf("%s: item %d: %s %q, want %q", reg, i, it.Status, it.Error, want[i])
			}
		}
	}
}
