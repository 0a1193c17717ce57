package library

import (
	"bytes"
	"encoding/csv"
	"errors"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/tomlfile"
)

// Municipality is one row of a release's municipal map.
type Municipality struct {
	NIS, Name, Province string
}

// Map is a release's municipal map (indeling): the municipalities whose
// NIS codes are valid under the release.
type Map struct {
	// File names the map in problems: "clauses/2025.1/gemeenten.csv".
	File  string
	byNIS map[string]Municipality
	order []string
}

// Lookup returns the municipality with NIS code nis.
func (m *Map) Lookup(nis string) (Municipality, bool) {
	if m == nil {
		return Municipality{}, false
	}
	g, ok := m.byNIS[nis]
	return g, ok
}

// All lists the municipalities in the map's order.
func (m *Map) All() []Municipality {
	out := make([]Municipality, len(m.order))
	for i, nis := range m.order {
		out[i] = m.byNIS[nis]
	}
	return out
}

// Len is the number of municipalities on the map.
func (m *Map) Len() int { return len(m.order) }

// mapHeader is the header every municipal map starts with.
var mapHeader = []string{"nis", "naam", "provincie"}

// ParseMap reads a municipal map: UTF-8 CSV with the header nis,naam,provincie
// and one municipality per row. name is the file as problems name it. Every
// problem of the file comes back at once, with its line and column.
func ParseMap(name string, src []byte) (*Map, error) {
	var probs diag.List
	at := func(line, col int, id string, args map[string]any) {
		probs.Add(diag.Problem{File: name, Line: line, Col: col, ID: id, Args: args})
	}
	if !utf8.Valid(src) {
		line := bytes.Count(src[:firstInvalid(src)], []byte("\n")) + 1
		at(line, 0, "err.map.utf8", nil)
		return nil, probs.Err()
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1
	m := &Map{File: name, byNIS: map[string]Municipality{}}
	names := map[string]string{}
	for first := true; ; first = false {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			at(pe.Line, pe.Column, "err.map.csv", diag.A("detail", pe.Err.Error()))
			return nil, probs.Err()
		} else if err != nil {
			at(1, 0, "err.map.csv", diag.A("detail", err.Error()))
			return nil, probs.Err()
		}
		line, col := r.FieldPos(0)
		if first {
			if len(rec) != len(mapHeader) || strings.Join(rec, ",") != strings.Join(mapHeader, ",") {
				at(line, col, "err.map.header", diag.A("want", strings.Join(mapHeader, ",")))
				return nil, probs.Err()
			}
			continue
		}
		if len(rec) != len(mapHeader) {
			at(line, col, "err.map.fields", diag.A("count", len(rec)))
			continue
		}
		g := Municipality{NIS: strings.TrimSpace(rec[0]), Name: strings.TrimSpace(rec[1]), Province: strings.TrimSpace(rec[2])}
		fieldProblem := func(i int, id string, args map[string]any) {
			l, c := r.FieldPos(i)
			at(l, c, id, args)
		}
		switch {
		case !ValidNIS(g.NIS):
			fieldProblem(0, "err.nis.invalid", diag.A("nis", g.NIS))
			continue
		case m.byNIS[g.NIS] != (Municipality{}):
			fieldProblem(0, "err.map.duplicate", diag.A("nis", g.NIS))
			continue
		}
		if g.Name == "" {
			fieldProblem(1, "err.key.required", diag.A("key", "naam"))
		} else if other, dup := names[g.Name]; dup {
			fieldProblem(1, "err.map.duplicate_name", diag.A("name", g.Name, "other", other))
		}
		if g.Province == "" {
			fieldProblem(2, "err.key.required", diag.A("key", "provincie"))
		}
		names[g.Name] = g.NIS
		m.byNIS[g.NIS] = g
		m.order = append(m.order, g.NIS)
	}
	if len(m.order) == 0 && len(probs) == 0 {
		at(1, 1, "err.map.empty", nil)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return m, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// loadMap reads the release's municipal map name from fsys.
func loadMap(fsys fs.FS, dir, name string, probs *diag.List) *Map {
	display := path.Join(dir, name)
	src, err := fsutil.ReadFileFS(fsys, name, limits.Get().ClauseBytes)
	if err != nil {
		probs.Add(diag.Problem{File: display, ID: "err.file.read", Detail: err.Error()})
		return nil
	}
	m, err := ParseMap(display, src)
	var list diag.List
	if errors.As(err, &list) {
		*probs = append(*probs, list...)
	}
	return m
}

// ReadMunicipalities reads only the municipal map of the release in fsys
// (rooted at the release folder; dir names it in problems), for a
// catalogue that must say which release knows a NIS code without loading
// every release. It returns nil, nil for a release without a map.
func ReadMunicipalities(fsys fs.FS, dir string) (*Map, error) {
	src, err := fsutil.ReadFileFS(fsys, HeaderFile, limits.Get().ClauseBytes)
	if err != nil {
		return nil, err
	}
	var h struct {
		Map string `toml:"indeling"`
	}
	if err := tomlfile.Unmarshal(src, &h); err != nil || h.Map == "" || strings.ContainsAny(h.Map, "/\\") {
		return nil, err
	}
	var probs diag.List
	m := loadMap(fsys, dir, h.Map, &probs)
	return m, probs.Err()
}
