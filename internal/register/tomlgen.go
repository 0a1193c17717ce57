package register

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/agii/ovk/internal/nlfmt"
)

// encodeTOML writes a profile tree (as decoded from TOML, with register
// values set in it) back as TOML: keys sorted, values before tables,
// people and other tables inside arrays inline. The output is the profile
// the agreement embeds, so it is deterministic: the same row and base give
// the same bytes, and so the same profile hash.
func encodeTOML(m map[string]any) []byte {
	var b bytes.Buffer
	writeTable(&b, nil, m)
	return b.Bytes()
}

func writeTable(b *bytes.Buffer, path []string, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var tables []string
	for _, k := range keys {
		if sub, ok := m[k].(map[string]any); ok && !(inlineAt(path) && allInline(sub)) {
			tables = append(tables, k)
			continue
		}
		b.WriteString(tomlKey(k))
		b.WriteString(" = ")
		writeValue(b, m[k])
		b.WriteByte('\n')
	}
	for _, k := range tables {
		sub := append(append([]string{}, path...), k)
		t := m[k].(map[string]any)
		if hasValues(sub, t) {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteByte('[')
			for i, p := range sub {
				if i > 0 {
					b.WriteByte('.')
				}
				b.WriteString(tomlKey(p))
			}
			b.WriteString("]\n")
		}
		writeTable(b, sub, t)
	}
}

// hasValues reports whether the table at path writes a key = value line of
// its own; a table of tables needs no header.
func hasValues(path []string, m map[string]any) bool {
	if len(m) == 0 {
		return true
	}
	for _, v := range m {
		if sub, ok := v.(map[string]any); !ok || inlineAt(path) && allInline(sub) {
			return true
		}
	}
	return false
}

// inlineAt reports whether tables under path are written inline: people
// under [ondertekenaars] and [contactpersonen] are, the sections and the
// tables of [parameters] are not.
func inlineAt(path []string) bool {
	return len(path) >= 2 || len(path) == 1 && path[0] != "parameters"
}

// allInline reports whether a table is small enough to write inline: a
// table of scalars (a person) is; a table holding tables is not.
func allInline(m map[string]any) bool {
	if len(m) == 0 {
		return false
	}
	for _, v := range m {
		switch v.(type) {
		case map[string]any, []map[string]any:
			return false
		}
	}
	return true
}

var bareKeyRE = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKeyRE.MatchString(k) {
		return k
	}
	return quote(k)
}

func writeValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case string:
		b.WriteString(quote(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(formatFloat(x))
	case nlfmt.Date:
		b.WriteString(x.ISO())
	case time.Time:
		b.WriteString(formatTime(x))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e)
		}
		b.WriteByte(']')
	case []map[string]any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("{ ")
		for i, k := range keys {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(tomlKey(k))
			b.WriteString(" = ")
			writeValue(b, x[k])
		}
		b.WriteString(" }")
	default:
		b.WriteString(quote(fmt.Sprint(x)))
	}
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// formatTime writes a TOML date, time or date-time; the TOML decoder marks
// local ones by the name of their location.
func formatTime(t time.Time) string {
	switch t.Location().String() {
	case "date-local":
		return t.Format("2006-01-02")
	case "time-local":
		return t.Format("15:04:05.999999999")
	case "datetime-local":
		return t.Format("2006-01-02T15:04:05.999999999")
	}
	return t.Format(time.RFC3339Nano)
}

// quote writes a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
