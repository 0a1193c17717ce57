package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/compare"
)

const halle = "../../examples/23027-halle.toml"

func decodeReport(t *testing.T, out string) compare.Report {
	t.Helper()
	var r compare.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	return r
}

func TestDiffReleases(t *testing.T) {
	code, out, errs := run(t, "diff", "--from", "2020.1", "--to", "2025.1", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeReport(t, out)
	if r.Schema != "ovk-diff/2" || r.Summary != (compare.Summary{Added: 2, Removed: 1, Changed: 5, ValueChanged: 1, Moved: 1, Unchanged: 22}) {
		t.Errorf("schema %s, summary %+v", r.Schema, r.Summary)
	}
	code, out, _ = run(t, "diff", "--from", "2020.1", "--to", "2025.1")
	if code != 0 || !strings.HasPrefix(out, "Vergelijking van twee releases van de clausulebibliotheek\n") ||
		!strings.Contains(out, "\n> verwerking_persoonsgegevens: Verwerking van persoonsgegevens (v1, ocmw/25 → v2, slot/20) [verplaatst]\n") ||
		strings.Contains(out, "\x1b[") {
		t.Errorf("exit %d, text view:\n%s", code, out)
	}
}

func TestDiffProfileUnderTwoReleases(t *testing.T) {
	code, out, errs := run(t, "diff", halle, "--from", "2020.1", "--to", "2025.1", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeReport(t, out)
	if r.Mode != compare.ModeAgreements || r.Old.LibraryVersion != "2020.1" || r.New.LibraryVersion != "2025.1" ||
		r.Summary != (compare.Summary{Removed: 1, Changed: 4, ValueChanged: 1, Moved: 1, Renumbered: 8, Unchanged: 6}) {
		t.Errorf("%s %s→%s %+v", r.Mode, r.Old.LibraryVersion, r.New.LibraryVersion, r.Summary)
	}
}

func TestDiffTwoDrafts(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(halle)
	if err != nil {
		t.Fatal(err)
	}
	old := writeFile(t, dir, "oud.toml", string(src))
	edited := strings.NewReplacer("overleg_per_jaar = 2", "overleg_per_jaar = 4",
		`coordinator = { naam = "Kwame Mensah"`, `coordinator = { naam = "Sara Janssens"`,
		`"het CAW", "de lokale zelforganisaties"`, `"het CAW", "de jeugddienst"`).Replace(string(src))
	if strings.Count(edited, "Sara Janssens")+strings.Count(edited, "= 4")+strings.Count(edited, "jeugddienst") < 3 {
		t.Fatal("the example changed; adapt the test")
	}
	new := writeFile(t, dir, "nieuw.toml", edited)
	code, out, errs := run(t, "diff", old, new, "--release", "2025.1", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeReport(t, out)
	var changed []string
	for _, c := range r.Clauses {
		if c.Status != compare.Unchanged {
			changed = append(changed, c.ID+" "+string(c.Status)+" "+compact(t, c.Changes))
		}
	}
	want := []string{
		`lokaal_netwerk value_changed {"values":[{"name":"coordinator","old":"Kwame Mensah, coördinator diversiteit","new":"Sara Janssens, coördinator diversiteit"},{"name":"partners","old":"het Huis van het Nederlands; de VDAB; het CAW; de lokale zelforganisaties","new":"het Huis van het Nederlands; de VDAB; het CAW; de jeugddienst"}]}`,
		`overleg_evaluatie value_changed {"values":[{"name":"overleg_per_jaar","old":"2","new":"4"}]}`,
	}
	if strings.Join(changed, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant\n%s", strings.Join(changed, "\n"), strings.Join(want, "\n"))
	}
}

func compact(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

func TestDiffPDFs(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(halle)
	if err != nil {
		t.Fatal(err)
	}
	oldToml := writeFile(t, dir, "oud.toml", string(src))
	newToml := writeFile(t, dir, "nieuw.toml", strings.Replace(string(src), "overleg_per_jaar = 2", "overleg_per_jaar = 4", 1))
	oldPDF, newPDF := filepath.Join(dir, "oud.pdf"), filepath.Join(dir, "nieuw.pdf")
	for _, args := range [][]string{{"draft", oldToml, "-o", oldPDF}, {"draft", newToml, "-o", newPDF}} {
		if code, _, errs := run(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	code, out, errs := run(t, "diff", oldPDF, newPDF, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r := decodeReport(t, out)
	if r.Old.Kind != compare.SidePDF || r.Summary.Changed != 1 || r.Summary.Unchanged != 21 {
		t.Errorf("%s %+v", r.Old.Kind, r.Summary)
	}
	for ext, head := range map[string]string{"html": "<!DOCTYPE html>", "pdf": "%PDF-", "json": "{", "text": "Vergelijking"} {
		target := filepath.Join(dir, "verschil."+ext)
		code, out, errs := run(t, "diff", oldPDF, newPDF, "--format", ext, "-o", target)
		if code != 0 || out != "" || !strings.Contains(errs, target) {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", ext, code, out, errs)
		}
		if b, err := os.ReadFile(target); err != nil || !bytes.HasPrefix(b, []byte(head)) {
			t.Errorf("%s: %v, starts with %.20q", ext, err, b)
		}
	}
	// a PDF to standard output that is not a terminal
	if code, out, _ := run(t, "diff", oldPDF, newPDF, "--format", "pdf"); code != 0 || !strings.HasPrefix(out, "%PDF-") {
		t.Errorf("pdf to stdout: exit %d", code)
	}
}

func TestDiffBadInput(t *testing.T) {
	dir := t.TempDir()
	noManifest := writeFile(t, dir, "leeg.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"+
		"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
	damaged := writeFile(t, dir, "kapot.pdf", "%PDF-1.7\n"+strings.Repeat("\x00garbage ", 50))
	notPDF := writeFile(t, dir, "geen.pdf", "dit is geen PDF")
	good := filepath.Join(dir, "goed.pdf")
	if code, _, errs := run(t, "draft", halle, "-o", good); code != 0 {
		t.Fatal(errs)
	}
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown old release", []string{"diff", "--from", "1999.1", "--to", "2025.1"}, []string{"oude kant (1999.1):", "onbekende release 1999.1; beschikbaar: 2020.1, 2025.1"}},
		{"unknown new release", []string{"diff", halle, "--from", "2020.1", "--to", "2099.1"}, []string{"nieuwe kant (2099.1):", "onbekende release 2099.1"}},
		{"profile invalid under the old release", []string{"diff", opwijk, "--from", "2020.1", "--to", "2025.1"},
			[]string{"oude kant (" + opwijk + " @ 2020.1):", opwijk + ":43:1: parameters.gegevensuitwisseling.protocol_datum: clausule gegevensuitwisseling kent geen parameter protocol_datum"}},
		{"no releases", []string{"diff", "--from", "2020.1"}, []string{"geef zowel --from als --to"}},
		{"one profile without releases", []string{"diff", halle}, []string{"met één argument vergelijkt diff een profiel onder twee releases"}},
		{"one PDF", []string{"diff", good, "--from", "2020.1", "--to", "2025.1"}, []string{"met één argument"}},
		{"three arguments", []string{"diff", halle, halle, halle}, []string{"verwacht hoogstens 2 argument(en), kreeg er 3"}},
		{"unknown format", []string{"diff", "--from", "2020.1", "--to", "2025.1", "--format", "odt"}, []string{"onbekend formaat odt: kies text, json, html, pdf of docx"}},
		{"PDF without manifest", []string{"diff", noManifest, good}, []string{noManifest + ": deze PDF heeft geen ingebed manifest van ovk"}},
		{"damaged PDF", []string{"diff", good, damaged}, []string{damaged + ": beschadigde of onleesbare PDF"}},
		{"not a PDF", []string{"diff", good, notPDF}, []string{notPDF + ": beschadigde of onleesbare PDF"}},
		{"missing file", []string{"diff", good, filepath.Join(dir, "weg.pdf")}, []string{"weg.pdf", "bestand of map bestaat niet"}},
		{"missing profile", []string{"diff", filepath.Join(dir, "weg.toml"), halle}, []string{"oude kant", "weg.toml", "bestand of map bestaat niet"}},
		{"English", []string{"diff", "--lang", "en", "--from", "1999.1", "--to", "2025.1"}, []string{"old side (1999.1):"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, c.args...)
			if code != ExitInput {
				t.Errorf("exit %d, want %d; stderr %q", code, ExitInput, errs)
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
		})
	}
}

// TestDiffOutputAtomic leaves no file behind when the diff fails.
func TestDiffOutputAtomic(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "verschil.json")
	if code, _, _ := run(t, "diff", "--from", "2020.1", "--to", "2099.1", "-o", target); code != ExitInput {
		t.Errorf("exit %d", code)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left files behind: %v", entries)
	}
}
