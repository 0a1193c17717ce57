package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/agii/ovk/clauses"
)

// policyUpdate writes a library of two releases into a folder: 2026.1 as
// shipped and 2026.2, derived from it, approved, with two texts changed:
// voorwerp (in every agreement) and antiracismebeleid (a local goal only
// some municipalities chose).
func policyUpdateInto(t *testing.T, lib string) string {
	t.Helper()
	sub, err := fs.Sub(clauses.FS, "2026.1")
	if err != nil {
		t.Fatal(err)
	}
	version := regexp.MustCompile(`(?m)^versie(\s*)= (\d+)`)
	for _, rel := range []string{"2026.1", "2026.2"} {
		err := fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(sub, p)
			if err != nil {
				return err
			}
			s := string(data)
			if rel == "2026.2" {
				switch p {
				case "library.toml":
					s = strings.Replace(s, `versie           = "2026.1"`, `versie           = "2026.2"`, 1)
					s = strings.Replace(s, `van_kracht       = 2026-01-01`, `van_kracht       = 2026-07-01`, 1)
					s = strings.Replace(s, `status           = "ontwerp"`, "status = \"goedgekeurd\"\ngoedgekeurd_door = \"Raad van bestuur\"\ngoedgekeurd_op = 2026-06-01\nbesluit = \"testbesluit\"", 1)
				case "voorwerp.toml":
					s = strings.Replace(s, "legt de gemeenschappelijke doelstellingen", "legt de gezamenlijke doelstellingen", 1)
				case "antiracismebeleid.toml":
					s = strings.Replace(s, "samen aan een lokaal beleid tegen racisme", "samen aan een lokaal beleid tegen elke vorm van racisme", 1)
				}
				if p == "voorwerp.toml" || p == "antiracismebeleid.toml" {
					s = version.ReplaceAllStringFunc(s, func(m string) string {
						g := version.FindStringSubmatch(m)
						n := []byte(g[2])
						n[len(n)-1]++
						return "versie" + g[1] + "= " + string(n)
					})
				}
			}
			return os.WriteFile(filepath.Join(lib, rel, p), []byte(s), 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return lib
}

// TestImpactPack: the pack of a policy update has per municipality the
// redline in HTML and PDF, and groups them by identical set of changes.
func TestImpactPack(t *testing.T) {
	lib := t.TempDir()
	for _, rel := range []string{"2026.1", "2026.2"} {
		os.MkdirAll(filepath.Join(lib, rel), 0o755)
	}
	policyUpdateInto(t, lib)
	reg := filepath.Join(t.TempDir(), "register")
	for _, name := range []string{"23060-opwijk.toml", "23027-halle.toml", "24062-leuven.toml"} {
		data, _ := os.ReadFile(filepath.Join("../../examples", name))
		writeFile(t, reg, name, string(data))
	}
	pack := filepath.Join(t.TempDir(), "pack")
	code, out, errs := run(t, "--library", lib, "impact", "--from", "2026.1", "--to", "2026.2", "--register", reg, "--pack", pack)
	if code != ExitOK || !strings.Contains(out, "3 gemeenten met wijzigingen in 2 groep(en)") {
		t.Fatalf("pack: exit %d\n%s%s", code, out, errs)
	}
	var pk struct {
		Groups []struct {
			Number         int
			Municipalities []string
			Changes        []struct{ Clause string }
		}
		Municipalities []struct{ NIS, HTML, PDF string }
	}
	data, err := os.ReadFile(filepath.Join(pack, "pack.json"))
	if err != nil {
		t.Fatal(err)
	}
	json.Unmarshal(data, &pk)
	if len(pk.Groups) != 2 || strings.Join(pk.Groups[0].Municipalities, ",") != "23060,24062" || strings.Join(pk.Groups[1].Municipalities, ",") != "23027" ||
		len(pk.Groups[0].Changes) != 1 || pk.Groups[0].Changes[0].Clause != "voorwerp" || len(pk.Groups[1].Changes) != 2 {
		t.Fatalf("groups: %s", data)
	}
	index, _ := os.ReadFile(filepath.Join(pack, "index.html"))
	for _, m := range pk.Municipalities {
		if !strings.Contains(string(index), `href="`+m.HTML+`"`) || !strings.Contains(string(index), `href="`+m.PDF+`"`) {
			t.Errorf("index.html does not link %s", m.NIS)
		}
		h, err := os.ReadFile(filepath.Join(pack, m.HTML))
		if err != nil || !strings.Contains(string(h), "gezamenlijke") {
			t.Errorf("%s: %v", m.HTML, err)
		}
	}
	halle := pdftotext(t, filepath.Join(pack, "23027-halle.pdf"))
	if !strings.Contains(halle, "elke vorm van") || !strings.Contains(halle, "gezamenlijke") {
		t.Errorf("Halle's redline PDF lacks the two changes:\n%.600s", halle)
	}
}

// TestPackAgainstSigned: without --from the pack compares each
// municipality's signed release and names those without one. Halle's
// 2020.1 profile lacks keys 2026.1 requires (an upgrade is due): it is
// not compared, with the reason, and the pack exits 2.
func TestPackAgainstSigned(t *testing.T) {
	reg := signedRegister(t)
	pack := filepath.Join(t.TempDir(), "pack")
	code, out, errs := run(t, "impact", "--to", "2026.1", "--register", reg, "--pack", pack)
	if code != ExitInput || !strings.Contains(out, "0 gemeenten met wijzigingen in 0 groep(en), 1 ongewijzigd, 0 niet bediend of samengevoegd, 1 mislukt") ||
		!strings.Contains(errs, "24062 Leuven") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	index, _ := os.ReadFile(filepath.Join(pack, "index.html"))
	if !strings.Contains(string(index), "Niet vergeleken (1)") || !strings.Contains(string(index), "23027 Halle: <pre>") ||
		!strings.Contains(string(index), "Ongewijzigd (1)</h2><p class=\"m\">23060 Opwijk") || !strings.Contains(string(index), "Zonder ondertekende overeenkomst") {
		t.Errorf("index.html:\n%s", index)
	}
}
