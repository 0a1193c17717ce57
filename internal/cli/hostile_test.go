package cli

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/agii/ovk/clauses"
)

// hostileCase is one hostile input through the command line: the
// arguments (built in the test; nothing large is committed), the exit code
// and a part of the message it must give, within a time and an allocation
// budget.
type hostileCase struct {
	name string
	// args builds the command line in dir.
	args func(t *testing.T, dir string) []string
	exit int
	want string // part of stderr
}

// Budgets of every hostile case: far above what a refusal costs, far
// below what the inputs cost before they were bounded (seconds and
// gigabytes, see docs/bounds.md).
const (
	hostileTime  = 5 * time.Second
	hostileAlloc = 256 << 20
)

// allocated is the total the heap has allocated so far: the growth of the
// heap during a case is at most its difference.
func allocated() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func runHostile(t *testing.T, cases []hostileCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			args := tc.args(t, dir)
			runtime.GC()
			before, start := allocated(), time.Now()
			code, _, errs := run(t, append([]string{"--lang", "en"}, args...)...)
			took, grew := time.Since(start), allocated()-before
			if code != tc.exit {
				t.Errorf("exit %d, want %d; stderr:\n%.2000s", code, tc.exit, errs)
			}
			if !strings.Contains(errs, tc.want) {
				t.Errorf("stderr lacks %q:\n%.2000s", tc.want, errs)
			}
			if took > hostileTime {
				t.Errorf("took %v, budget %v", took, hostileTime)
			}
			if grew > hostileAlloc {
				t.Errorf("allocated %d MiB, budget %d MiB", grew>>20, hostileAlloc>>20)
			}
		})
	}
}

func fifo(t *testing.T, path string) string {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	return path
}

// sparse makes a file of size bytes that takes no room on the disk.
func sparse(t *testing.T, path string, size int64) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteString("%PDF-1.7\n")
	if err := f.Truncate(size); err != nil {
		t.Skipf("no sparse file: %v", err)
	}
	return path
}

// library copies the embedded releases to dir/lib, with edits (a path
// under lib and its content; a nil content makes the path a FIFO).
func library(t *testing.T, dir string, edit func(lib string)) string {
	t.Helper()
	lib := filepath.Join(dir, "lib")
	err := fs.WalkDir(clauses.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(lib, p), 0o755)
		}
		src, err := fs.ReadFile(clauses.FS, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(lib, p), src, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	edit(lib)
	return lib
}

// TestHostileFiles: what is not a regular file is refused at once, from
// its stat, never read (a device never ends, a pipe blocks forever).
func TestHostileFiles(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	pdf := func(t *testing.T, dir string) string { return fifo(t, filepath.Join(dir, "a.pdf")) }
	runHostile(t, []hostileCase{
		{"profile /dev/zero", func(t *testing.T, dir string) []string {
			return []string{"draft", "/dev/zero", "-o", filepath.Join(dir, "o.pdf")}
		}, ExitInput, "/dev/zero: is a device, not a regular file"},
		{"profile FIFO", func(t *testing.T, dir string) []string {
			return []string{"draft", fifo(t, filepath.Join(dir, "p.toml")), "-o", filepath.Join(dir, "o.pdf")}
		}, ExitInput, "is a pipe (FIFO), not a regular file"},
		{"profile folder", func(t *testing.T, dir string) []string {
			os.Mkdir(filepath.Join(dir, "p.toml"), 0o755)
			return []string{"draft", filepath.Join(dir, "p.toml"), "-o", filepath.Join(dir, "o.pdf")}
		}, ExitInput, "p.toml: is a folder, not a file"},
		{"verify /dev/zero", func(t *testing.T, dir string) []string {
			return []string{"verify", "/dev/zero"}
		}, ExitInput, "/dev/zero: is a device"},
		{"verify FIFO", func(t *testing.T, dir string) []string {
			return []string{"verify", pdf(t, dir)}
		}, ExitInput, "is a pipe (FIFO)"},
		{"diff FIFO", func(t *testing.T, dir string) []string {
			return []string{"diff", pdf(t, dir), opwijk}
		}, ExitInput, "is a pipe (FIFO)"},
		{"register FIFO", func(t *testing.T, dir string) []string {
			return []string{"batch", "--register", fifo(t, filepath.Join(dir, "r.csv")), "--out", filepath.Join(dir, "out")}
		}, ExitInput, "is a pipe (FIFO)"},
		{"register /dev/zero", func(t *testing.T, dir string) []string {
			return []string{"batch", "--register", "/dev/zero", "--out", filepath.Join(dir, "out")}
		}, ExitInput, "is a device"},
		{"verify 4 GiB (sparse)", func(t *testing.T, dir string) []string {
			return []string{"verify", sparse(t, filepath.Join(dir, "big.pdf"), 4<<30)}
		}, ExitInput, "big.pdf: is 4294967296 bytes, more than the bound of 268435456 bytes"},
		{"diff 4 GiB (sparse)", func(t *testing.T, dir string) []string {
			return []string{"diff", sparse(t, filepath.Join(dir, "big.pdf"), 4<<30), opwijk}
		}, ExitInput, "more than the bound of 268435456 bytes"},
		{"profile 2 MiB (sparse)", func(t *testing.T, dir string) []string {
			return []string{"draft", sparse(t, filepath.Join(dir, "big.toml"), 2<<20), "-o", filepath.Join(dir, "o.pdf")}
		}, ExitInput, "more than the bound of 1048576 bytes"},
		{"clause file /dev/zero", func(t *testing.T, dir string) []string {
			lib := library(t, dir, func(lib string) {
				if err := os.Symlink("/dev/zero", filepath.Join(lib, "2025.1", "zero.toml")); err != nil {
					t.Fatal(err)
				}
			})
			return []string{"lint", "--library", lib}
		}, ExitInput, "zero.toml"},
		{"clause file FIFO", func(t *testing.T, dir string) []string {
			lib := library(t, dir, func(lib string) { fifo(t, filepath.Join(lib, "2025.1", "fifo.toml")) })
			return []string{"lint", "--library", lib}
		}, ExitInput, "fifo.toml"},
	})
}
