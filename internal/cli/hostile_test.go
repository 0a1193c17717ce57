package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
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

// Budgets of every hostile case (times raceFactor under the race
// detector): far above what a refusal costs, far
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
				t.Errorf("stderr lacks %q:\n%s", tc.want, errs[:min(len(errs), 2000)])
			}
			if budget := hostileTime * raceFactor; took > budget {
				t.Errorf("took %v, budget %v", took, budget)
			}
			if budget := uint64(hostileAlloc * raceFactor); grew > budget {
				t.Errorf("allocated %d MiB, budget %d MiB", grew>>20, budget>>20)
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

func readOpwijk(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(opwijk)
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// hostileProfile writes the Opwijk profile edited by edit to dir and drafts it.
func hostileProfile(edit func(string) string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		p := writeFile(t, dir, "p.toml", edit(readOpwijk(t)))
		return []string{"draft", p, "-o", filepath.Join(dir, "o.pdf")}
	}
}

// hostileRegister writes the CSV that build returns to dir and runs a batch on it.
func hostileRegister(build func() string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		p := writeFile(t, dir, "r.csv", build())
		return []string{"--release", "2025.1", "batch", "--register", p, "--out", filepath.Join(dir, "out")}
	}
}

const registerHeader = "nis,naam,provincie,adres,inwoners\n"

// TestHostileBounds: the inputs of the attack review (F1, F2, F6) that
// took gigabytes and minutes are refused by their bounds, each naming the
// bound and where it was exceeded.
func TestHostileBounds(t *testing.T) {
	deep := func(open, close string, n int) string { return strings.Repeat(open, n) + strings.Repeat(close, n) }
	runHostile(t, []hostileCase{
		{"arrays 100,000 deep", hostileProfile(func(s string) string {
			return s + "\n[parameters.x]\ny = " + deep("[", "]", 100000) + "\n"
		}), ExitInput, "more than 32 levels deep here"},
		{"inline tables 20,000 deep", hostileProfile(func(s string) string {
			return s + "\n[parameters.x]\ny = " + strings.Repeat("{a=", 20000) + "1" + strings.Repeat("}", 20000) + "\n"
		}), ExitInput, "more than 32 levels deep here"},
		{"brackets in strings and comments do not count", hostileProfile(func(s string) string {
			return s + "\n# " + strings.Repeat("[", 100) + "\n[parameters.x]\ny = \"" + strings.Repeat("[{", 100) + "\"\nz = '''\n" + strings.Repeat("{", 100) + "'''\n"
		}), ExitInput, "there is no clause x"},
		{"name of 500,000 characters", hostileProfile(func(s string) string {
			return strings.Replace(s, `naam      = "Opwijk"`, `naam      = "`+strings.Repeat("a", 500000)+`"`, 1)
		}), ExitInput, "gemeente.naam: the text is 500000 characters long, more than the bound of 200"},
		{"address of 900,000 characters", hostileProfile(func(s string) string {
			return strings.Replace(s, `adres     = "Ringlaan 20, 1745 Opwijk"`, `adres     = "`+strings.Repeat("ab ", 300000)+`"`, 1)
		}), ExitInput, "gemeente.adres: the text is 900000 characters long, more than the bound of 4000"},
		{"a list of 100,000 items", hostileProfile(func(s string) string {
			return s + "\n[parameters.x]\ny = [" + strings.Repeat("1,", 100000) + "]\n"
		}), ExitInput, "parameters.x.y: 100000 items, more than the bound of 1000"},
		{"100,000 goals", hostileProfile(func(s string) string {
			return strings.Replace(s, "doelstellingen = [", "doelstellingen = ["+strings.Repeat(`"g",`, 100000), 1)
		}), ExitInput, "100004 goals, more than the bound of 100"},
		{"register: 2,000 rows of one NIS code", hostileRegister(func() string {
			return registerHeader + strings.Repeat("23060,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000\n", 2000)
		}), ExitInput, "… (1999)); none of those rows is drafted"},
		{"register: 6,000 distinct rows", hostileRegister(func() string {
			var b strings.Builder
			b.WriteString(registerHeader)
			for i := range 6000 {
				b.WriteString("1" + strconv.Itoa(1000+i) + ",X,Antwerpen,x,1\n")
			}
			return b.String()
		}), ExitInput, "more than 5000 rows (the bound)"},
		{"register: a column of 100,000 dotted parts", hostileRegister(func() string {
			return "nis,naam,provincie,adres,inwoners,parameters." + strings.Repeat("a.", 99999) + "a\n23060,Opwijk,Vlaams-Brabant,x,1,v\n"
		}), ExitInput, "a column name is 200010 bytes long, more than the bound of 16000"},
		{"register: a column of 20 dotted parts", hostileRegister(func() string {
			return "nis,naam,provincie,adres,inwoners,parameters." + strings.Repeat("a.", 18) + "a\n23060,Opwijk,Vlaams-Brabant,x,1,v\n"
		}), ExitInput, "the name has 20 parts, more than the bound of 8"},
		{"register: 100,000 columns", hostileRegister(func() string {
			return "nis,naam,provincie,adres,inwoners" + strings.Repeat(",parameters.x.c", 100000) + "\n"
		}), ExitInput, "100005 columns, more than the bound of 500"},
		{"register: a cell of 1 MB", hostileRegister(func() string {
			return registerHeader + "23060," + strings.Repeat("a", 1<<20) + ",Vlaams-Brabant,x,1\n"
		}), ExitInput, "column naam: the cell is 1048576 bytes, more than the bound of 16000"},
	})
}

// clauseText builds a library whose voorwerp clause (2025.1) has the text
// src and lints it.
func clauseText(src string) func(t *testing.T, dir string) []string {
	return func(t *testing.T, dir string) []string {
		lib := library(t, dir, func(lib string) {
			p := filepath.Join(lib, "2025.1", "voorwerp.toml")
			old, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			s := string(old)
			i := strings.Index(s, "tekst = '''")
			j := strings.Index(s[i+11:], "'''")
			s = s[:i] + "tekst = '''" + src + s[i+11+j:]
			if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		})
		return []string{"lint", "--library", lib}
	}
}

// TestHostileTemplates: clause texts that ran forever, filled the memory
// or overflowed the parser's stack (the attack review's F4) are refused by
// lint, statically.
func TestHostileTemplates(t *testing.T) {
	laughs := ""
	for i := 1; i <= 40; i++ {
		laughs += fmt.Sprintf(`{{define "t%d"}}{{template "t%d"}}{{template "t%d"}}{{end}}`, i, i-1, i-1)
	}
	runHostile(t, []hostileCase{
		{"range over 1,000,000,000", clauseText("§ {{range 1000000000}}x {{end}}"), ExitInput, "{{range 1000000000}} repeats a literal count"},
		{"three nested ranges of 2,000", clauseText("§ {{range 2000}}{{range 2000}}{{range 2000}}ab {{end}}{{end}}{{end}}"), ExitInput, "repeats a literal count"},
		{"a template calling itself", clauseText(`§ {{define "r"}}x{{template "r"}}{{end}}{{template "r"}}`), ExitInput, `template "r" calls itself`},
		{"40 self-doubling templates", clauseText(`§ {{define "t0"}}ha{{end}}` + laughs + `{{template "t40"}}`), ExitInput, "more than 1000 template calls"},
		{"50,000 nested ifs", clauseText("§ " + strings.Repeat("{{if true}}", 50000) + "x" + strings.Repeat("{{end}}", 50000)), ExitInput, "nest more than 100 deep"},
		{"1,000,000 nested ifs (18 MB)", clauseText("§ " + strings.Repeat("{{if true}}", 1000000) + "x" + strings.Repeat("{{end}}", 1000000)), ExitInput, "voorwerp.toml: 18000319 bytes, more than the 1048576 allowed"},
	})
}

// TestInvisibleCharacters: every invisible or bidi control character the
// attack review swept (F8) is refused in a name, with its code point.
func TestInvisibleCharacters(t *testing.T) {
	var cases []hostileCase
	for _, r := range []rune{0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0x00AD, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2069, 0xFEFF, 0x061C} {
		code := fmt.Sprintf("U+%04X", r)
		cases = append(cases, hostileCase{"name with " + code, hostileProfile(func(s string) string {
			return strings.Replace(s, `naam      = "Opwijk"`, `naam      = "Op`+string(r)+`wijk"`, 1)
		}), ExitInput, "gemeente.naam: the character " + code})
	}
	cases = append(cases, hostileCase{"parameter text with U+202E", hostileProfile(func(s string) string {
		return s + "\n[parameters.x]\ny = \"a\u202eb\"\n"
	}), ExitInput, "parameters.x.y: the character U+202E (RIGHT-TO-LEFT OVERRIDE)"})
	runHostile(t, cases)
}
