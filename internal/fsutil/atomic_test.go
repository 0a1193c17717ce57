package fsutil

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	if err := WriteFile(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "two" {
		t.Fatalf("got %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestWriteFileUnwritableLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(filepath.Join(dir, "missing", "a.pdf"), []byte("x"), 0o644); err == nil {
		t.Fatal("want an error for a folder that does not exist")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestWriteFileNoSyncThenSyncFiles(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, n := range []string{"a.pdf", "b.pdf", "a.pdf"} {
		if err := WriteFileNoSync(filepath.Join(dir, n), []byte(n+"!"), 0o640); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	for _, sync := range []func(string, []string) error{SyncFiles, syncEach} {
		if err := sync(dir, names); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("want a.pdf and b.pdf only, got %v", entries)
	}
	for _, n := range []string{"a.pdf", "b.pdf"} {
		got, _ := os.ReadFile(filepath.Join(dir, n))
		st, _ := os.Stat(filepath.Join(dir, n))
		if string(got) != n+"!" || st.Mode().Perm() != 0o640 {
			t.Errorf("%s: %q, mode %v", n, got, st.Mode().Perm())
		}
	}
	if err := syncEach(dir, []string{"missing.pdf"}); err == nil {
		t.Error("syncing a file that was never written: want an error")
	}
}
