package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"github.com/agii/ovk/internal/limits"
	"io"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/textenc"
	"github.com/agii/ovk/internal/tomlfile"
)

// Base is the base profile of a CSV register: the values every row shares
// unless a cell overrides them.
type Base struct {
	Name string // used in problems
	Src  []byte
}

// Required are the columns every CSV register has.
var Required = []string{"nis", "naam", "provincie"}

var keyPartRE = regexp.MustCompile(`^[a-z0-9_]+$`)

// column is one column of a CSV register.
type column struct {
	name string // as in the header, trimmed
	key  string // profile key path: "gemeente.inwoners"
	kind profile.Kind
}

// columnKey returns the profile key a column name stands for: a key of the
// profile ("doelstellingen", "ondertekenaars.burgemeester.naam",
// "parameters.taalbeleid.vormen"), or the short name of a key of
// [gemeente] (nis, naam, inwoners…). ok is false for any other name,
// and for a table ("gemeente", "ondertekenaars.agii").
func columnKey(name string) (key string, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range strings.Split(name, ".") {
		if !keyPartRE.MatchString(p) {
			return "", false
		}
	}
	if _, ok := profile.KeyKind(name); ok {
		return name, true
	}
	if _, ok := profile.KeyKind("gemeente." + name); ok && !strings.Contains(name, ".") {
		return "gemeente." + name, true
	}
	return "", false
}

// ReadCSV reads a CSV register named name from r, completing each row with
// base. The separator is a comma, or a semicolon when the header has
// semicolons and no commas (as spreadsheets in Belgium write). A header
// row is required.
func ReadCSV(name string, r io.Reader, base Base) (*Register, error) {
	baseProfile, err := profile.ParseBase(base.Name, base.Src)
	if err != nil {
		return nil, err
	}
	lim := limits.Get()
	data, err := io.ReadAll(io.LimitReader(r, lim.RegisterBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.RegisterBytes {
		return nil, diag.List{{File: name, ID: "err.bound.file", Args: diag.A("size", ">"+strconv.FormatInt(lim.RegisterBytes, 10), "limit", lim.RegisterBytes)}}
	}
	data, warn, err := textenc.Decode(name, data, textenc.CSV)
	if err != nil {
		return nil, err
	}
	// Warnings are the register's, once, not each row's.
	warnings := append(baseProfile.Warnings, warn...)
	baseProfile.Warnings = nil
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, diag.List{{File: name, Line: 1, ID: "err.register.empty"}}
		}
		return nil, diag.List{csvProblem(name, err)}
	}
	if err := checkHeader(name, header, lim); err != nil {
		return nil, err
	}
	cols, err := readHeader(name, cr, header)
	if err != nil {
		return nil, err
	}
	if err := checkBase(name, base.Name, baseProfile, cols); err != nil {
		return nil, err
	}
	reg := &Register{Name: name, Base: base.Name, Warnings: warnings}
	type row struct {
		line      int
		rec       []string
		fieldCols []int
	}
	var rows []row // rows[k] becomes reg.Entries[k]; a nil rec is a CSV error's entry
	lines := strings.Split(string(data), "\n")
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p := csvProblem(name, err)
			reg.Entries = append(reg.Entries, &Entry{Source: source(name, p.Line), Err: diag.List{p}})
			rows = append(rows, row{})
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rows) >= lim.Rows {
			return nil, diag.List{{File: name, Line: line, ID: "err.bound.rows", Args: diag.A("limit", lim.Rows)}}
		}
		if p, ok := checkCells(name, cr, rec, header, lim); !ok {
			reg.Entries = append(reg.Entries, &Entry{Source: source(name, line), Err: diag.List{p}})
			rows = append(rows, row{})
			continue
		}
		var fieldCols []int
		if last, _ := cr.FieldPos(len(rec) - 1); last == line && line <= len(lines) {
			fieldCols = fieldColumns(lines[line-1], cr.Comma, len(rec))
		} else { // a quoted field spans lines: encoding/csv's byte columns
			fieldCols = make([]int, len(rec))
			for i := range rec {
				_, fieldCols[i] = cr.FieldPos(i)
			}
		}
		reg.Entries = append(reg.Entries, nil)
		rows = append(rows, row{line, rec, fieldCols})
	}
	// Each row's profile depends on no other row: build them on every core.
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for k := w; k < len(rows); k += workers {
				if r := rows[k]; r.rec != nil {
					reg.Entries[k] = buildRow(name, r.line, r.rec, r.fieldCols, cols, baseProfile)
				}
			}
		})
	}
	wg.Wait()
	if len(reg.Entries) == 0 {
		return nil, diag.List{{File: name, Line: 1, ID: "err.register.empty"}}
	}
	reg.markDuplicates()
	return reg, nil
}

// checkHeader refuses a header with more columns than limits.Columns, a
// column name longer than limits.Cell or with more dotted parts than
// limits.KeyDepth, before any column is looked at.
func checkHeader(name string, header []string, lim *limits.Limits) error {
	if len(header) > lim.Columns {
		return diag.List{{File: name, Line: 1, ID: "err.bound.columns", Args: diag.A("count", len(header), "limit", lim.Columns)}}
	}
	for _, h := range header {
		if len(h) > lim.Cell {
			return diag.List{{File: name, Line: 1, ID: "err.bound.column_name", Args: diag.A("count", len(h), "limit", lim.Cell)}}
		}
		if n := strings.Count(h, ".") + 1; n > lim.KeyDepth {
			column := h[:min(len(h), 40)] + "…"
			return diag.List{{File: name, Line: 1, ID: "err.bound.key_depth", Args: diag.A("column", column, "count", n, "limit", lim.KeyDepth)}}
		}
	}
	return nil
}

// checkCells refuses a row with a cell longer than limits.Cell: its
// problem names the cell.
func checkCells(name string, cr *csv.Reader, rec, header []string, lim *limits.Limits) (diag.Problem, bool) {
	for i, c := range rec {
		if len(c) > lim.Cell {
			line, col := cr.FieldPos(i)
			column := ""
			if i < len(header) {
				column = strings.TrimSpace(header[i])
			}
			return diag.Problem{File: name, Line: line, Col: col, Key: column, ID: "err.bound.cell",
				Args: diag.A("column", column, "count", len(c), "limit", lim.Cell)}, false
		}
	}
	return diag.Problem{}, true
}

// fieldColumns returns the 1-based column (in characters) where each of
// the first n fields of a one-line CSV record starts.
func fieldColumns(line string, sep rune, n int) []int {
	cols := make([]int, 0, n)
	rs := []rune(strings.TrimRight(line, "\r"))
	for i := 0; i < len(rs) && len(cols) < n; {
		for i < len(rs) && (rs[i] == ' ' || rs[i] == '\t') {
			i++
		}
		cols = append(cols, i+1)
		if i < len(rs) && rs[i] == '"' {
			for i++; i < len(rs); i++ {
				if rs[i] == '"' {
					if i+1 < len(rs) && rs[i+1] == '"' {
						i++
						continue
					}
					i++
					break
				}
			}
		}
		for i < len(rs) && rs[i] != sep {
			i++
		}
		i++ // the separator
		if i == len(rs) && len(cols) < n {
			cols = append(cols, i+1) // an empty last field
		}
	}
	for len(cols) < n {
		cols = append(cols, 0)
	}
	return cols
}

func source(name string, line int) string { return name + ":" + strconv.Itoa(line) }

func separator(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.IndexByte(first, ';') >= 0 && bytes.IndexByte(first, ',') < 0 {
		return ';'
	}
	return ','
}

func csvProblem(name string, err error) diag.Problem {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Problem{File: name, Line: pe.Line, Col: pe.Column, ID: "err.register.csv", Detail: pe.Err.Error()}
	}
	return diag.Problem{File: name, ID: "err.register.csv", Detail: err.Error()}
}

func readHeader(name string, cr *csv.Reader, header []string) ([]column, error) {
	var probs diag.List
	var cols []column
	seen := map[string]int{}
	for i, h := range header {
		line, col := cr.FieldPos(i)
		h = strings.TrimSpace(h)
		key, ok := columnKey(h)
		if !ok {
			probs.Add(diag.Problem{File: name, Line: line, Col: col, ID: "err.register.column_unknown", Args: diag.A("column", h)})
			continue
		}
		if j, dup := seen[key]; dup {
			probs.Add(diag.Problem{File: name, Line: line, Col: col, ID: "err.register.column_duplicate",
				Args: diag.A("column", h, "other", header[j])})
			continue
		}
		seen[key] = i
		kind, _ := profile.KeyKind(key)
		cols = append(cols, column{name: h, key: key, kind: kind})
	}
	var missing []string
	for _, req := range Required {
		if _, ok := seen["gemeente."+req]; !ok {
			missing = append(missing, req)
		}
	}
	if len(missing) > 0 {
		probs.Add(diag.Problem{File: name, Line: 1, ID: "err.register.columns_missing",
			Args: diag.A("missing", strings.Join(missing, ", "), "required", strings.Join(Required, ", "))})
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	// keep cols indexed like the header: an empty key marks a dropped column
	out := make([]column, len(header))
	for _, c := range cols {
		out[seen[c.key]] = c
	}
	return out, nil
}

// checkBase reports keys that a profile requires but that neither the base
// profile nor a column gives: every row would fail on them, so the
// register is refused as a whole, naming the missing columns.
func checkBase(name, baseName string, base *profile.Profile, cols []column) error {
	sample := map[string]string{"nis": "23060", "naam": "Opwijk", "provincie": "Vlaams-Brabant"}
	fields := map[string]profile.Value{}
	for k, v := range sample {
		fields["gemeente."+k] = profile.Value{V: v}
	}
	_, err := profile.FromFields(profile.Origin{File: baseName}, base.Expand(placeholders(sample)), fields)
	var list diag.List
	if !errors.As(err, &list) {
		return nil
	}
	var probs diag.List
	for _, p := range list {
		if p.ID != "err.key.required" && p.ID != "err.profile.mayor_required" && p.ID != "err.profile.chair_required" {
			continue
		}
		if coveredByColumn(p.Key, cols) {
			continue
		}
		column := p.Key
		if k, ok := strings.CutPrefix(p.Key, "gemeente."); ok {
			column = k
		}
		probs.Add(diag.Problem{File: name, Line: 1, Key: p.Key, ID: "err.register.column_needed",
			Args: diag.A("column", column, "base", baseName)})
	}
	return probs.Err()
}

// coveredByColumn reports whether a column sets key or a part of it.
func coveredByColumn(key string, cols []column) bool {
	for _, c := range cols {
		if c.key != "" && (c.key == key || strings.HasPrefix(c.key, key+".") || strings.HasPrefix(key, c.key+".")) {
			return true
		}
	}
	return false
}

// buildRow turns one record into an entry: each non-empty cell becomes
// the value of its column's key, over the base profile with the row's
// placeholders filled in, and profile.FromFields checks the result. The
// position of every cell goes with its value, so every problem, also of
// later stages, names the cell (or the base profile's key) to edit.
func buildRow(name string, line int, rec []string, fieldCols []int, cols []column, base *profile.Profile) *Entry {
	e := &Entry{Source: source(name, line)}
	cells := map[string]string{}
	for i, c := range cols {
		if c.key != "" && i < len(rec) {
			cells[c.name] = strings.TrimSpace(rec[i])
			if k, ok := strings.CutPrefix(c.key, "gemeente."); ok {
				cells[k] = strings.TrimSpace(rec[i])
			}
		}
	}
	e.NIS, e.Name = cells["nis"], cells["naam"]
	var probs diag.List
	if len(rec) != len(cols) {
		probs.Add(diag.Problem{File: name, Line: line, ID: "err.register.field_count",
			Args: diag.A("got", len(rec), "want", len(cols))})
		e.Err = probs.Err()
		return e
	}
	fields := map[string]profile.Value{}
	for i, c := range cols {
		cell := strings.TrimSpace(rec[i])
		if c.key == "" || cell == "" {
			continue
		}
		at := profile.Origin{File: name, Line: line, Col: fieldCols[i], Key: c.name}
		v, id, args := convert(c, cell, base)
		if id != "" {
			probs.Add(diag.Problem{File: at.File, Line: at.Line, Col: at.Col, Key: at.Key, ID: id, Args: args})
			continue
		}
		fields[c.key] = profile.Value{V: v, At: at}
	}
	if err := probs.Err(); err != nil {
		e.Err = err
		return e
	}
	p, err := profile.FromFields(profile.Origin{File: name, Line: line}, base.Expand(placeholders(cells)), fields)
	if err != nil {
		e.Err = err
		return e
	}
	e.Profile = p
	e.NIS, e.Name = p.Municipality.NIS, p.Municipality.Name
	return e
}

// convert turns a cell into the value of its column's key: by the key's
// kind, and for a parameter by the type of the base profile's value, else
// the most specific of whole number, decimal number, yes/no, date, list
// (with ";") and text.
func convert(c column, cell string, base *profile.Profile) (any, string, map[string]any) {
	bad := func(typ string) (any, string, map[string]any) {
		return nil, "err.register.value", diag.A("value", cell, "type", typ)
	}
	switch c.kind {
	case profile.Text:
		return cell, "", nil
	case profile.List:
		return splitList(cell), "", nil
	case profile.Int:
		if n, ok := parseInt(cell); ok {
			return n, "", nil
		}
		return bad("int")
	case profile.Bool:
		if b, ok := parseBool(cell); ok {
			return b, "", nil
		}
		return bad("bool")
	case profile.Date:
		if d, ok := parseDate(cell); ok {
			return d, "", nil
		}
		return bad("date")
	}
	id, param, _ := strings.Cut(strings.TrimPrefix(c.key, "parameters."), ".")
	switch base.Params[id][param].(type) {
	case int64:
		if n, ok := parseInt(cell); ok {
			return n, "", nil
		}
		return bad("int")
	case float64:
		if f, ok := parseFloat(cell); ok {
			return f, "", nil
		}
		return bad("float")
	case bool:
		if b, ok := parseBool(cell); ok {
			return b, "", nil
		}
		return bad("bool")
	case time.Time:
		if d, ok := parseDate(cell); ok {
			return tomlfile.LocalDate(d), "", nil
		}
		return bad("date")
	case []any:
		return anyList(splitList(cell)), "", nil
	case string:
		return cell, "", nil
	}
	if n, ok := parseInt(cell); ok {
		return n, "", nil
	}
	if f, ok := parseFloat(cell); ok {
		return f, "", nil
	}
	if b, ok := parseBool(cell); ok {
		return b, "", nil
	}
	if d, ok := parseDate(cell); ok {
		return tomlfile.LocalDate(d), "", nil
	}
	if strings.Contains(cell, ";") {
		return anyList(splitList(cell)), "", nil
	}
	return cell, "", nil
}

var thousandsRE = regexp.MustCompile(`^-?\d{1,3}([. ]\d{3})+$`)

func parseInt(s string) (int64, bool) {
	if thousandsRE.MatchString(s) {
		s = strings.NewReplacer(".", "", " ", "").Replace(s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

func parseFloat(s string) (float64, bool) {
	s = strings.Replace(s, ",", ".", 1)
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "ja", "waar", "yes", "1":
		return true, true
	case "false", "nee", "onwaar", "no", "0":
		return false, true
	}
	return false, false
}

var dmyRE = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$`)

// parseDate reads 2026-03-20 or 20/03/2026 (20-03-2026, 20.03.2026).
func parseDate(s string) (nlfmt.Date, bool) {
	if m := dmyRE.FindStringSubmatch(s); m != nil {
		s = m[3] + "-" + pad2(m[2]) + "-" + pad2(m[1])
	}
	d, err := nlfmt.ParseDate(s)
	return d, err == nil
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func splitList(s string) []string {
	sep := ";"
	if !strings.Contains(s, ";") {
		sep = ","
	}
	var out []string
	for _, part := range strings.Split(s, sep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// anyList is a list as a TOML array decodes: []any.
func anyList(s []string) []any {
	out := make([]any, len(s))
	for i, e := range s {
		out[i] = e
	}
	return out
}

// placeholders returns the function that fills in {column} (any column of
// the row by its header name, the [gemeente] ones also by their short
// name) and {slug} in the base profile's texts; a {name} that is neither
// stays as written.
func placeholders(cells map[string]string) func(string) string {
	return func(s string) string {
		var b strings.Builder
		for {
			i := strings.IndexByte(s, '{')
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i+1:], '}')
			if j < 0 {
				break
			}
			name := s[i+1 : i+1+j]
			v, ok := cells[name]
			if !ok && name == "slug" {
				v, ok = Slug(cells["naam"]), true
			}
			if !ok {
				b.WriteString(s[:i+1])
				s = s[i+1:]
				continue
			}
			b.WriteString(s[:i])
			b.WriteString(v)
			s = s[i+2+j:]
		}
		if b.Len() == 0 {
			return s
		}
		b.WriteString(s)
		return b.String()
	}
}

// Slug turns a municipality name into a file-name part: "Sint-Genesius-Rode"
// → "sint-genesius-rode", "Bilzen-Hoeselt" → "bilzen-hoeselt", "Zoë" → "zoe".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'' || r == '’':
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
