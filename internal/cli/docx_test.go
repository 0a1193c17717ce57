package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/docx"
)

// readDOCX checks that file is a DOCX document ovk wrote and returns its
// embedded manifest's reference.
func readDOCX(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	e, err := docx.ReadEmbedded(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return e.Manifest.Reference
}

// TestDraftVerifyDiffDOCX: draft as DOCX, verify the DOCX, and compare two
// DOCX documents into a redline DOCX, as a user would.
func TestDraftVerifyDiffDOCX(t *testing.T) {
	dir := t.TempDir()
	opw := filepath.Join(dir, "opwijk.docx")
	if code, _, errs := run(t, "draft", opwijk, "--format", "docx", "-o", opw); code != 0 {
		t.Fatalf("draft --format docx: exit %d: %s", code, errs)
	}
	if ref := readDOCX(t, opw); ref != "AgII-OVK-2026-23060" {
		t.Errorf("embedded reference %q", ref)
	}
	// Into a folder: the name ends in .docx.
	if code, _, errs := run(t, "draft", opwijk, "../../examples/73028-herstappe.toml", "--format", "docx", "-o", dir+"/"); code != 0 {
		t.Fatalf("draft two: exit %d: %s", code, errs)
	}
	her := filepath.Join(dir, "73028-herstappe.docx")
	readDOCX(t, her)

	code, out, errs := run(t, "verify", opw, "--json")
	if code != 0 {
		t.Fatalf("verify: exit %d: %s %s", code, out, errs)
	}
	var v struct{ Outcome string }
	if err := json.Unmarshal([]byte(out), &v); err != nil || v.Outcome != "identical" {
		t.Errorf("verify outcome %q (%v):\n%s", v.Outcome, err, out)
	}

	// Two DOCX documents compared: the same report as for their profiles.
	code, fromDocs, errs := run(t, "diff", opw, her, "--format", "json")
	if code != 0 {
		t.Fatalf("diff of two DOCX: exit %d: %s", code, errs)
	}
	_, fromProfiles, _ := run(t, "diff", opwijk, "../../examples/73028-herstappe.toml", "--format", "json")
	if summary(t, fromDocs) != summary(t, fromProfiles) {
		t.Errorf("DOCX diff summary %s, profiles %s", summary(t, fromDocs), summary(t, fromProfiles))
	}
	for _, args := range [][]string{
		{"diff", opw, her},
		{"diff", opwijk, "../../examples/73028-herstappe.toml"},
		{"diff", "--from", "2025.1", "--to", "2026.1"},
		{"diff", "../../internal/docx/testdata/profiles/23027-halle-2025.toml", "--from", "2020.1", "--to", "2025.1"},
	} {
		target := filepath.Join(dir, "redline.docx")
		os.Remove(target)
		code, _, errs := run(t, append(args, "--format", "docx", "-o", target)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errs)
			continue
		}
		b, err := os.ReadFile(target)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte("PK\x03\x04")) || !bytes.Contains(b, []byte("word/document.xml")) {
			t.Errorf("%v: not a DOCX document", args)
		}
	}
}

func summary(t *testing.T, report string) string {
	t.Helper()
	var r struct{ Summary json.RawMessage }
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatalf("%v:\n%s", err, report)
	}
	return string(r.Summary)
}

// TestVerifyDamagedDOCX: a damaged DOCX is bad input, named.
func TestVerifyDamagedDOCX(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "kapot.docx", "PK\x03\x04 no zip")
	code, _, errs := run(t, "verify", bad)
	if code != ExitInput || !strings.Contains(errs, "kapot.docx") {
		t.Errorf("verify of a damaged DOCX: exit %d: %s", code, errs)
	}
}
