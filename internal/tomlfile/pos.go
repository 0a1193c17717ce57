package tomlfile

// Where keys stand in a TOML document, so that problems found after
// decoding (an unknown clause id, a bad parameter value) can name the line
// and column a user must edit. BurntSushi/toml keeps key positions private
// (its issue #462); this scanner recovers them for the subset of TOML that
// ovk's files use: tables, arrays of tables, dotted and quoted keys, inline
// tables and multi-line strings.

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a 1-based line and column.
type Pos struct{ Line, Col int }

// index maps key paths to the positions of their keys. Paths join keys
// with dots and index arrays of tables with brackets: "parameter[1].naam",
// "gemeente.nis".
type index map[string]Pos

// valueKey marks the entry of a key's value in an index: path + valueKey.
const valueKey = "\x00="

// buildIndex scans src.
func buildIndex(src []byte) index {
	idx := index{}
	arrays := map[string]int{} // array-of-tables path → count so far
	prefix := ""
	lines := strings.Split(string(src), "\n")
	var inMulti string // closing delimiter of an open multi-line string
	for i, raw := range lines {
		line := strings.TrimRight(raw, "\r")
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		trim := strings.TrimLeft(line, " \t")
		col := len(line) - len(trim) + 1
		switch {
		case trim == "" || trim[0] == '#':
			continue
		case strings.HasPrefix(trim, "[["):
			end := strings.Index(trim, "]]")
			if end < 0 {
				continue
			}
			name := joinKey(splitKey(trim[2:end]))
			n := arrays[name]
			arrays[name] = n + 1
			prefix = name + "[" + strconv.Itoa(n) + "]"
			idx[prefix] = Pos{i + 1, col}
			idx.setOnce(name, Pos{i + 1, col})
			continue
		case trim[0] == '[':
			end := strings.Index(trim, "]")
			if end < 0 {
				continue
			}
			prefix = resolve(joinKey(splitKey(trim[1:end])), arrays)
			idx[prefix] = Pos{i + 1, col}
			continue
		}
		eq := keyEnd(trim)
		if eq < 0 {
			continue
		}
		key := joinKey(splitKey(trim[:eq]))
		path := join(prefix, key)
		idx[path] = Pos{i + 1, col}
		value := strings.TrimLeft(trim[eq+1:], " \t")
		vcol := col + (len(trim) - len(value))
		idx[path+valueKey] = Pos{i + 1, runeCol(line, vcol-1)}
		if strings.HasPrefix(value, "{") {
			idx.inline(path, value, line, i+1, vcol)
		}
		for _, d := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, d) && !strings.Contains(value[3:], d) {
				inMulti = d
			}
		}
	}
	return idx
}

// runeCol turns a 0-based byte offset into a 1-based column in characters.
func runeCol(line string, off int) int {
	if off > len(line) {
		off = len(line)
	}
	return utf8.RuneCountInString(line[:off]) + 1
}

func (idx index) setOnce(k string, p Pos) {
	if _, ok := idx[k]; !ok {
		idx[k] = p
	}
}

// inline records the keys of a one-line inline table.
func (idx index) inline(path, value, full string, line, col int) {
	depth, start := 0, 0
	for j := 0; j < len(value); j++ {
		switch value[j] {
		case '"', '\'':
			q := value[j]
			for j++; j < len(value) && value[j] != q; j++ {
				if value[j] == '\\' && q == '"' {
					j++
				}
			}
		case '{':
			depth++
			if depth == 1 {
				start = j + 1
			}
		case '}':
			depth--
		case ',':
			if depth == 1 {
				start = j + 1
			}
		case '=':
			if depth == 1 {
				k := strings.TrimSpace(value[start:j])
				off := start + (len(value[start:j]) - len(strings.TrimLeft(value[start:j], " \t")))
				idx[join(path, joinKey(splitKey(k)))] = Pos{line, runeCol(full, col-1+off)}
			}
		}
	}
}

// lookup returns the position of path, or of its nearest recorded parent.
func (idx index) lookup(path string) Pos {
	for p := path; p != ""; p = parent(p) {
		if pos, ok := idx[p]; ok {
			return pos
		}
	}
	return Pos{}
}

func parent(p string) string {
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			return p[:i]
		}
	}
	if i := strings.LastIndexByte(p, '.'); i >= 0 {
		return p[:i]
	}
	return ""
}

// resolve points a table header below an array of tables at its last element.
func resolve(name string, arrays map[string]int) string {
	parts := strings.Split(name, ".")
	out := ""
	for _, p := range parts {
		out = join(out, p)
		if n, ok := arrays[out]; ok {
			out += "[" + strconv.Itoa(n-1) + "]"
		}
	}
	return out
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// keyEnd finds the '=' that ends the key of a key/value line, skipping quotes.
func keyEnd(s string) int {
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case '"', '\'':
			q := s[j]
			for j++; j < len(s) && s[j] != q; j++ {
			}
		case '=':
			return j
		}
	}
	return -1
}

func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	for j := 0; j < len(s); j++ {
		switch c := s[j]; c {
		case '"', '\'':
			for j++; j < len(s) && s[j] != c; j++ {
				cur.WriteByte(s[j])
			}
		case '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func joinKey(parts []string) string { return strings.Join(parts, ".") }
