package cli

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/testlib"
)

// runIn runs ovk with stdin.
func runIn(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errw)
	return code, out.String(), errw.String()
}

// TestCobraConventions: --version, completion for four shells, help
// topics, suggestions for commands and flags, in both languages.
func TestCobraConventions(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		out  string // in stdout
		err  string // in stderr
	}{
		{"version flag", []string{"--version"}, 0, "ovk ", ""},
		{"version shorthand", []string{"-v"}, 0, "ovk ", ""},
		{"completion bash", []string{"completion", "bash"}, 0, "# bash completion V2 for ovk", ""},
		{"completion zsh", []string{"completion", "zsh"}, 0, "#compdef ovk", ""},
		{"completion fish", []string{"completion", "fish"}, 0, "complete -c ovk", ""},
		{"completion powershell", []string{"completion", "powershell"}, 0, "Register-ArgumentCompleter", ""},
		{"completion help nl", []string{"completion", "bash", "--help"}, 0, "Laad het in de huidige shell met:\n\n  source <(ovk completion bash)", ""},
		{"completion help en", []string{"--lang", "en", "completion", "fish", "--help"}, 0, "Load it into the current shell with:\n\n  ovk completion fish | source", ""},
		{"command typo nl", []string{"drat", "x.toml"}, 2, "", "onbekende opdracht drat voor ovk: bedoelt u draft?\nmeer uitleg: ovk --help"},
		{"command typo en", []string{"--lang", "en", "verfy"}, 2, "", "unknown command verfy for ovk: did you mean verify?\nmore: ovk --help"},
		{"flag typo nl", []string{"batch", "--wrokers", "3"}, 2, "", "onbekende optie --wrokers: bedoelt u --workers?\nmeer uitleg: ovk batch --help"},
		{"flag typo en", []string{"--lang", "en", "draft", "x.toml", "--outptu", "y"}, 2, "", "unknown flag --outptu: did you mean --output?"},
		{"help topic nl", []string{"help", "drat"}, 2, "", "onbekend hulponderwerp drat: bedoelt u draft?"},
		{"help topic en", []string{"--lang", "en", "help", "frobnicate"}, 2, "", "unknown help topic frobnicate"},
		{"help of a command", []string{"help", "draft"}, 0, "Voorbeelden:\n  ovk draft gemeente.toml -o gemeente.pdf", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := run(t, c.args...)
			if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
				t.Errorf("exit %d (want %d)\nstdout:\n%.600s\nstderr:\n%s", code, c.code, out, errs)
			}
		})
	}
}

// walk visits c and every command under it.
func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, s := range c.Commands() {
		walk(s, f)
	}
}

// TestEveryCommandHasExamples: every command's help (also hidden ones and
// completion's) has an Examples section, in both languages, and no help
// shows cobra's English chrome.
func TestEveryCommandHasExamples(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		g := &global{loc: l10n.For(lang)}
		root := newRoot(g, IO{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}})
		heading := map[string]string{"nl": "Voorbeelden:", "en": "Examples:"}[lang]
		n := 0
		walk(root, func(c *cobra.Command) {
			if !c.HasParent() || c.Name() == "__complete" || c.Name() == "__completeNoDesc" {
				return
			}
			n++
			var b bytes.Buffer
			c.SetOut(&b)
			if err := c.Help(); err != nil {
				t.Fatal(err)
			}
			help := b.String()
			if !strings.Contains(help, heading) {
				t.Errorf("%s: %s has no %s section:\n%s", lang, c.CommandPath(), heading, help)
			}
			if lang == "nl" {
				for _, english := range []string{"[flags]", "(default ", " string ", " int ", " duration ", "Usage:", "Flags:"} {
					if strings.Contains(help, english) {
						t.Errorf("nl: %s help shows %q:\n%s", c.CommandPath(), english, help)
					}
				}
			}
		})
		if n < 15 {
			t.Errorf("%s: only %d commands walked", lang, n)
		}
	}
}

// TestHelpChromeInDutch: placeholders, [flags], type names and defaults in
// Dutch, and in English on request.
func TestHelpChromeInDutch(t *testing.T) {
	_, out, _ := run(t, "draft", "--help")
	for _, want := range []string{"Gebruik:\n  ovk draft PROFIEL... [-o BESTAND|MAP] [opties]",
		"--format tekst   uitvoerformaat: pdf, docx of text (standaard: \"pdf\")", "Opties van elke opdracht:"} {
		if !strings.Contains(out, want) {
			t.Errorf("nl help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = run(t, "--lang", "en", "serve", "--help")
	for _, want := range []string{"Usage:\n  ovk serve [--addr HOST:PORT] [flags]", "--deadline duration", "(default: 10s)"} {
		if !strings.Contains(out, want) {
			t.Errorf("en help lacks %q:\n%s", want, out)
		}
	}
}

// TestCobraAndPflagErrorsTranslated: cobra's and pflag's own errors in
// the user's language, exit 2.
func TestCobraAndPflagErrorsTranslated(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"draft"}, "verwacht minstens 1 argument(en), kreeg er 0\novk draft PROFIEL... [-o BESTAND|MAP] [opties]"},
		{[]string{"--lang", "en", "draft"}, "expects at least 1 argument(s), got 0\novk draft PROFILE... [-o FILE|DIR] [flags]"},
		{[]string{"explain", "a", "b"}, "verwacht 1 argument(en), kreeg er 2"},
		{[]string{"--lang", "en", "explain", "a", "b"}, "expects 1 argument(s), got 2"},
		{[]string{"releases", "--lang"}, "optie --lang heeft een waarde nodig"},
		{[]string{"--lang", "en", "releases", "-q"}, "unknown shorthand flag -q in -q"},
		{[]string{"releases", "-q"}, "onbekende korte optie -q in -q"},
		{[]string{"batch", "--workers", "abc"}, `ongeldige waarde "abc" voor --workers: verwacht een geheel getal, bv. 4`},
		{[]string{"--lang", "en", "serve", "--deadline", "soon"}, `invalid value "soon" for --deadline: expected a duration, e.g. 30s, 2m or 1h`},
		{[]string{"batch", "--workers", "-1"}, "--workers mag niet negatief zijn (gekregen: -1)"},
		{[]string{"--lang", "en", "serve", "--max-body", "-5"}, "--max-body must not be negative (got: -5)"},
		{[]string{"serve", "--deadline", "-1s"}, "--deadline mag niet negatief zijn (gekregen: -1s)"},
	} {
		code, _, errs := run(t, c.args...)
		if code != ExitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d, stderr:\n%s\nwant %q", c.args, code, errs, c.want)
		}
		if strings.Contains(errs, "arg(s)") || strings.Contains(errs, "strconv.") {
			t.Errorf("%q: cobra's or pflag's English text shows:\n%s", c.args, errs)
		}
	}
}

// TestUnsupportedLanguageWarns: --lang fr falls back to Dutch, and says so.
func TestUnsupportedLanguageWarns(t *testing.T) {
	code, out, errs := run(t, "--lang", "fr", "releases")
	if code != 0 || !strings.Contains(errs, "waarschuwing: taal fr wordt niet ondersteund (nl of en)") || !strings.Contains(out, "2025.1") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
	if _, _, errs := run(t, "--lang", "en-GB", "releases"); errs != "" {
		t.Errorf("en-GB warned: %s", errs)
	}
}

// TestProfileKeySuggestion: a mistyped profile key names the key meant, in
// both languages, with its position.
func TestProfileKeySuggestion(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "typo.toml", strings.Replace(testlib.Profile, `inwoners = 15200`, `inwonres = 15200`, 1))
	code, _, errs := run(t, "draft", bad, "--format", "text")
	if code != ExitInput || !strings.Contains(errs, ": gemeente.inwonres: onbekende sleutel inwonres: bedoelt u inwoners?") {
		t.Errorf("nl: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "--lang", "en", "explain", bad)
	if code != ExitInput || !strings.Contains(errs, "typo.toml:") || !strings.Contains(errs, ": gemeente.inwonres: unknown key inwonres: did you mean inwoners?") {
		t.Errorf("en: exit %d\n%s", code, errs)
	}
	far := writeFile(t, dir, "far.toml", strings.Replace(testlib.Profile, `inwoners = 15200`, `zzzz = 15200`, 1))
	if _, _, errs := run(t, "draft", far, "--format", "text"); !strings.Contains(errs, "onbekende sleutel zzzz (tikfout?)") {
		t.Errorf("no suggestion expected:\n%s", errs)
	}
}

// TestClausesCommand: ovk clauses lists the clauses with their parameters;
// ovk clauses show ID shows one with its parameters and text.
func TestClausesCommand(t *testing.T) {
	code, out, errs := run(t, "clauses", "--release", "2025.1")
	if code != 0 || !strings.Contains(out, "ID") || !strings.Contains(out, "VERSIE") ||
		!regexpMatch(`(?m)^taalbeleid +1 +optioneel +oefensessies_per_jaar\*, vormen\*$`, out) {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
	code, out, _ = run(t, "--lang", "en", "clauses", "show", "taalbeleid")
	if code != 0 || !strings.Contains(out, "release 2025.1: taalbeleid version 1") ||
		!strings.Contains(out, "parameters (under [parameters.taalbeleid] in the profile):") ||
		!strings.Contains(out, "  vormen (lijst, required): ") || !strings.Contains(out, "text:\n§ Het lokaal bestuur") {
		t.Errorf("exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "clauses", "show", "taalbeleid", "--json")
	if code != 0 || !strings.Contains(out, `"schema": "ovk-clauses/1"`) || !strings.Contains(out, `"name": "oefensessies_per_jaar"`) {
		t.Errorf("json: exit %d\n%s", code, out)
	}
	code, _, errs = run(t, "clauses", "show", "taalbeleidd")
	if code != ExitInput || errs == "" {
		t.Errorf("unknown clause: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "clauses", "show")
	if code != ExitInput || !strings.Contains(errs, "verwacht 1 argument(en), kreeg er 0\novk clauses show ID") {
		t.Errorf("no id: exit %d\n%s", code, errs)
	}
}

// TestManPages: the hidden ovk man DIR writes a page per command with
// cobra/doc, in the user's language and the same bytes every time.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := run(t, "man", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	page, err := os.ReadFile(filepath.Join(dir, "ovk-draft.1"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{".TH \"OVK\" \"1\"", "Stel de overeenkomst", "ovk draft gemeente.toml -o gemeente.pdf"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("ovk-draft.1 lacks %q:\n%.1500s", want, page)
		}
	}
	for _, name := range []string{"ovk.1", "ovk-clauses-show.1", "ovk-completion-bash.1", "ovk-serve.1"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	again := t.TempDir()
	run(t, "man", again)
	page2, _ := os.ReadFile(filepath.Join(again, "ovk-draft.1"))
	if !bytes.Equal(page, page2) {
		t.Error("man pages differ between runs")
	}
	en := t.TempDir()
	run(t, "--lang", "en", "man", en)
	page3, _ := os.ReadFile(filepath.Join(en, "ovk-draft.1"))
	if !strings.Contains(string(page3), "Draft the agreement") {
		t.Errorf("English page:\n%.800s", page3)
	}
}

// TestDraftArguments: "-" reads a profile from standard input, one file
// name for several profiles is a usage error.
func TestDraftArguments(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile(opwijk)
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runIn(t, string(src), "draft", "-", "--format", "text")
	if code != 0 || !strings.Contains(out, "SAMENWERKINGSOVEREENKOMST") {
		t.Errorf("stdin to stdout: exit %d\n%s", code, errs)
	}
	pdfPath := filepath.Join(dir, "stdin.pdf")
	code, _, errs = runIn(t, string(src), "draft", "-", "-o", pdfPath)
	if data, _ := os.ReadFile(pdfPath); code != 0 || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Errorf("stdin to file: exit %d\n%s", code, errs)
	}
	bad := strings.Replace(string(src), "[gemeente]", "[gemeente]\ninwonres = 3", 1)
	code, _, errs = runIn(t, bad, "--lang", "en", "draft", "-", "-o", filepath.Join(dir, "bad.pdf"))
	if code != ExitInput || !strings.Contains(errs, "(standard input):") || !strings.Contains(errs, "did you mean inwoners?") {
		t.Errorf("bad stdin: exit %d\n%s", code, errs)
	}
	code, _, errs = runIn(t, string(src), "draft", "-", "-", "-o", dir)
	if code != ExitInput || !strings.Contains(errs, "standaardinvoer (-) kan maar één profiel geven") {
		t.Errorf("stdin twice: exit %d\n%s", code, errs)
	}
	x := filepath.Join(dir, "x.pdf")
	code, _, errs = run(t, "draft", opwijk, "../../examples/73028-herstappe.toml", "-o", x)
	if code != ExitInput || !strings.Contains(errs, "x.pdf is een bestandsnaam, maar er zijn 2 profielen: geef met -o een map (bv. -o out/)") {
		t.Errorf("nl: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "--lang", "en", "draft", opwijk, "../../examples/73028-herstappe.toml", "-o", x)
	if code != ExitInput || !strings.Contains(errs, "x.pdf is a file name, but there are 2 profiles: give a folder with -o") {
		t.Errorf("en: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(x); err == nil {
		t.Error("x.pdf was created")
	}
}

// TestNoBinaryToTerminal runs ovk on a pseudo-terminal (script(1)): a PDF
// or DOCX is refused there, text is not.
func TestNoBinaryToTerminal(t *testing.T) {
	if os.Getenv("OVK_TTY_CHILD") != "" {
		args := strings.Fields(os.Getenv("OVK_TTY_CHILD"))
		os.Exit(Main(args, os.Stdin, os.Stdout, os.Stderr))
	}
	script, err := exec.LookPath("script")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("script(1) is needed in CI")
		}
		t.Skip("no script(1)")
	}
	self, _ := os.Executable()
	for _, c := range []struct {
		args string
		code int
		want string
	}{
		{"draft " + opwijk + " -o -", 2, "een PDF-bestand wordt niet naar de terminal geschreven"},
		{"--lang en draft " + opwijk + " --format docx -o -", 2, "a DOCX file is not written to the terminal"},
		{"draft " + opwijk + " --format text", 0, "SAMENWERKINGSOVEREENKOMST"},
	} {
		cmd := exec.Command(script, "-qec", self+" -test.run=^TestNoBinaryToTerminal$", "/dev/null")
		cmd.Env = append(os.Environ(), "OVK_TTY_CHILD="+c.args)
		out, _ := cmd.CombinedOutput()
		code := cmd.ProcessState.ExitCode()
		if code != c.code || !strings.Contains(string(out), c.want) || bytes.Contains(out, []byte("%PDF")) {
			t.Errorf("%s: exit %d (want %d)\n%.400s", c.args, code, c.code, out)
		}
	}
}

func regexpMatch(re, s string) bool { return regexp.MustCompile(re).MatchString(s) }

// TestErrorTailsTranslated: the TOML parser's and the system's English
// tails are said in the user's language.
func TestErrorTailsTranslated(t *testing.T) {
	dir := t.TempDir()
	wrongType := writeFile(t, dir, "type.toml", strings.Replace(testlib.Profile, `inwoners = 15200`, `inwoners = "15200"`, 1))
	syntax := writeFile(t, dir, "syntax.toml", "a b = 1\n")
	big := writeFile(t, dir, "big.toml", "[gemeente]\ninwoners = 99999999999999999999\n")
	code, _, _ := run(t, "draft", opwijk, "-o", filepath.Join(dir, "o.pdf"))
	if code != 0 {
		t.Fatal("could not draft the PDF to feed back")
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"draft", wrongType, "--format", "text"}, "gemeente.inwoners: verkeerd type: tekst gegeven, een geheel getal verwacht"},
		{[]string{"--lang", "en", "draft", wrongType, "--format", "text"}, "gemeente.inwoners: wrong type: text given, a whole number expected"},
		{[]string{"draft", syntax, "--format", "text"}, "syntax.toml:1:3: ongeldige TOML: na een sleutel hoort = (of een punt), maar hier staat 'b'"},
		{[]string{"--lang", "en", "draft", syntax, "--format", "text"}, "syntax.toml:1:3: invalid TOML: a key is followed by = (or a dot), but here is 'b'"},
		{[]string{"draft", big, "--format", "text"}, "het getal 99999999999999999999 is te groot"},
		{[]string{"--lang", "en", "draft", big, "--format", "text"}, "the number 99999999999999999999 is too large"},
		{[]string{"draft", filepath.Join(dir, "o.pdf"), "--format", "text"}, "o.pdf: dit is een PDF, geen profiel"},
		{[]string{"--lang", "en", "explain", filepath.Join(dir, "o.pdf")}, "o.pdf: this is a PDF, not a profile"},
		{[]string{"verify", dir}, ": is een map, geen bestand"},
		{[]string{"--lang", "en", "verify", dir}, ": is a folder, not a file"},
		{[]string{"draft", opwijk, "-o", filepath.Join(wrongType, "x.pdf")}, ": is geen map"},
		{[]string{"--lang", "en", "draft", opwijk, "-o", filepath.Join(wrongType, "x.pdf")}, ": is not a folder"},
	} {
		code, _, errs := run(t, c.args...)
		if code != ExitInput || !strings.Contains(errs, c.want) {
			t.Errorf("%q: exit %d\n%s\nwant %q", c.args, code, errs, c.want)
		}
		for _, english := range []string{"incompatible types", "expected '.'", "out of range", "is a directory", "not a directory"} {
			if strings.Contains(errs, english) {
				t.Errorf("%q: English tail %q:\n%s", c.args, english, errs)
			}
		}
	}
}

// TestServeAddressInUse: a busy address is a usage error that says what
// to do, in both languages.
func TestServeAddressInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	addr := ln.Addr().String()
	code, _, errs := run(t, "serve", "--addr", addr)
	if code != ExitInput || !strings.Contains(errs, addr+" is al in gebruik (draait ovk serve al, of een ander programma?): kies met --addr een andere poort") {
		t.Errorf("nl: exit %d\n%s", code, errs)
	}
	code, _, errs = run(t, "--lang", "en", "serve", "--addr", addr)
	if code != ExitInput || !strings.Contains(errs, addr+" is already in use (is ovk serve already running, or another program?): choose another port with --addr") {
		t.Errorf("en: exit %d\n%s", code, errs)
	}
}
