package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/register"
)

const mixed = "testdata/mixed.csv"

func openRelease(t *testing.T, name string) *draft.Drafter {
	t.Helper()
	d, err := draft.OpenEmbedded(name)
	if err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	return d
}

func loadRegister(t *testing.T, path string) *register.Register {
	t.Helper()
	reg, err := register.Load(path, "")
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return reg
}

func runOnce(t *testing.T, d *draft.Drafter, reg *register.Register, out string, force bool) *Manifest {
	t.Helper()
	m, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Force: force})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return m
}

// outcome is what a test expects of one manifest item.
type outcome struct {
	nis, status, file, mergedInto, err string
}

func outcomes(m *Manifest) []outcome {
	var out []outcome
	for _, it := range m.Items {
		out = append(out, outcome{it.NIS, string(it.Status), it.File, it.MergedInto, it.Error})
	}
	return out
}

// TestMixedRegister drafts a register mixing valid, not-served, merged and
// invalid municipalities: every valid one is drafted, every other one is
// reported with the row and column to fix.
func TestMixedRegister(t *testing.T) {
	out := t.TempDir()
	m := runOnce(t, openRelease(t, "2025.1"), loadRegister(t, mixed), out, false)
	want := []outcome{
		{"23060", "ok", "23060-opwijk.pdf", "", ""},
		{"24062", "ok", "24062-leuven.pdf", "", ""},
		{"73111", "ok", "73111-tongeren-borgloon.pdf", "", ""},
		{"11002", "not-served", "", "", "11002 Antwerpen is not served by AgII: De stad Antwerpen voert het integratie- en inburgeringsbeleid op haar grondgebied zelf uit; het AgII bedient haar niet."},
		{"44021", "not-served", "", "", "44021 Gent is not served by AgII: De stad Gent voert het integratie- en inburgeringsbeleid op haar grondgebied zelf uit; het AgII bedient haar niet."},
		{"73083", "merged", "", "73111 Tongeren-Borgloon", "73083 Tongeren no longer exists since 1 januari 2025: merged into 73111 Tongeren-Borgloon"},
		{"31005", "failed", "", "", "testdata/mixed.csv:8:53: inwoners: err.register.value type=int value=abc"},
		{"99999", "failed", "", "", "testdata/mixed.csv:9:1: nis: err.nis.not_flemish arr=99 nis=99999"},
		{"41002", "failed", "", "", "testdata/mixed.csv:10:13: provincie: err.nis.province got=Limburg nis=41002 want=Oost-Vlaanderen"},
		{"44087", "failed", "", "", "testdata/mixed.csv:11:86: doelstellingen: err.goal.unknown id=bestaat_niet"},
		{"23027", "failed", "", "", "testdata/mixed.csv:12: nis: err.register.duplicate_nis nis=23027 others=testdata/mixed.csv:13"},
		{"23027", "failed", "", "", "testdata/mixed.csv:13: nis: err.register.duplicate_nis nis=23027 others=testdata/mixed.csv:12"},
		{"11001", "failed", "", "", "testdata/mixed.csv:14:85: parameters.analyse_instroomcijfers.toon: err.param.unknown id=analyse_instroomcijfers name=toon"},
	}
	if got := outcomes(m); !reflect.DeepEqual(got, want) {
		t.Errorf("outcomes:\n%s", diffOutcomes(got, want))
	}
	if want := (Counts{Total: 13, OK: 3, Drafted: 3, NotServed: 2, Merged: 1, Failed: 7}); m.Counts != want {
		t.Errorf("counts %+v, want %+v", m.Counts, want)
	}
	if !m.Complete || m.Release != "2025.1" || m.Library != "agii-ovk" || m.Tool != draft.Version || m.Register != mixed {
		t.Errorf("header %+v", m)
	}
	for _, it := range m.Items {
		if it.Status != OK {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, it.File))
		if err != nil {
			t.Fatal(err)
		}
		if it.SHA256 != sha(data) || it.Action != Drafted || it.Release != "2025.1" || len(it.Key) != 64 {
			t.Errorf("%s: %+v", it.NIS, it)
		}
		pm, err := pdf.ReadManifest(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatalf("%s: %v", it.File, err)
		}
		var set []string
		for _, c := range pm.Clauses {
			set = append(set, c.ID+"@"+itoa(c.Version))
		}
		if !reflect.DeepEqual(set, it.Clauses) || pm.LibraryVersion != "2025.1" || pm.Municipality.NIS != it.NIS {
			t.Errorf("%s: the manifest's clause set %v differs from the PDF's %v", it.File, it.Clauses, set)
		}
	}
	if !contains(m.Items[2].Clauses, "samenvoeging@1") || contains(m.Items[0].Clauses, "samenvoeging@1") {
		t.Errorf("samenvoeging: Tongeren-Borgloon %v, Opwijk %v", m.Items[2].Clauses, m.Items[0].Clauses)
	}
	files := listDir(t, out)
	if want := []string{"23060-opwijk.pdf", "24062-leuven.pdf", "73111-tongeren-borgloon.pdf", "manifest.csv", "manifest.json"}; !reflect.DeepEqual(files, want) {
		t.Errorf("output folder holds %v, want %v", files, want)
	}
}

// TestManifestFiles checks that manifest.json is the returned manifest and
// manifest.csv has one row per item with the same fields.
func TestManifestFiles(t *testing.T) {
	out := t.TempDir()
	m := runOnce(t, openRelease(t, "2025.1"), loadRegister(t, mixed), out, false)
	onDisk, err := ReadManifest(filepath.Join(out, ManifestJSON))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(strip(onDisk), strip(m)) {
		t.Error("manifest.json differs from the returned manifest")
	}
	f, err := os.Open(filepath.Join(out, ManifestCSV))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rows[0], CSVHeader) || len(rows) != len(m.Items)+1 {
		t.Fatalf("csv header %v, %d rows", rows[0], len(rows))
	}
	op := m.Items[0]
	want := []string{"23060", "Opwijk", "ok", "drafted", "23060-opwijk.pdf", op.SHA256, "agii-ovk", "2025.1",
		strings.Join(op.Clauses, " "), "", "", "testdata/mixed.csv:2", op.Key}
	if !reflect.DeepEqual(rows[1], want) {
		t.Errorf("csv row\n%q\nwant\n%q", rows[1], want)
	}
	if rows[6][2] != "merged" || rows[6][9] != "73111 Tongeren-Borgloon" {
		t.Errorf("merged row %q", rows[6])
	}
}

// TestUnchangedRerunDraftsNothing: a second run with the same inputs
// leaves every file alone and writes the same manifest.
func TestUnchangedRerunDraftsNothing(t *testing.T) {
	out := t.TempDir()
	d, reg := openRelease(t, "2025.1"), loadRegister(t, mixed)
	first := runOnce(t, d, reg, out, false)
	before := modTimes(t, out)
	second := runOnce(t, d, reg, out, false)
	if c := second.Counts; c.Drafted != 0 || c.Unchanged != 3 || c.OK != 3 {
		t.Errorf("rerun counts %+v", c)
	}
	after := modTimes(t, out)
	for name, mt := range before {
		if strings.HasSuffix(name, ".pdf") && !after[name].Equal(mt) {
			t.Errorf("%s was rewritten", name)
		}
	}
	for i := range first.Items {
		a, b := first.Items[i], second.Items[i]
		if a.Action == Drafted {
			if b.Action != Unchanged {
				t.Errorf("%s: action %q", b.NIS, b.Action)
			}
			a.Action = Unchanged
		}
		a.Err, b.Err = nil, nil
		if !reflect.DeepEqual(a, b) {
			t.Errorf("item %d changed:\n%+v\n%+v", i, a, b)
		}
	}
	third := runOnce(t, d, reg, out, false)
	j2, _ := second.JSON()
	j3, _ := third.JSON()
	if !bytes.Equal(j2, j3) {
		t.Error("two unchanged reruns wrote different manifests")
	}
}

// TestRerunRedraftsWhatChanged: a changed row, a missing or damaged file, a
// different release, and --force each redraft exactly what they touch.
func TestRerunRedraftsWhatChanged(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	src, err := os.ReadFile(mixed)
	if err != nil {
		t.Fatal(err)
	}
	regPath := filepath.Join(dir, "register.csv")
	write(t, regPath, string(src))
	d := openRelease(t, "2025.1")
	runOnce(t, d, loadRegister(t, regPath), out, false)

	drafted := func(m *Manifest) []string {
		var out []string
		for _, it := range m.Items {
			if it.Action == Drafted {
				out = append(out, it.NIS)
			}
		}
		return out
	}
	check := func(what string, m *Manifest, want ...string) {
		t.Helper()
		if got := drafted(m); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: drafted %v, want %v", what, got, want)
		}
		for _, it := range m.Items {
			if it.Status == OK {
				data, err := os.ReadFile(filepath.Join(out, it.File))
				if err != nil || sha(data) != it.SHA256 {
					t.Errorf("%s: %s does not match the manifest (%v)", what, it.File, err)
				}
			}
		}
	}
	write(t, regPath, strings.Replace(string(src), "1745 Opwijk\",15000", "1745 Opwijk\",15100", 1))
	check("changed row", runOnce(t, d, loadRegister(t, regPath), out, false), "23060")

	os.Remove(filepath.Join(out, "24062-leuven.pdf"))
	check("missing file", runOnce(t, d, loadRegister(t, regPath), out, false), "24062")

	os.WriteFile(filepath.Join(out, "73111-tongeren-borgloon.pdf"), []byte("%PDF-1.4 truncated"), 0o644)
	check("damaged file", runOnce(t, d, loadRegister(t, regPath), out, false), "73111")

	check("--force", runOnce(t, d, loadRegister(t, regPath), out, true), "23060", "24062", "73111")
	check("unchanged", runOnce(t, d, loadRegister(t, regPath), out, false))
	// Under 2020.1 nobody has merged yet: Tongeren is drafted, and
	// Tongeren-Borgloon, not on the 2019 map, is refused.
	check("other release", runOnce(t, openRelease(t, "2020.1"), loadRegister(t, regPath), out, false),
		"23060", "24062", "73083")
}

// TestStrayTempFilesRemoved: temporary files a killed run left are removed,
// nothing else is.
func TestStrayTempFilesRemoved(t *testing.T) {
	out := t.TempDir()
	for _, name := range []string{".23060-opwijk.pdf.123456.tmp", ".manifest.json.42.tmp", ".manifest.csv.7.tmp", "notes.txt", ".keep"} {
		write(t, filepath.Join(out, name), "x")
	}
	runOnce(t, openRelease(t, "2025.1"), loadRegister(t, mixed), out, false)
	want := []string{".keep", "23060-opwijk.pdf", "24062-leuven.pdf", "73111-tongeren-borgloon.pdf", "manifest.csv", "manifest.json", "notes.txt"}
	if got := listDir(t, out); !reflect.DeepEqual(got, want) {
		t.Errorf("output folder holds %v, want %v", got, want)
	}
}

// TestUnwritableOutput: a folder that cannot be created stops the batch
// before anything is drafted.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "file"), "x")
	out := filepath.Join(dir, "file", "out")
	m, err := Run(context.Background(), Options{Drafter: openRelease(t, "2025.1"), Register: loadRegister(t, mixed), Out: out})
	var pe *fs.PathError
	if m != nil || !errors.As(err, &pe) {
		t.Fatalf("got %v, %v", m, err)
	}
	if got := listDir(t, dir); !reflect.DeepEqual(got, []string{"file"}) {
		t.Errorf("left %v", got)
	}
}

// TestCancelledRunLeavesConsistentManifest: a batch stopped half-way has
// a manifest of what it finished, every file of which is whole, and a
// rerun completes it.
func TestCancelledRunLeavesConsistentManifest(t *testing.T) {
	const n = 30
	out := t.TempDir()
	d, reg := openRelease(t, "2025.1"), benchRegister(t, n)
	ctx, cancel := context.WithCancel(context.Background())
	m, err := Run(ctx, Options{Drafter: d, Register: reg, Out: out, Workers: 1, OnItem: func(it *Item, done, total int) {
		if it.Action == Drafted {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || m == nil || m.Complete {
		t.Fatalf("got %v, complete %v", err, m != nil && m.Complete)
	}
	if m.Counts.Drafted == 0 || m.Counts.Drafted == n {
		t.Errorf("drafted %d of %d before stopping", m.Counts.Drafted, n)
	}
	checkConsistent(t, out)
	final := runOnce(t, d, reg, out, false)
	if c := final.Counts; c.OK != n || c.Unchanged != m.Counts.Drafted || !final.Complete {
		t.Errorf("rerun counts %+v after %+v", c, m.Counts)
	}
	checkConsistent(t, out)
}

// checkConsistent checks the manifest on disk: every agreement it lists is
// a whole file with the recorded SHA-256, and no PDF is half-written.
func checkConsistent(t *testing.T, out string) {
	t.Helper()
	m, err := ReadManifest(filepath.Join(out, ManifestJSON))
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	for _, it := range m.Items {
		if it.Status != OK {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, it.File))
		if err != nil || sha(data) != it.SHA256 {
			t.Errorf("%s: listed in the manifest but not on disk as recorded (%v)", it.File, err)
		}
	}
	for _, name := range listDir(t, out) {
		if strings.HasSuffix(name, ".pdf") {
			data, _ := os.ReadFile(filepath.Join(out, name))
			if _, err := pdf.ReadManifest(bytes.NewReader(data), int64(len(data))); err != nil {
				t.Errorf("%s is not a whole ovk PDF: %v", name, err)
			}
		}
	}
}

// TestWorkersAreBounded: the pool never runs more items at once than it
// has workers, and does use them.
func TestWorkersAreBounded(t *testing.T) {
	var busy, peak atomic.Int32
	parallel(context.Background(), 3, 20, func(int) {
		n := busy.Add(1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		busy.Add(-1)
	})
	if p := peak.Load(); p > 3 || p < 2 {
		t.Errorf("peak concurrency %d with 3 workers", p)
	}
}

func strip(m *Manifest) *Manifest {
	c := *m
	c.Items = append([]Item{}, m.Items...)
	for i := range c.Items {
		c.Items[i].Err, c.Items[i].Internal = nil, false
	}
	return &c
}

func diffOutcomes(got, want []outcome) string {
	var b strings.Builder
	for i := 0; i < max(len(got), len(want)); i++ {
		var g, w outcome
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			b.WriteString("  got  " + strings.ReplaceAll(formatOutcome(g), "\n", "\\n") + "\n  want " +
				strings.ReplaceAll(formatOutcome(w), "\n", "\\n") + "\n")
		}
	}
	return b.String()
}

func formatOutcome(o outcome) string {
	return strings.Join([]string{o.nis, o.status, o.file, o.mergedInto, o.err}, " | ")
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func modTimes(t *testing.T, dir string) map[string]time.Time {
	t.Helper()
	out := map[string]time.Time{}
	for _, name := range listDir(t, dir) {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		out[name] = st.ModTime()
	}
	return out
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sha(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func itoa(n int) string { return strconv.Itoa(n) }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestFolderRegister drafts a folder of profiles: the examples, every one
// of which is a municipality that exists under 2026.1, written for it.
func TestFolderRegister(t *testing.T) {
	out := t.TempDir()
	m := runOnce(t, openRelease(t, "2026.1"), loadRegister(t, "../../examples"), out, false)
	files, _ := filepath.Glob("../../examples/*.toml")
	if m.Counts.OK != len(files) || m.Counts.Total != len(files) {
		t.Errorf("counts %+v for %d profiles", m.Counts, len(files))
	}
	for _, it := range m.Items {
		if !strings.HasPrefix(filepath.Base(it.Source), it.NIS+"-") || it.File != strings.TrimSuffix(filepath.Base(it.Source), ".toml")+".pdf" {
			t.Errorf("%s: file %s", it.Source, it.File)
		}
	}
}

// TestManifestListsOnlySyncedFiles: PDFs are written without a sync of
// their own, and every manifest written (while the batch runs and at the
// end) lists only files that a sync before it made durable.
func TestManifestListsOnlySyncedFiles(t *testing.T) {
	const n = 40
	out := t.TempDir()
	d, reg := openRelease(t, "2025.1"), benchRegister(t, n)
	synced := map[string]bool{}
	calls := 0
	checkOnDisk := func(when string) {
		m, err := ReadManifest(filepath.Join(out, ManifestJSON))
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		for _, it := range m.Items {
			if it.Status == OK && !synced[it.File] {
				t.Errorf("%s: the manifest lists %s, which no sync covered", when, it.File)
			}
		}
	}
	real := syncFiles
	t.Cleanup(func() { syncFiles = real })
	syncFiles = func(dir string, files []string) error {
		calls++ // the writer lock serialises calls
		checkOnDisk("before sync " + strconv.Itoa(calls))
		for _, f := range files {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("asked to sync %s, which is not written: %v", f, err)
			}
			synced[f] = true
		}
		return real(dir, files)
	}
	m, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Force: true, FlushEvery: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	checkOnDisk("after the run")
	if m.Counts.Drafted != n || len(synced) != n {
		t.Errorf("drafted %d, synced %d files, want %d", m.Counts.Drafted, len(synced), n)
	}
	if calls < 3 {
		t.Errorf("%d syncs: want one before the first, the intermediate and the final manifest", calls)
	}
}

// TestSyncFailureKeepsFilesOutOfManifest: when the sync fails, the batch
// reports it and the manifest on disk lists none of the files it did not
// make durable.
func TestSyncFailureKeepsFilesOutOfManifest(t *testing.T) {
	const n = 10
	out := t.TempDir()
	d, reg := openRelease(t, "2025.1"), benchRegister(t, n)
	real := syncFiles
	t.Cleanup(func() { syncFiles = real })
	broken := errors.New("disk on fire")
	syncFiles = func(dir string, files []string) error {
		if len(files) > 0 {
			return broken
		}
		return nil
	}
	_, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Force: true})
	if !errors.Is(err, broken) {
		t.Fatalf("got %v, want the sync error", err)
	}
	m, err := ReadManifest(filepath.Join(out, ManifestJSON))
	if err != nil {
		t.Fatal(err)
	}
	if m.Counts.OK != 0 {
		t.Errorf("the manifest lists %d agreements that were never synced", m.Counts.OK)
	}
}

// TestSameBytesWhateverTheWorkers: the PDFs of a batch are byte for byte
// the same on one worker and on many, from run to run, and the same as one
// agreement drafted on its own.
func TestSameBytesWhateverTheWorkers(t *testing.T) {
	const n = 12
	d, reg := openRelease(t, "2025.1"), benchRegister(t, n)
	var outs []string
	for _, workers := range []int{1, 4, 4} {
		out := t.TempDir()
		if _, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Workers: workers}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	for _, e := range reg.Entries {
		name := FileName(e.Profile)
		first, err := os.ReadFile(filepath.Join(outs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		for _, out := range outs[1:] {
			if other, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(first, other) {
				t.Errorf("%s differs between runs with 1 and 4 workers", name)
			}
		}
		res, err := d.Prepare(e.Profile)
		if err != nil {
			t.Fatal(err)
		}
		alone, err := draft.Bytes(res.Doc, draft.PDF)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, alone) {
			t.Errorf("%s differs from the same agreement drafted on its own", name)
		}
	}
}
