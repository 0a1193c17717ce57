package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/testlib"
)

// TestVerifySignedCopy: a PDF whose first revision is what ovk drafts,
// followed by incremental updates (signatures, annotations), is identical
// as drafted (exit 0) with its revisions named; a copy rewritten by qpdf
// is same content (exit 4); an update that replaces the page content
// differs (exit 3).
func TestVerifySignedCopy(t *testing.T) {
	qpdf := testlib.NeedTool(t, "qpdf", "apt-get install qpdf")
	dir := t.TempDir()
	pdf := filepath.Join(dir, "opwijk.pdf")
	if code, _, errs := run(t, "draft", opwijk, "-o", pdf); code != ExitOK {
		t.Fatalf("draft: %d %s", code, errs)
	}
	orig, _ := os.ReadFile(pdf)
	signed := testlib.AppendSignature(t, orig, "Jan Janssens", "20260301", false)
	signed = testlib.AppendSignature(t, signed, "Anneleen Van den Broeck-D'hondt", "20260305", false)
	sf := filepath.Join(dir, "signed.pdf")
	os.WriteFile(sf, signed, 0o644)
	if out, err := exec.Command(qpdf, "--check", sf).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	code, out, errs := run(t, "verify", sf)
	if code != ExitOK || !strings.Contains(out, "identiek zoals opgesteld") || !strings.Contains(out, "2 latere revisie(s)") ||
		!strings.Contains(out, "revisie 2 (") || !strings.Contains(out, "handtekening van Jan Janssens (2026-03-01)") ||
		!strings.Contains(out, "revisie 3 (") || !strings.Contains(out, "Anneleen Van den Broeck-D'hondt (2026-03-05)") {
		t.Errorf("verify signed: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "verify", sf, "--json")
	var v struct {
		Outcome   string
		Revisions []struct {
			Number     int
			Signatures []struct{ Name string }
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != ExitOK || v.Outcome != "identical" || len(v.Revisions) != 2 ||
		v.Revisions[1].Signatures[0].Name != "Anneleen Van den Broeck-D'hondt" {
		t.Errorf("verify --json: %d %v %s", code, err, out)
	}

	// Rewritten by another tool, same manifest and content.
	rw := filepath.Join(dir, "rewritten.pdf")
	if out, err := exec.Command(qpdf, "--object-streams=generate", sf, rw).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v\n%s", err, out)
	}
	if code, out, errs := run(t, "verify", rw); code != ExitSameContent {
		t.Errorf("rewritten: exit %d\n%s%s", code, out, errs)
	}

	// An update that replaces the text of page 1.
	edited := filepath.Join(dir, "edited.pdf")
	os.WriteFile(edited, testlib.AppendSignature(t, orig, "Jan Janssens", "20260301", true), 0o644)
	if code, out, errs := run(t, "verify", edited); code != ExitDiffers || !strings.Contains(out, "page content") {
		t.Errorf("edited: exit %d\n%s%s", code, out, errs)
	}
}
