// Package register owns the municipality register: the list of
// municipalities whose agreements a batch drafts. A register is a CSV file
// (one row per municipality: nis, naam, provincie and the profile keys that
// differ per municipality, completed by a base profile) or a folder of
// profile TOML files. Loading turns every row into a checked profile, or
// into a failed entry whose problems name the file, row and column; one bad
// row never stops the others.
package register

import (
	"bytes"
	_ "embed"
	"fmt"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/profile"
)

// DefaultBase is the base profile used when a CSV register is given without
// one: the values every municipality shares (period, AgII's signatory and
// contact, placeholders for the local signatories).
//
//go:embed base.toml
var DefaultBase []byte

// DefaultBaseName names the embedded base profile in problems.
const DefaultBaseName = "(standaard-basisprofiel)"

// Register is a loaded register: one entry per row or file, in order.
type Register struct {
	// Name is the register as the user gave it (a CSV file or a folder).
	Name string
	// Base names the base profile of a CSV register ("" for a folder).
	Base    string
	Entries []*Entry
	// Warnings are problems that did not stop loading (the register, its
	// base profile or a profile of a folder was read as Windows-1252).
	Warnings diag.List
}

// Entry is one municipality of the register. Exactly one of Profile and Err
// is set.
type Entry struct {
	// Source names the row or file: "register.csv:17" or "profielen/23060-opwijk.toml".
	Source string
	// NIS and Name are the municipality as far as known, also for a failed entry.
	NIS, Name string
	Profile   *profile.Profile
	// Err is a diag.List naming the file, row and column of every problem.
	Err error
}

// Load reads the register at path: a folder (every *.toml in it is a
// profile) or a CSV file completed by the base profile in basePath (""
// for DefaultBase). It returns an error only when the register as a whole
// cannot be used (unreadable, no or a broken header, a broken base
// profile); problems of single rows are in their entries.
func Load(path, basePath string) (*Register, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	var reg *Register
	if st.IsDir() {
		if basePath != "" {
			return nil, diag.List{{File: basePath, ID: "err.register.base_with_folder", Args: diag.A("register", path)}}
		}
		reg, err = LoadFolder(path)
	} else {
		base := Base{Name: DefaultBaseName, Src: DefaultBase}
		if basePath != "" {
			src, err := fsutil.ReadFile(basePath, limits.Get().ProfileBytes)
			if err != nil {
				return nil, err
			}
			base = Base{Name: basePath, Src: src}
		}
		var src []byte
		if src, err = fsutil.ReadFile(path, limits.Get().RegisterBytes); err != nil {
			return nil, err
		}
		reg, err = ReadCSV(path, bytes.NewReader(src), base)
	}
	if err != nil {
		return nil, err
	}
	return reg, nil
}

// LoadFolder reads every *.toml file of dir as a profile, in name order.
func LoadFolder(dir string) (*Register, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, diag.List{{File: dir, ID: "err.register.empty_folder"}}
	}
	if lim := limits.Get().Rows; len(files) > lim {
		return nil, diag.List{{File: dir, ID: "err.bound.rows", Args: diag.A("limit", lim)}}
	}
	sort.Strings(files)
	reg := &Register{Name: dir}
	for _, file := range files {
		e := &Entry{Source: file}
		src, err := fsutil.ReadFile(file, limits.Get().ProfileBytes)
		if err != nil {
			e.Err = err
		} else if p, err := profile.Parse(file, src); err != nil {
			e.Err = err
		} else {
			e.Profile = p
			e.NIS, e.Name = p.Municipality.NIS, p.Municipality.Name
			reg.Warnings = append(reg.Warnings, p.Warnings...)
		}
		reg.Entries = append(reg.Entries, e)
	}
	reg.markDuplicates()
	return reg, nil
}

// markDuplicates fails every entry whose NIS code occurs more than once:
// which of them is right cannot be known, so none is drafted.
func (r *Register) markDuplicates() {
	byNIS := map[string][]*Entry{}
	for _, e := range r.Entries {
		if e.NIS != "" {
			byNIS[e.NIS] = append(byNIS[e.NIS], e)
		}
	}
	for nis, es := range byNIS {
		if len(es) < 2 {
			continue
		}
		for i, e := range es {
			file, line := splitSource(e.Source)
			p := diag.Problem{File: file, Line: line, Key: "nis", ID: "err.register.duplicate_nis",
				Args: diag.A("nis", nis, "others", otherSources(es, i))}
			var list diag.List
			if l, ok := e.Err.(diag.List); ok {
				list = append(list, l...)
			}
			list.Add(p)
			e.Err, e.Profile = list.Err(), nil
		}
	}
}

// shownDuplicates bounds the other rows a duplicate NIS code names, so that
// the problems of k rows with one code take linear room, not k².
const shownDuplicates = 3

// otherSources names the rows of es other than the i-th: at most
// shownDuplicates, then how many there are in all.
func otherSources(es []*Entry, i int) string {
	var b strings.Builder
	shown := 0
	for j, o := range es {
		if j == i {
			continue
		}
		if shown == shownDuplicates {
			fmt.Fprintf(&b, ", … (%d)", len(es)-1)
			break
		}
		if shown > 0 {
			b.WriteString(", ")
		}
		b.WriteString(o.Source)
		shown++
	}
	return b.String()
}

// splitSource splits "file:line" back into its parts.
func splitSource(s string) (string, int) {
	if i := strings.LastIndexByte(s, ':'); i > 0 {
		var n int
		if _, err := fmt.Sscanf(s[i+1:], "%d", &n); err == nil && n > 0 {
			return s[:i], n
		}
	}
	return s, 0
}

// Profiles returns the loaded profiles, skipping failed entries.
func (r *Register) Profiles() []*profile.Profile {
	var out []*profile.Profile
	for _, e := range r.Entries {
		if e.Profile != nil {
			out = append(out, e.Profile)
		}
	}
	return out
}
