package register

import (
	"bytes"
	"encoding/csv"
	"errors"
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

// municipalityColumns are the short column names of the [gemeente] keys.
var municipalityColumns = map[string]bool{
	"nis": true, "naam": true, "soort": true, "provincie": true, "adres": true, "ondernemingsnummer": true,
	"inwoners": true, "eigen_ocmw": true, "centrumstad": true, "inburgeraars_per_jaar": true,
}

// sections are the tables a dotted column may name.
var sections = map[string]bool{
	"gemeente": true, "ocmw": true, "overeenkomst": true, "ondertekenaars": true, "contactpersonen": true, "parameters": true,
}

// The profile keys with a fixed type; every other key outside [parameters]
// is text.
var (
	intKeys  = map[string]bool{"gemeente.inwoners": true, "gemeente.inburgeraars_per_jaar": true}
	boolKeys = map[string]bool{"gemeente.eigen_ocmw": true, "gemeente.centrumstad": true}
	dateKeys = map[string]bool{"overeenkomst.van": true, "overeenkomst.tot": true, "overeenkomst.datum": true,
		"overeenkomst.gemeenteraadsbesluit": true, "overeenkomst.collegebesluit": true, "overeenkomst.ocmw_raadsbesluit": true}
)

var keyPartRE = regexp.MustCompile(`^[a-z0-9_]+$`)

// column is one column of a CSV register.
type column struct {
	name string // as in the header, trimmed
	key  string // profile key path: "gemeente.inwoners"
	path []string
}

// ColumnKey returns the profile key a column name stands for: the short
// names of [gemeente] (nis, naam, inwoners…) and "doelstellingen", or a
// dotted key under gemeente, overeenkomst, ondertekenaars, contactpersonen
// or parameters. ok is false for any other name.
func ColumnKey(name string) (key string, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch {
	case municipalityColumns[name]:
		return "gemeente." + name, true
	case name == "doelstellingen":
		return name, true
	}
	parts := strings.Split(name, ".")
	if len(parts) < 2 || !sections[parts[0]] {
		return "", false
	}
	for _, p := range parts {
		if !keyPartRE.MatchString(p) {
			return "", false
		}
	}
	return name, true
}

// ReadCSV reads a CSV register named name from r, completing each row with
// base. The separator is a comma, or a semicolon when the header has
// semicolons and no commas (as spreadsheets in Belgium write). A header
// row is required.
func ReadCSV(name string, r io.Reader, base Base) (*Register, error) {
	baseFile := tomlfile.New(base.Name, base.Src)
	var probs diag.List
	var baseMap map[string]any
	if !baseFile.Decode(&baseMap, &probs) {
		return nil, probs.Err()
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
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
	cols, err := readHeader(name, cr, header)
	if err != nil {
		return nil, err
	}
	if err := checkBase(name, baseFile, baseMap, cols); err != nil {
		return nil, err
	}
	reg := &Register{Name: name, Base: base.Name}
	type row struct {
		line int
		rec  []string
		cols []int // byte column of each field
		err  *diag.Problem
	}
	var rows []row
	lines := strings.Split(string(data), "\n")
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			p := csvProblem(name, err)
			rows = append(rows, row{line: p.Line, err: &p})
			continue
		}
		r := row{rec: rec}
		r.line, _ = cr.FieldPos(0)
		if last, _ := cr.FieldPos(len(rec) - 1); last == r.line && r.line <= len(lines) {
			r.cols = fieldColumns(lines[r.line-1], cr.Comma, len(rec))
		} else { // a quoted field spans lines: encoding/csv's byte columns
			r.cols = make([]int, len(rec))
			for i := range rec {
				_, r.cols[i] = cr.FieldPos(i)
			}
		}
		rows = append(rows, r)
	}
	// Building a row's profile is independent of the others: spread the
	// rows over the processor cores.
	reg.Entries = make([]*Entry, len(rows))
	build := func(k int) {
		r := rows[k]
		if r.err != nil {
			reg.Entries[k] = &Entry{Source: source(name, r.line), Err: diag.List{*r.err}}
			return
		}
		fieldCol := func(i int) int {
			if i >= len(r.cols) {
				return 0
			}
			return r.cols[i]
		}
		reg.Entries[k] = buildRow(name, r.line, r.rec, fieldCol, cols, baseFile, baseMap)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				build(k)
			}
		}()
	}
	for k := range rows {
		next <- k
	}
	close(next)
	wg.Wait()
	if len(reg.Entries) == 0 {
		return nil, diag.List{{File: name, Line: 1, ID: "err.register.empty"}}
	}
	reg.markDuplicates()
	return reg, nil
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
		key, ok := ColumnKey(h)
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
		cols = append(cols, column{name: h, key: key, path: strings.Split(key, ".")})
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
	// keep cols indexed like the header: a nil path marks a dropped column
	out := make([]column, len(header))
	for _, c := range cols {
		out[seen[c.key]] = c
	}
	return out, nil
}

// checkBase reports keys that a profile requires but that neither the base
// profile nor a column gives: every row would fail on them, so the
// register is refused as a whole, naming the missing columns.
func checkBase(name string, baseFile *tomlfile.File, baseMap map[string]any, cols []column) error {
	sample := map[string]string{"nis": "23060", "naam": "Opwijk", "provincie": "Vlaams-Brabant"}
	m := substitute(deepCopy(baseMap), placeholders(sample)).(map[string]any)
	for k, v := range sample {
		setPath(m, []string{"gemeente", k}, v)
	}
	_, err := profile.Parse(baseFile.Name, encodeTOML(m))
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
			Args: diag.A("column", column, "base", baseFile.Name)})
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

// buildRow turns one record into an entry: the base profile with the
// row's placeholders filled in, each non-empty cell set over it, encoded
// as TOML and checked by profile.Parse.
func buildRow(name string, line int, rec []string, fieldCol func(int) int, cols []column,
	baseFile *tomlfile.File, baseMap map[string]any) *Entry {
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
	m := substitute(deepCopy(baseMap), placeholders(cells)).(map[string]any)
	for i, c := range cols {
		cell := strings.TrimSpace(rec[i])
		if c.key == "" || cell == "" {
			continue
		}
		v, id, args := convert(c.key, cell, lookup(baseMap, c.path))
		if id != "" {
			probs.Add(diag.Problem{File: name, Line: line, Col: fieldCol(i), Key: c.name, ID: id, Args: args})
			continue
		}
		setPath(m, c.path, v)
	}
	if err := probs.Err(); err != nil {
		e.Err = err
		return e
	}
	locate := func(key string) (string, int, int, string) {
		best, bestLen := -1, 0
		for i, c := range cols {
			if c.key == "" || strings.TrimSpace(rec[i]) == "" {
				continue
			}
			if c.key == key || strings.HasPrefix(c.key, key+".") || strings.HasPrefix(key, c.key+".") {
				if n := len(c.key); best < 0 || n > bestLen {
					best, bestLen = i, n
				}
			}
		}
		if best >= 0 {
			return name, line, fieldCol(best), cols[best].name
		}
		if pos := baseFile.Pos(key); pos.Line > 0 && lookup(baseMap, strings.Split(key, ".")) != nil {
			return baseFile.Name, pos.Line, pos.Col, key
		}
		return name, line, 0, key
	}
	src := encodeTOML(m)
	p, err := profile.Parse(e.Source, src)
	if err == nil {
		err = checkMunicipality(p, locate)
	}
	if err != nil {
		e.Err = relocate(err, e.Source, locate)
		return e
	}
	e.Profile = p
	e.locate = locate
	e.NIS, e.Name = p.Municipality.NIS, p.Municipality.Name
	return e
}

// locator finds a profile key: the file, line and column to edit, and the
// key as the user knows it there (a column name, or the key path).
type locator func(key string) (file string, line, col int, name string)

// relocate rewrites the problems of a generated profile (named file) to
// point at the register row and column, or the base profile, they come from.
func relocate(err error, file string, locate locator) error {
	var list diag.List
	if !errors.As(err, &list) {
		return err
	}
	out := make(diag.List, len(list))
	for i, p := range list {
		if p.File == file {
			p.File, p.Line, p.Col, p.Key = locate(p.Key)
		}
		out[i] = p
	}
	return out.Err()
}

// Locate rewrites problems that later stages (rules, assembly) report
// about the entry's profile so that they name the register row, column or
// base profile instead of the profile generated from them. Other errors
// pass unchanged.
func (e *Entry) Locate(err error) error {
	if e.locate == nil || err == nil {
		return err
	}
	return relocate(err, e.Source, e.locate)
}

// convert turns a cell into the value of key: the key's fixed type, else
// the type of the base profile's value, else the most specific of whole
// number, decimal number, yes/no, date, list (with ";") and text.
func convert(key, cell string, baseVal any) (any, string, map[string]any) {
	bad := func(typ string) (any, string, map[string]any) {
		return nil, "err.register.value", diag.A("value", cell, "type", typ)
	}
	switch {
	case key == "doelstellingen":
		return splitList(cell), "", nil
	case intKeys[key]:
		if n, ok := parseInt(cell); ok {
			return n, "", nil
		}
		return bad("int")
	case boolKeys[key]:
		if b, ok := parseBool(cell); ok {
			return b, "", nil
		}
		return bad("bool")
	case dateKeys[key]:
		if d, ok := parseDate(cell); ok {
			return d, "", nil
		}
		return bad("date")
	case !strings.HasPrefix(key, "parameters."):
		return cell, "", nil
	}
	switch baseVal.(type) {
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
	case time.Time, nlfmt.Date:
		if d, ok := parseDate(cell); ok {
			return d, "", nil
		}
		return bad("date")
	case []any:
		return splitList(cell), "", nil
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
		return d, "", nil
	}
	if strings.Contains(cell, ";") {
		return splitList(cell), "", nil
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

func splitList(s string) []any {
	sep := ";"
	if !strings.Contains(s, ";") {
		sep = ","
	}
	var out []any
	for _, part := range strings.Split(s, sep) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// placeholders returns the replacer of {column} (and {slug}) in base texts.
func placeholders(cells map[string]string) *strings.Replacer {
	var pairs []string
	for k, v := range cells {
		pairs = append(pairs, "{"+k+"}", v)
	}
	if _, ok := cells["slug"]; !ok {
		pairs = append(pairs, "{slug}", Slug(cells["naam"]))
	}
	return strings.NewReplacer(pairs...)
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

func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e)
		}
		return s
	case []map[string]any:
		s := make([]map[string]any, len(x))
		for i, e := range x {
			s[i] = deepCopy(e).(map[string]any)
		}
		return s
	}
	return v
}

func substitute(v any, r *strings.Replacer) any {
	switch x := v.(type) {
	case string:
		return r.Replace(x)
	case map[string]any:
		for k, e := range x {
			x[k] = substitute(e, r)
		}
	case []any:
		for i, e := range x {
			x[i] = substitute(e, r)
		}
	case []map[string]any:
		for _, e := range x {
			substitute(e, r)
		}
	}
	return v
}

func lookup(m map[string]any, path []string) any {
	var cur any = m
	for _, p := range path {
		t, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = t[p]
	}
	return cur
}

func setPath(m map[string]any, path []string, v any) {
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = v
}
