package batch

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/agii/ovk/internal/pdf"
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

// TestBatchReadsWindows1252: a register Excel saved as Windows-1252 is
// drafted with its letters intact (in the PDF's agreement and embedded
// profile, never U+FFFD) and one warning naming the file.
func TestBatchReadsWindows1252(t *testing.T) {
	csv, err := charmap.Windows1252.NewEncoder().String("nis;naam;provincie;adres;inwoners;contactpersonen.gemeente.naam\n" +
		"23060;Opwijk;Vlaams-Brabant;Ringlaan 20, 1745 Opwijk;15000;Zoë Çelik\n")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.csv")
	write(t, path, csv)
	reg := loadRegister(t, path)
	if len(reg.Warnings) != 1 || reg.Warnings[0].ID != "warn.encoding.cp1252" || reg.Warnings[0].File != path || reg.Warnings[0].Line != 2 {
		t.Errorf("warnings %v", reg.Warnings)
	}
	out := t.TempDir()
	m := runOnce(t, openRelease(t, "2025.1"), reg, out, false)
	if m.Counts.OK != 1 {
		t.Fatalf("%+v", m.Items)
	}
	data, err := os.ReadFile(filepath.Join(out, m.Items[0].File))
	if err != nil {
		t.Fatal(err)
	}
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	agreement, _ := json.Marshal(emb.Manifest.Agreement)
	for what, text := range map[string]string{"agreement": string(agreement), "profile": string(emb.Profile)} {
		if !strings.Contains(text, "Zoë Çelik") || strings.ContainsRune(text, '\uFFFD') {
			t.Errorf("the %s lost its letters:\n%.400s", what, text)
		}
	}
}
