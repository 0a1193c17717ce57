package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBatchNeedsApprovedRelease: a batch under the draft release 2026.1 is
// refused before anything is written; --ontwerp runs it, marks every page
// ONTWERP and says so in the batch manifest and in every agreement's.
func TestBatchNeedsApprovedRelease(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, _, errs := run(t, "batch", "--register", "../../examples/register.csv", "--out", out)
	if code != ExitInput || !strings.Contains(errs, "release 2026.1 is een ontwerp") || !strings.Contains(errs, "--ontwerp") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused batch created %s", out)
	}
	code, _, errs = run(t, "batch", "--ontwerp", "--register", "../../examples/register.csv", "--out", out)
	if code != ExitOK {
		t.Fatalf("--ontwerp: exit %d\n%s", code, errs)
	}
	var m struct {
		Release string `json:"release"`
		Draft   bool   `json:"ontwerp"`
		Items   []struct {
			File string `json:"file"`
		} `json:"items"`
	}
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &m); err != nil || !m.Draft || m.Release != "2026.1" {
		t.Fatalf("batch manifest: %v %+v", err, m)
	}
	pdf := filepath.Join(out, "23060-opwijk.pdf")
	text := pdftotext(t, pdf)
	pages := len(regexp.MustCompile(`Pagina \d+ van \d+`).FindAllString(text, -1))
	if pages < 2 || strings.Count(text, "ONTWERP") < 2*pages {
		t.Errorf("%d pages, %d ONTWERP marks", pages, strings.Count(text, "ONTWERP"))
	}
	code, stdout, _ := run(t, "verify", pdf)
	if code != ExitOK || !strings.Contains(stdout, "opgesteld onder release 2026.1 toen die een ontwerp was") {
		t.Errorf("verify: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "verify", pdf, "--json")
	var v struct {
		Drafted struct {
			Approval struct{ Status string } `json:"approval"`
		} `json:"drafted"`
	}
	if json.Unmarshal([]byte(stdout), &v); code != ExitOK || v.Drafted.Approval.Status != "ontwerp" {
		t.Errorf("verify --json: exit %d %s", code, stdout)
	}
}

// TestApprovedReleaseIsNotMarked: an agreement of the approved release
// 2020.1 carries no ONTWERP and its approval is shown by verify.
func TestApprovedReleaseIsNotMarked(t *testing.T) {
	pdf := filepath.Join(t.TempDir(), "halle.pdf")
	code, _, errs := run(t, "--release", "2020.1", "draft", "../compare/testdata/profiles/2020.1/23027-halle.toml", "-o", pdf)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, "ONTWERP") || strings.Contains(pdftotext(t, pdf), "ONTWERP") {
		t.Errorf("an agreement of an approved release says ONTWERP")
	}
	code, stdout, _ := run(t, "verify", pdf)
	if code != ExitOK || !strings.Contains(stdout, "goedgekeurd door Raad van bestuur van het Agentschap Integratie en Inburgering op 2019-12-17") {
		t.Errorf("verify: exit %d\n%s", code, stdout)
	}
	// A single draft of the draft release says so on stderr.
	code, _, errs = run(t, "draft", opwijk, "-o", filepath.Join(t.TempDir(), "o.pdf"))
	if code != ExitOK || !strings.Contains(errs, "release 2026.1 is een ontwerp: elke pagina draagt ONTWERP") {
		t.Errorf("draft: exit %d\n%s", code, errs)
	}
}

// TestLintSaysWhetherApprovable: 2026.1 still has a value to confirm, so
// lint does not call it approvable; the history releases are approved.
func TestLintSaysWhetherApprovable(t *testing.T) {
	code, stdout, _ := run(t, "lint")
	if code != ExitOK || !strings.Contains(stdout, "release 2026.1 is een ontwerp en kan nog niet goedgekeurd worden: 1 waarde(n) nog te bevestigen") ||
		strings.Contains(stdout, "release 2025.1 is een ontwerp") {
		t.Errorf("lint: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "lint", "--json")
	var v struct {
		Releases []struct {
			Name       string
			Status     string
			Approvable *bool
		}
	}
	json.Unmarshal([]byte(stdout), &v)
	for _, r := range v.Releases {
		if (r.Name == "2026.1") != (r.Approvable != nil && !*r.Approvable) || (r.Name == "2026.1") != (r.Status == "ontwerp") {
			t.Errorf("lint --json %s: %+v", r.Name, r)
		}
	}
	code, stdout, _ = run(t, "releases")
	if !strings.Contains(stdout, "2026.1") || !strings.Contains(stdout, "ONTWERP") || !strings.Contains(stdout, "Beslissing van de raad van bestuur van 17 december 2024") {
		t.Errorf("releases:\n%s", stdout)
	}
}
