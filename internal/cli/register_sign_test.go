package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/testlib"
)

// signedRegister builds a register folder of three profiles: Opwijk signed
// its 2026.1 agreement, Halle its 2020.1 one, Leuven nothing yet.
func signedRegister(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	reg := filepath.Join(dir, "register")
	for name, src := range map[string]string{"23060-opwijk.toml": opwijk, "23027-halle.toml": "../compare/testdata/profiles/2020.1/23027-halle.toml",
		"24062-leuven.toml": "../../examples/24062-leuven.toml"} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, reg, name, string(data))
	}
	for _, c := range []struct{ release, profile, signer string }{{"2026.1", "23060-opwijk.toml", "Jan Janssens"}, {"2020.1", "23027-halle.toml", "Marc Snoeck"}} {
		pdf := filepath.Join(dir, c.release+"-"+strings.TrimSuffix(c.profile, ".toml")+".pdf")
		if code, _, errs := run(t, "--release", c.release, "draft", filepath.Join(reg, c.profile), "-o", pdf); code != ExitOK {
			t.Fatalf("draft %s: %d %s", c.profile, code, errs)
		}
		data, _ := os.ReadFile(pdf)
		os.WriteFile(pdf, testlib.AppendSignature(t, data, c.signer, "20260301", false), 0o644)
		code, out, errs := run(t, "register", "sign", pdf, "--register", reg)
		if code != ExitOK || !strings.Contains(out, "ondertekende release "+c.release+" op 2026-03-01") {
			t.Fatalf("register sign %s: %d %s%s", pdf, code, out, errs)
		}
	}
	return reg
}

func TestRegisterSign(t *testing.T) {
	reg := signedRegister(t)
	var rec struct {
		Release     string `json:"release"`
		SignedOn    string `json:"signed_on"`
		ManifestSHA string `json:"manifest_sha256"`
		FileSHA     string `json:"file_sha256"`
		Revisions   int    `json:"revisions"`
	}
	data, err := os.ReadFile(filepath.Join(reg, "23060-opwijk.ondertekend.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(data, &rec)
	if rec.Release != "2026.1" || rec.SignedOn != "2026-03-01" || len(rec.ManifestSHA) != 64 || len(rec.FileSHA) != 64 || rec.Revisions != 1 {
		t.Errorf("record: %s", data)
	}
	// The register still loads: a record is no profile.
	if code, out, errs := run(t, "lint", filepath.Join(reg, "23060-opwijk.toml")); code != ExitOK {
		t.Errorf("lint: %d %s%s", code, out, errs)
	}

	// A PDF whose content no longer matches its manifest is refused, and
	// nothing is written.
	dir := t.TempDir()
	pdf := filepath.Join(dir, "leuven.pdf")
	if code, _, errs := run(t, "draft", filepath.Join(reg, "24062-leuven.toml"), "-o", pdf); code != ExitOK {
		t.Fatal(errs)
	}
	orig, _ := os.ReadFile(pdf)
	os.WriteFile(pdf, testlib.AppendSignature(t, orig, "X", "20260301", true), 0o644)
	code, _, errs := run(t, "register", "sign", pdf, "--register", reg)
	if code != ExitInput || !strings.Contains(errs, "is niet wat ovk opstelde") {
		t.Errorf("edited PDF: exit %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(reg, "24062-leuven.ondertekend.json")); !os.IsNotExist(err) {
		t.Error("a refused PDF left a record")
	}
	// Without a signature date and without --datum: refused.
	os.WriteFile(pdf, orig, 0o644)
	if code, _, errs := run(t, "register", "sign", pdf, "--register", reg); code != ExitInput || !strings.Contains(errs, "--datum") {
		t.Errorf("no date: exit %d %s", code, errs)
	}
}

// TestImpactAgainstSigned: without --from, impact compares each
// municipality against the release it signed and lists those without one.
func TestImpactAgainstSigned(t *testing.T) {
	reg := signedRegister(t)
	code, out, errs := run(t, "impact", "--to", "2026.1", "--register", reg, "--json")
	if code != ExitOK {
		t.Fatalf("impact: %d %s", code, errs)
	}
	var v struct {
		From           string
		Unsigned       []string
		Municipalities []struct {
			NIS     string
			Changed bool
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	changed := map[string]bool{}
	for _, m := range v.Municipalities {
		changed[m.NIS] = m.Changed
	}
	if v.From != "ondertekend" || len(v.Unsigned) != 1 || !strings.HasPrefix(v.Unsigned[0], "24062") || len(changed) != 2 ||
		changed["23060"] || !changed["23027"] {
		t.Errorf("impact against signed: %+v", v)
	}
	code, _, errs = run(t, "impact", "--to", "2026.1", "--register", reg)
	if code != ExitOK || !strings.Contains(errs, "zonder ondertekende overeenkomst (niet vergeleken): 24062 Leuven") {
		t.Errorf("impact text: %d %s", code, errs)
	}
	// --from still compares everyone against one release.
	if code, out, _ := run(t, "impact", "--from", "2026.1", "--to", "2026.1", "--register", reg, "--json"); code != ExitOK || strings.Contains(out, "unsigned") {
		t.Errorf("impact --from: %d", code)
	}
}

// TestBatchListsUnsigned: a batch over a register that records signed
// agreements names the municipalities without one.
func TestBatchListsUnsigned(t *testing.T) {
	reg := signedRegister(t)
	code, _, errs := run(t, "batch", "--ontwerp", "--register", reg, "--out", filepath.Join(t.TempDir(), "out"))
	if !strings.Contains(errs, "zonder ondertekende overeenkomst in het register: 24062 Leuven") || strings.Contains(errs, "23060 Opwijk,") {
		t.Errorf("batch: exit %d\n%s", code, errs)
	}
}
