package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/testlib"
)

// writeTwoReleases writes a library of the test releases 2025.1 (in force
// from 2025-01-01) and 2026.1 (from 2026-01-01) into dir.
func writeTwoReleases(t *testing.T, dir string) {
	t.Helper()
	for version, effective := range map[string]string{"2025.1": "2025-01-01", "2026.1": "2026-01-01"} {
		h := strings.Replace(testlib.Header, `versie = "1.0"`, `versie = "`+version+`"`, 1)
		h = strings.Replace(h, "van_kracht = 2025-01-01", "van_kracht = "+effective, 1)
		writeFile(t, dir, version+"/library.toml", h)
		for name, src := range testlib.Clauses {
			writeFile(t, dir, version+"/"+name, src)
		}
	}
}

// TestValidityWindowCLI: release 2025.1 refuses an agreement dated
// 2026-03-20 once 2026.1 exists, with exit 2, the position of
// overeenkomst.datum and the release to use; 2026.1 (the default) drafts it.
func TestValidityWindowCLI(t *testing.T) {
	dir := t.TempDir()
	writeTwoReleases(t, dir)
	profile := writeFile(t, dir, "opwijk.toml", testlib.Profile)
	line := 1 + strings.Count(testlib.Profile[:strings.Index(testlib.Profile, "datum = 2026-03-20")], "\n")

	code, _, errs := run(t, "--library", dir, "--release", "2025.1", "draft", profile, "--format", "text")
	want := profile + ":" + itoa(line) + ":1: overeenkomst.datum: release 2025.1 geldt voor overeenkomsten van " +
		"1 januari 2025 tot 1 januari 2026; deze overeenkomst is gedateerd op 20 maart 2026: stel ze op met --release 2026.1"
	if code != ExitInput || !strings.Contains(errs, want) {
		t.Errorf("exit %d, want 2 and %q:\n%s", code, want, errs)
	}
	if code, out, errs := run(t, "--library", dir, "draft", profile, "--format", "text"); code != 0 || !strings.Contains(out, "Opwijk") {
		t.Errorf("under the default release: exit %d\n%s", code, errs)
	}
	// A comparison is not bound by the window.
	if code, _, errs := run(t, "--library", dir, "diff", profile, "--from", "2025.1", "--to", "2026.1", "--format", "json"); code != 0 {
		t.Errorf("diff: exit %d\n%s", code, errs)
	}
	code, out, _ := run(t, "--library", dir, "releases", "--json")
	var list ovk.ReleaseList
	if err := json.Unmarshal([]byte(out), &list); err != nil || code != 0 || list.Default != "2026.1" || len(list.Releases) != 2 ||
		list.Releases[0].Until != "2026-01-01" || list.Releases[1].Until != "" {
		t.Errorf("releases: exit %d %s", code, out)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// TestJSONEverywhere: every command that prints a result prints JSON with
// a schema id under --json, and an error too.
func TestJSONEverywhere(t *testing.T) {
	schema := func(out string) string {
		var v struct{ Schema string }
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			return "not JSON: " + err.Error()
		}
		return v.Schema
	}
	dir := t.TempDir()
	pdf := filepath.Join(dir, "opwijk.pdf")
	if code, _, errs := run(t, "draft", opwijk, "-o", pdf); code != 0 {
		t.Fatalf("draft: %d %s", code, errs)
	}
	for _, tc := range []struct {
		args   []string
		code   int
		schema string
	}{
		{[]string{"version", "--json"}, 0, "ovk-version/1"},
		{[]string{"releases", "--json"}, 0, "ovk-releases/1"},
		{[]string{"lint", "--json"}, 0, "ovk-lint/1"},
		{[]string{"explain", opwijk, "--json"}, 0, "ovk-explain/1"},
		{[]string{"verify", pdf, "--json"}, 0, "ovk-verify/2"},
		{[]string{"explain", filepath.Join(dir, "nope.toml"), "--json"}, ExitInput, "ovk-error/1"},
		{[]string{"verify", opwijk, "--json"}, ExitInput, "ovk-error/1"},
		{[]string{"--release", "1999", "explain", opwijk, "--json"}, ExitInput, "ovk-error/1"},
	} {
		code, out, errs := run(t, tc.args...)
		if code != tc.code || schema(out) != tc.schema {
			t.Errorf("%v: exit %d, schema %q; want %d, %q\n%s%s", tc.args, code, schema(out), tc.code, tc.schema, out, errs)
		}
	}

	// A broken library: lint's JSON names every problem, exit 2.
	lib := t.TempDir()
	writeFile(t, lib, "library.toml", testlib.Header)
	for name, src := range testlib.Clauses {
		writeFile(t, lib, name, src)
	}
	writeFile(t, lib, "analyse.toml", testlib.Replace("analyse.toml", `soort = "optioneel"`, `soort = "facultatief"`))
	code, out, _ := run(t, "lint", "--library", lib, "--json")
	var v ovk.LintView
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != ExitInput || v.OK || len(v.Problems) != 1 ||
		v.Problems[0].Line != 4 || v.Problems[0].Field != "soort" {
		t.Errorf("lint --json of a broken library: exit %d\n%s", code, out)
	}

	// An error's JSON carries its code and the problem's position.
	bad := writeFile(t, dir, "bad.toml", strings.Replace(testlib.Profile, "inwoners = 15200", "inwonners = 15200", 1))
	code, out, _ = run(t, "explain", bad, "--json")
	var e ovk.ErrorView
	if err := json.Unmarshal([]byte(out), &e); err != nil || code != ExitInput || e.Code != "invalid" || len(e.Details) == 0 ||
		e.Details[0].Field != "gemeente.inwonners" || e.Details[0].File != bad || e.Details[0].Line == 0 {
		t.Errorf("error JSON: exit %d\n%s", code, out)
	}
}
