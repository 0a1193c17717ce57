package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/testlib"
)

// needTool skips a test when a PDF tool is missing; CI installs them.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (apt-get install poppler-utils qpdf)", name)
	}
	return p
}

func pdftotext(t *testing.T, file string) string {
	t.Helper()
	out, err := exec.Command(needTool(t, "pdftotext"), "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", file, err)
	}
	// Justified lines are spread out and long names may wrap: compare words.
	return strings.Join(strings.Fields(string(out)), " ")
}

// TestDraftEveryExample drafts every example as the README's main command
// does, and checks each PDF as a reader sees it.
func TestDraftEveryExample(t *testing.T) {
	out := t.TempDir()
	examples, _ := filepath.Glob("../../examples/*.toml")
	if len(examples) < 6 {
		t.Fatalf("want at least six examples, found %d", len(examples))
	}
	code, _, errs := run(t, append([]string{"draft", "-o", out + "/"}, examples...)...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errs)
	}
	for _, ex := range examples {
		name := strings.TrimSuffix(filepath.Base(ex), ".toml")
		pdf := filepath.Join(out, name+".pdf")
		t.Run(name, func(t *testing.T) {
			if out, err := exec.Command(needTool(t, "qpdf"), "--check", pdf).CombinedOutput(); err != nil {
				t.Fatalf("qpdf --check: %v\n%s", err, out)
			}
			text := pdftotext(t, pdf)
			src, _ := os.ReadFile(ex)
			for _, want := range []string{"Samenwerkingsovereenkomst", "Tussen ondergetekenden:", "Overwegende dat:",
				"Wordt overeengekomen wat volgt:", "Artikel 1. Voorwerp", "exemplaren, waarvan elke partij", "Pagina 1 van"} {
				if !strings.Contains(text, want) {
					t.Errorf("PDF text lacks %q", want)
				}
			}
			// every person named in the profile appears exactly as written
			for _, line := range strings.Split(string(src), "\n") {
				i := strings.Index(line, `naam = "`)
				if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "naam") {
					continue
				}
				name := line[i+len(`naam = "`):]
				name = name[:strings.IndexByte(name, '"')]
				if !strings.Contains(text, name) {
					t.Errorf("PDF text lacks the name %q", name)
				}
			}
		})
	}
}

// TestDiacriticsExtractExactly drafts the test profile whose signatories
// are Nguyễn Thị Hoa, Zoë Çelik and Łukasz Wróblewski.
func TestDiacriticsExtractExactly(t *testing.T) {
	dir := t.TempDir()
	src := testlib.Profile[:strings.Index(testlib.Profile, "[parameters.buddies]")]
	src = strings.NewReplacer(`doelstellingen = ["buddies"]`, `doelstellingen = []`, "[overeenkomst]\n", "[ocmw]\nzetel = \"Ringlaan 20, 1745 Opwijk\"\n\n[overeenkomst]\nocmw_raadsbesluit = 2026-02-24\n",
		"[ondertekenaars]\n", "[ondertekenaars]\nvoorzitter_ocmw_raad = { naam = \"Zoë Çelik\" }\n").Replace(src) // the OCMW as a party (release 2026.1)
	prof := writeFile(t, dir, "p.toml", src)
	pdf := filepath.Join(dir, "p.pdf")
	if code, _, errs := run(t, "draft", prof, "-o", pdf); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	text := pdftotext(t, pdf)
	for _, name := range []string{"Nguyễn Thị Hoa", "Zoë Çelik", "Łukasz Wróblewski", "Anneleen Van den Broeck-D'hondt"} {
		if !strings.Contains(text, name) {
			t.Errorf("PDF text lacks %q", name)
		}
	}
}

func TestDraftIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	for _, f := range []string{a, b} {
		if code, _, errs := run(t, "draft", opwijk, "-o", f); code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Fatalf("two drafts differ (%d and %d bytes)", len(x), len(y))
	}
	if !bytes.Contains(x, []byte("/Lang (nl-BE)")) {
		t.Error("PDF does not declare its language nl-BE")
	}
	info, err := exec.Command(needTool(t, "pdfinfo"), a).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"agii-ovk, bibliotheek 2026.1, profiel-sha256 ", "Samenwerkingsovereenkomst AgII – Opwijk 2026-2031", "Agentschap Integratie en Inburgering"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	pdf := filepath.Join(dir, "opwijk.pdf")
	if code, _, errs := run(t, "draft", opwijk, "-o", pdf); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, out, errs := run(t, "verify", pdf)
	if code != 0 || !strings.Contains(out, "identiek") {
		t.Fatalf("verify of a fresh PDF: exit %d\n%s%s", code, out, errs)
	}

	// Release 2020.1 does not draft an agreement dated 2026: it names the
	// release that does.
	code, _, errs = run(t, "verify", "--release", "2020.1", pdf)
	if code != ExitDiffers || !strings.Contains(errs, "kan met release 2020.1 niet opnieuw worden opgesteld") ||
		!strings.Contains(errs, "profile.toml:29:1: overeenkomst.datum: ") || !strings.Contains(errs, "--release 2026.1") {
		t.Errorf("verify against 2020.1: exit %d\n%s", code, errs)
	}

	// A library edited after drafting: the changed clause is named.
	lib := filepath.Join(dir, "lib")
	if err := os.CopyFS(lib, os.DirFS("../../clauses/2026.1")); err != nil {
		t.Fatal(err)
	}
	dur, _ := os.ReadFile(filepath.Join(lib, "duur.toml"))
	edited := strings.Replace(string(dur), "niet stilzwijgend verlengd", "stilzwijgend verlengd", 1)
	if edited == string(dur) {
		t.Fatal("duur.toml does not say 'niet stilzwijgend verlengd' any more; adapt the test")
	}
	versionRE := regexp.MustCompile(`(?m)^versie( *)= ([0-9]+)$`)
	m := versionRE.FindStringSubmatch(string(dur))
	if m == nil {
		t.Fatal("duur.toml has no versie line; adapt the test")
	}
	v, _ := strconv.Atoi(m[2])
	os.WriteFile(filepath.Join(lib, "duur.toml"), []byte(edited), 0o644)
	code, out, _ = run(t, "verify", "--library", lib, pdf)
	if code != ExitDiffers || !strings.Contains(out, fmt.Sprintf("  ~ duur: tekst gewijzigd (v%d → v%d)\n", v, v)) || strings.Contains(out, "voorwerp") {
		t.Errorf("verify against an edited library: exit %d\n%s", code, out)
	}

	// A reflow with a new version (structure review 7.1): version only.
	reflowed := strings.Replace(string(dur), "niet stilzwijgend verlengd", "niet\nstilzwijgend verlengd", 1)
	reflowed = versionRE.ReplaceAllString(reflowed, fmt.Sprintf("versie${1}= %d", v+1))
	if !strings.Contains(reflowed, "niet\nstilzwijgend") || versionRE.FindStringSubmatch(reflowed)[2] != strconv.Itoa(v+1) {
		t.Fatal("duur.toml has changed; adapt the test")
	}
	os.WriteFile(filepath.Join(lib, "duur.toml"), []byte(reflowed), 0o644)
	code, out, _ = run(t, "verify", "--library", lib, pdf)
	if code != ExitDiffers || !strings.Contains(out, fmt.Sprintf("  v duur: nieuwe versie (v%d → v%d), tekst en waarden hier ongewijzigd\n", v, v+1)) || strings.Count(out, "\n") != 3 {
		t.Errorf("verify against a reflowed library: exit %d\n%s", code, out)
	}

	// Drafted by another ovk version: other bytes, same agreement.
	older := filepath.Join(dir, "older.pdf")
	tool := draft.Version
	draft.Version = "0.0.9"
	code, _, errs = run(t, "draft", opwijk, "-o", older)
	draft.Version = tool
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	code, out, _ = run(t, "verify", older)
	if code != ExitSameContent || !strings.Contains(out, "zelfde inhoud, andere bytes") || !strings.Contains(out, "ovk 0.0.9") {
		t.Errorf("verify of a PDF of another ovk version: exit %d\n%s", code, out)
	}

	// Damaged and foreign files.
	data, _ := os.ReadFile(pdf)
	damaged := writeFile(t, dir, "damaged.pdf", string(data[:len(data)/2]))
	plain := writeFile(t, dir, "plain.pdf", "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	notpdf := writeFile(t, dir, "x.pdf", "hello")
	for _, f := range []string{damaged, plain, notpdf, filepath.Join(dir, "missing.pdf")} {
		code, _, errs := run(t, "verify", f)
		if code != ExitInput || !strings.Contains(errs, filepath.Base(f)) {
			t.Errorf("verify %s: exit %d, stderr %q", filepath.Base(f), code, errs)
		}
	}
}

// TestBatchExampleRegister runs the README's batch example.
func TestBatchExampleRegister(t *testing.T) {
	out := t.TempDir()
	code, stdout, errs := run(t, "batch", "--ontwerp", "--register", "../../examples/register.csv", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, errs)
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	if len(pdfs) != 8 {
		t.Errorf("want 8 PDFs (11 rows: Antwerpen and Gent not served, Borgloon merged), got %d", len(pdfs))
	}
	for _, want := range []string{"11002 Antwerpen: niet bediend", "73009 Borgloon: bestaat niet meer, opgegaan in 73111 Tongeren-Borgloon"} {
		if !strings.Contains(stdout+errs, want) {
			t.Errorf("output lacks %q:\n%s%s", want, stdout, errs)
		}
	}
}
