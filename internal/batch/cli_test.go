package batch_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/cli"
	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/testlib"
)

// ovk runs the command line in-process and returns exit code, stdout, stderr.
func ovk(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errw bytes.Buffer
	code := cli.Main(args, strings.NewReader(""), &out, &errw)
	return code, out.String(), errw.String()
}

func TestCLIBatchMixed(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := ovk(t, "batch", "--ontwerp", "--register", "testdata/mixed.csv", "--out", out, "--lang", "en")
	if code != cli.ExitInput {
		t.Fatalf("exit %d, want %d (some rows failed)\n%s", code, cli.ExitInput, stderr)
	}
	wantOut := "11002 Antwerpen: not served by AgII, no agreement\n" +
		"44021 Gent: not served by AgII, no agreement\n" +
		"73083 Tongeren: no longer exists, merged into 73111 Tongeren-Borgloon; not drafted\n" +
		"release 2026.1: 13 municipalities, 2 agreements (2 drafted, 0 unchanged), 2 not served, 1 merged, 8 failed; manifest: " +
		filepath.Join(out, "manifest.json") + "\n"
	if stdout != wantOut {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, wantOut)
	}
	for _, want := range []string{
		"13/13 municipalities (100%",
		"testdata/mixed.csv:8: 31005 Brugge: not drafted:\n    testdata/mixed.csv:8:53: inwoners: abc is not a whole number\n",
		"testdata/mixed.csv:9:1: nis: NIS code 99999 is not the code of a Flemish municipality (arrondissement 99 does not exist in Flanders): check the code\n",
		"testdata/mixed.csv:10:13: provincie: NIS code 41002 lies in the province Oost-Vlaanderen, not in Limburg: correct gemeente.provincie or gemeente.nis\n",
		"testdata/mixed.csv:4: 73111 Tongeren-Borgloon: not drafted:\n", // release 2026.1 names the merged municipalities (parameters.samenvoeging.rechtsvoorgangers)
		"testdata/mixed.csv:12: nis: NIS code 23027 appears more than once in the register (also in testdata/mixed.csv:13); none of those rows is drafted\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	m, err := batch.ReadManifest(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Items[6].Error; got != "testdata/mixed.csv:8:53: inwoners: abc is not a whole number" {
		t.Errorf("manifest error in the user's language: %q", got)
	}
}

func TestCLIBatchJSON(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := ovk(t, "batch", "--ontwerp", "--register", "testdata/mixed.csv", "--out", out, "--json")
	if code != cli.ExitInput || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 14 {
		t.Fatalf("%d lines, want 13 items and a summary", len(lines))
	}
	seen := map[string]int{}
	for _, l := range lines[:13] {
		var it batch.Item
		if err := json.Unmarshal([]byte(l), &it); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		seen[string(it.Status)]++
	}
	if want := map[string]int{"ok": 2, "not-served": 2, "merged": 1, "failed": 8}; fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", seen, want)
	}
	var sum struct {
		Summary  batch.Counts
		Release  string
		Manifest string
		Complete bool
	}
	if err := json.Unmarshal([]byte(lines[13]), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Summary.Total != 13 || sum.Summary.Failed != 8 || sum.Release != "2026.1" || !sum.Complete ||
		sum.Manifest != filepath.Join(out, "manifest.json") {
		t.Errorf("summary %+v", sum)
	}
}

func TestCLIBatchRefusals(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	noProvince := filepath.Join(dir, "reg.csv")
	os.WriteFile(noProvince, []byte("nis,naam\n23060,Opwijk\n"), 0o644)
	out := filepath.Join(dir, "out")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--release", "2099.1"}, "unknown release 2099.1; available: 2020.1, 2025.1, 2026.1"},
		{[]string{"--out", filepath.Join(file, "out")}, "cannot write in the output folder " + filepath.Join(file, "out") + ": "},
		{[]string{"--register", noProvince}, noProvince + ":1: column(s) provincie missing in the header row; required are nis, naam, provincie"},
		{[]string{"--register", filepath.Join(dir, "nope.csv")}, filepath.Join(dir, "nope.csv")},
		{[]string{"--register", ""}, "give the register with --register"},
	} {
		args := append([]string{"batch", "--ontwerp", "--lang", "en", "--register", "testdata/mixed.csv", "--out", out}, tc.args...)
		code, stdout, stderr := ovk(t, args...)
		if code != cli.ExitInput || !strings.Contains(stderr, tc.want) || stdout != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, stdout, stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: created the output folder", tc.args)
		}
	}
}

func TestCLIImpact(t *testing.T) {
	code, stdout, stderr := ovk(t, "impact", "--lang", "en", "--from", "2020.1", "--to", "2025.1", "--register", "testdata/impact.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Impact of release 2020.1 → 2025.1 on testdata/impact.csv (5 municipalities)\n",
		"inburgeringsplicht           v1 → v2  1      0        1        0              0      0             0           2\n",
		"overgangsbepaling            v1 → –   0      2        0        0              0      0             0           2\n",
		"(recitals)                            0      0        2        0              0      0             0           2\n",
		"23060  Opwijk        ok (16 art.)  ok (16 art.)                         8      ~definities ~verbintenissen_agii =contactpersonen ~gegevensuitwisseling +inburgeringsplicht >verwerking_persoonsgegevens -overgangsbepaling ~(recitals)\n",
		"24062  Leuven        ok (17 art.)  ok (16 art.)                         8      ~definities ~verbintenissen_agii vcontactpersonen ~gegevensuitwisseling ~inburgeringsplicht >verwerking_persoonsgegevens -overgangsbepaling ~(recitals)\n",
		"73083  Tongeren      ok (17 art.)  merged into 73111 Tongeren-Borgloon  0      no agreement any more\n",
		"11002  Antwerpen     not served    not served                           0      unchanged\n",
		"31005  Brugge        error         error                                0      error in the register or profile (see --detail)\n",
		"3 of 5 municipalities are affected (a changed agreement or another status), 2 are not; 1 with an error in the register or profile.\nStatus changes:\n  ok → merged: 1 municipality\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	_, detail, _ := ovk(t, "impact", "--lang", "en", "--from", "2020.1", "--to", "2025.1", "--register", "testdata/impact.csv", "--detail")
	if want := "  + inburgeringsplicht: mandatory; in 2020.1: condition inburgeraars_per_jaar > 0 is false (inburgeraars_per_jaar = 0)\n"; !strings.Contains(detail, want) {
		t.Errorf("--detail lacks %q:\n%s", want, detail)
	}
	code, stdout, _ = ovk(t, "impact", "--from", "2020.1", "--to", "2025.1", "--register", "testdata/impact.csv", "--json")
	var im compare.ImpactReport
	if err := json.Unmarshal([]byte(stdout), &im); code != 0 || err != nil || im.To != "2025.1" || len(im.Municipalities) != 5 {
		t.Errorf("--json: exit %d, %v, %+v", code, err, im.Totals)
	}
	if code, _, stderr := ovk(t, "impact", "--lang", "en", "--from", "1999.1", "--register", "testdata/impact.csv"); code != cli.ExitInput || !strings.Contains(stderr, "unknown release 1999.1") {
		t.Errorf("unknown release: exit %d, %q", code, stderr)
	}
}

// buildOVK builds the ovk binary into a temporary folder.
func buildOVK(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "ovk")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/ovk")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// syntheticRegister writes a register of n municipalities with made-up
// figures (see testMunicipality) plus Antwerpen and Gent.
func syntheticRegister(t *testing.T, dir string, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("nis,naam,provincie,adres,inwoners,inburgeraars_per_jaar,ocmw.zetel,overeenkomst.ocmw_raadsbesluit,ondertekenaars.voorzitter.naam\n")
	b.WriteString("11002,Antwerpen,Antwerpen,\"Grote Markt 1, 2000 Antwerpen\",545000,3000,,,\n")
	for i := 0; i < n; i++ {
		g := testlib.Municipality(t, i)
		fmt.Fprintf(&b, "%s,%s,%s,\"Dorpsplein %d, %s\",%d,%d,\"Dorpsplein %[4]d, %[5]s\",2025-12-15,Voorzitter %[2]s\n", g.NIS, g.Name, g.Province, i+1, g.NIS, 5000+i*1733, i%7*10)
	}
	b.WriteString("44021,Gent,Oost-Vlaanderen,\"Botermarkt 1, 9000 Gent\",265000,2500,,,\n")
	path := filepath.Join(dir, "register.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKillNineThenRerun kills the batch (the real binary) at several moments
// with SIGKILL and checks after each that only whole PDFs and a consistent
// manifest are left; a rerun then completes, and a further rerun drafts
// nothing.
func TestKillNineThenRerun(t *testing.T) {
	bin := buildOVK(t)
	dir := t.TempDir()
	const n = 40
	reg := syntheticRegister(t, dir, n)
	out := filepath.Join(dir, "out")
	listed := 0
	for round, after := range []int{1, 8, 20} {
		args := []string{"batch", "--ontwerp", "--register", reg, "--out", out, "--json"}
		if round > 0 {
			args = append(args, "--force") // overwrite existing PDFs while being killed
		}
		cmd := exec.Command(bin, args...)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		drafted := 0
		sc := bufio.NewScanner(stdout)
		for drafted < after && sc.Scan() {
			if strings.Contains(sc.Text(), `"action":"drafted"`) {
				drafted++
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() {
		}
		err = cmd.Wait()
		if drafted < after {
			t.Fatalf("round %d: the batch ended before %d agreements (%v)", round, after, err)
		}
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
			t.Logf("round %d: the batch finished before the kill (%v)", round, err)
		}
		listed = checkWhole(t, out)
		t.Logf("round %d: killed after %d drafted; the manifest lists %d agreements", round, drafted, listed)
	}

	code, stdout, stderr := run(t, bin, "batch", "--ontwerp", "--register", reg, "--out", out, "--json")
	if code != 0 {
		t.Fatalf("rerun: exit %d\n%s", code, stderr)
	}
	var sum struct{ Summary batch.Counts }
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	json.Unmarshal([]byte(lines[len(lines)-1]), &sum)
	// what the manifest listed after the kill is reused, the rest redrafted
	if c := sum.Summary; c.OK != n || c.NotServed != 2 || c.Failed != 0 || c.Unchanged != listed || c.Drafted != n-listed {
		t.Errorf("rerun summary %+v after a kill that left %d listed", c, listed)
	}
	m, err := batch.ReadManifest(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || m.Counts.OK != n || len(m.Items) != n+2 {
		t.Errorf("final manifest: complete %v, counts %+v", m.Complete, m.Counts)
	}
	if listed := checkWhole(t, out); listed != n {
		t.Errorf("the final manifest lists %d agreements, want %d", listed, n)
	}
	if names, _ := filepath.Glob(filepath.Join(out, ".*.tmp")); len(names) > 0 {
		t.Errorf("temporary files left after the rerun: %v", names)
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		for _, f := range pdfs {
			if out, err := exec.Command(qpdf, "--check", f).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", f, err, out)
			}
		}
		if len(pdfs) != n {
			t.Errorf("%d PDFs, want %d", len(pdfs), n)
		}
	} else {
		t.Log("qpdf is not installed: PDFs checked with ovk's own reader only")
	}

	code, stdout, _ = run(t, bin, "batch", "--ontwerp", "--register", reg, "--out", out, "--json")
	lines = strings.Split(strings.TrimSpace(stdout), "\n")
	json.Unmarshal([]byte(lines[len(lines)-1]), &sum)
	if code != 0 || sum.Summary.Drafted != 0 || sum.Summary.Unchanged != n {
		t.Errorf("unchanged rerun: exit %d, %+v", code, sum.Summary)
	}
}

// checkWhole checks the output folder after a kill: the manifest is whole
// JSON, every agreement it lists has the recorded SHA-256, and every PDF
// in the folder is a whole ovk PDF. It returns the agreements listed.
func checkWhole(t *testing.T, out string) int {
	t.Helper()
	m, err := batch.ReadManifest(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatalf("manifest after kill: %v", err)
	}
	listed := 0
	for _, it := range m.Items {
		if it.Status != batch.OK {
			continue
		}
		listed++
		data, err := os.ReadFile(filepath.Join(out, it.File))
		if err != nil {
			t.Errorf("%s: in the manifest, not on disk: %v", it.File, err)
			continue
		}
		if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != it.SHA256 {
			t.Errorf("%s: SHA-256 differs from the manifest", it.File)
		}
	}
	pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
	for _, f := range pdfs {
		data, _ := os.ReadFile(f)
		if _, err := pdf.ReadManifest(bytes.NewReader(data), int64(len(data))); err != nil {
			t.Errorf("%s is not whole: %v", f, err)
		}
	}
	return listed
}

func run(t *testing.T, bin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), stdout.String(), stderr.String()
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, stdout.String(), stderr.String()
}

func TestCLIMergedWithoutSuccessor(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "reg.csv")
	os.WriteFile(reg, []byte("nis,naam,provincie,adres,inwoners\n73009,Borgloon,Limburg,\"Markt 1, 3840 Borgloon\",11000\n"), 0o644)
	code, stdout, stderr := ovk(t, "batch", "--ontwerp", "--lang", "en", "--register", reg, "--out", filepath.Join(dir, "out"))
	want := "73009 Borgloon: no longer exists, merged into 73111 Tongeren-Borgloon; not drafted. 73111 Tongeren-Borgloon is not in the register: add a row to draft its agreement\n"
	if code != 0 || !strings.HasPrefix(stdout, want) {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
