package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/testlib"
)

// run calls the CLI as a user would and returns exit code, stdout, stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errw)
	return code, out.String(), errw.String()
}

const opwijk = "../../examples/23060-opwijk.toml"

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDraftTextToStdout(t *testing.T) {
	code, out, errs := run(t, "draft", opwijk, "--format", "text")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"SAMENWERKINGSOVEREENKOMST", "Artikel 1. Voorwerp", "Opgemaakt te Opwijk op"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestDraftUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "no", "such", "folder", "a.pdf")
	code, _, errs := run(t, "draft", opwijk, "-o", target)
	if code != ExitInput || !strings.Contains(errs, target) {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left files behind: %v", entries)
	}
}

func TestDraftBadInputExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.toml", strings.Replace(testlib.Profile, `inwoners = 15200`, `inwonners = 15200`, 1))
	antwerpen := writeFile(t, dir, "antwerpen.toml", strings.Replace(testlib.Profile, `nis = "23060"`, `nis = "11002"`, 1))
	tongeren := writeFile(t, dir, "tongeren.toml", strings.Replace(testlib.Profile, `nis = "23060"`, `nis = "73083"`, 1))
	emoji := writeFile(t, dir, "emoji.toml", strings.Replace(testlib.Profile, `naam = "Jan Janssens"`, `naam = "Jan 😀 Janssens"`, 1))
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown key", []string{"draft", bad, "-o", filepath.Join(dir, "x.pdf")}, "bad.toml:9:1: gemeente.inwonners: onbekende sleutel inwonners"},
		{"not served", []string{"draft", antwerpen, "-o", filepath.Join(dir, "x.pdf")}, "11002 Opwijk wordt niet door het AgII bediend"},
		{"merged", []string{"draft", tongeren, "-o", filepath.Join(dir, "x.pdf")}, "is opgegaan in 73111 Tongeren-Borgloon"},
		{"glyph the font lacks", []string{"draft", emoji, "-o", filepath.Join(dir, "x.pdf")}, "contactpersonen.agii.naam: het teken '😀' (U+1F600) kan niet in de PDF worden weergegeven"},
		{"missing file", []string{"draft", filepath.Join(dir, "none.toml")}, "bestand of map bestaat niet"},
		{"unknown release", []string{"draft", opwijk, "--release", "1999.1"}, "onbekende release 1999.1"},
		{"unknown format", []string{"draft", opwijk, "--format", "odt"}, "onbekend formaat odt: kies pdf, docx of text"},
		{"unknown flag", []string{"draft", opwijk, "--formaat", "pdf"}, "onbekende optie --formaat: bedoelt u --format?"},
		{"no profile", []string{"draft"}, "verwacht minstens 1 argument(en), kreeg er 0\novk draft PROFIEL... [-o BESTAND|MAP] [opties]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := run(t, c.args...)
			if code != ExitInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, ExitInput, errs)
			}
			if !strings.Contains(errs, c.want) {
				t.Errorf("stderr lacks %q:\n%s", c.want, errs)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a PDF was written for bad input")
	}
}

func TestMessagesInEnglish(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "bad.toml", strings.Replace(testlib.Profile, `inwoners = 15200`, `inwonners = 15200`, 1))
	code, _, errs := run(t, "--lang", "en", "draft", bad, "--format", "text")
	if code != ExitInput || !strings.Contains(errs, "gemeente.inwonners: unknown key inwonners: did you mean inwoners?") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
}

func TestExplain(t *testing.T) {
	code, out, errs := run(t, "explain", "../../examples/73028-herstappe.toml", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got ovk.Explanation
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Schema != "ovk-explain/1" || got.Municipality.NIS != "73028" {
		t.Errorf("schema %q, municipality %+v", got.Schema, got.Municipality)
	}
	byID := map[string]ovk.ClauseDecision{}
	for _, e := range got.Clauses {
		byID[e.ID] = e
	}
	if e := byID["geen_eigen_ocmw"]; !e.In || e.Reason != "why.condition_true" || e.Condition != "!eigen_ocmw" {
		t.Errorf("geen_eigen_ocmw: %+v", e)
	}
	if e := byID["doorverwijzing"]; e.In || len(e.Bindings) != 1 || e.Bindings[0].Name != "eigen_ocmw" || e.Bindings[0].Value != false {
		t.Errorf("doorverwijzing: %+v", e)
	}
	if e := byID["voorwerp"]; !e.In || e.Reason != "why.mandatory" {
		t.Errorf("voorwerp: %+v", e)
	}

	code, out, _ = run(t, "explain", "../../examples/73028-herstappe.toml")
	if code != 0 || !strings.Contains(out, "UIT") || !strings.Contains(out, "voorwaarde !eigen_ocmw is waar (eigen_ocmw = false)") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestLint(t *testing.T) {
	code, out, errs := run(t, "lint")
	if code != 0 || !strings.Contains(out, "release 2025.1") || !strings.Contains(out, "release 2020.1") {
		t.Fatalf("embedded library: exit %d\n%s%s", code, out, errs)
	}
	dir := t.TempDir()
	writeFile(t, dir, "library.toml", testlib.Header)
	for name, src := range testlib.Clauses {
		writeFile(t, dir, name, src)
	}
	writeFile(t, dir, "analyse.toml", testlib.Replace("analyse.toml", `soort = "optioneel"`, `soort = "facultatief"`))
	writeFile(t, dir, "groot.toml", testlib.Replace("groot.toml", `"inwoners >= 50000 || centrumstad"`, `"inwoners >= "`))
	code, _, errs = run(t, "lint", "--library", dir)
	if code != ExitInput {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		filepath.ToSlash(dir) + "/analyse.toml:4:1: soort: onbekende soort facultatief",
		filepath.ToSlash(dir) + "/groot.toml:5:",
		"2 problemen gevonden.",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("lint output lacks %q:\n%s", want, errs)
		}
	}
}

func TestReleases(t *testing.T) {
	code, out, _ := run(t, "releases", "--json")
	var list ovk.ReleaseList
	err := json.Unmarshal([]byte(out), &list)
	rels := list.Releases
	if code != 0 || err != nil || list.Schema != "ovk-releases/1" || len(rels) < 2 || rels[0].Name != "2020.1" ||
		rels[1].Name != "2025.1" || rels[0].Until != rels[1].Effective {
		t.Errorf("exit %d: %s", code, out)
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	code, _, errs := run(t, "drafts", "x.toml")
	if code != ExitInput || !strings.Contains(errs, "onbekende opdracht drafts voor ovk: bedoelt u draft?") {
		t.Errorf("exit %d: %s", code, errs)
	}
	if code, out, _ := run(t); code != 0 || !strings.Contains(out, "Opdrachten:") {
		t.Errorf("no command: exit %d\n%s", code, out)
	}
}

// TestLintChecksEveryDrawnText: text in a chapter title or a parameter's
// default that the PDF font cannot show is a lint problem, not a failure
// of every draft later.
func TestLintChecksEveryDrawnText(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "library.toml", strings.Replace(testlib.Header, `titel = "Lokale doelstellingen"`, `titel = "Lokale doelstellingen 中"`, 1))
	for name, src := range testlib.Clauses {
		writeFile(t, dir, name, src)
	}
	writeFile(t, dir, "buddies.toml", testlib.Replace("buddies.toml", `standaard = ["het OCMW", "de bibliotheek"]`, `standaard = ["het OCMW", "de bib 😀"]`))
	code, _, errs := run(t, "lint", "--library", dir)
	for _, want := range []string{"/library.toml:21:1: hoofdstuk[1].titel: het teken '中' (U+4E2D)", "/buddies.toml:34:1: parameter[4].standaard: het teken '😀'"} {
		if code != ExitInput || !strings.Contains(errs, want) {
			t.Errorf("exit %d, stderr lacks %q:\n%s", code, want, errs)
		}
	}
}

// TestReleaseByVersionOrFolder: the names "ovk releases" prints open the
// release whatever its folder is called.
func TestReleaseByVersionOrFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "nieuw"), os.DirFS("../../clauses/2026.1")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"2026.1", "nieuw"} {
		if code, _, errs := run(t, "draft", opwijk, "--format", "text", "--library", dir, "--release", name); code != 0 {
			t.Errorf("--release %s: exit %d: %s", name, code, errs)
		}
	}
	code, _, errs := run(t, "draft", opwijk, "--library", dir, "--release", "2020.1")
	if code != ExitInput || !strings.Contains(errs, "onbekende release 2020.1; beschikbaar: 2026.1") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestLintFindsDuplicateVersions(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"a", "b"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS("../../clauses/2025.1")); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := run(t, "lint", "--library", dir)
	if code != ExitInput || !strings.Contains(errs, "/b/library.toml:7:1: versie: release 2025.1 bestaat al in ") {
		t.Errorf("exit %d:\n%s", code, errs)
	}
}
