package profile

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/limits"
)

// checkSource refuses, before it is decoded, a profile source larger than
// limits.ProfileBytes or whose arrays and tables nest deeper than
// limits.Depth (the decoders and the walk over the parameters grow with
// the depth, the walk with its square).
func checkSource(name string, src []byte, probs *diag.List) bool {
	lim := limits.Get()
	if int64(len(src)) > lim.ProfileBytes {
		probs.Add(diag.Problem{File: name, ID: "err.bound.file",
			Args: diag.A("size", len(src), "limit", lim.ProfileBytes)})
		return false
	}
	if line, col, ok := tooDeep(src, lim.Depth); !ok {
		probs.Add(diag.Problem{File: name, Line: line, Col: col, ID: "err.bound.depth", Args: diag.A("limit", lim.Depth)})
		return false
	}
	return true
}

// tooDeep scans TOML or JSON source for the first place where brackets
// and braces nest deeper than limit, outside strings and comments; ok is
// false there, with its line and column (in bytes, 1-based).
func tooDeep(src []byte, limit int) (line, col int, ok bool) {
	depth, line, start := 0, 1, 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			line, start = line+1, i+1
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case '"', '\'':
			quote := string([]byte{c, c, c})
			if strings.HasPrefix(string(src[i:min(i+3, len(src))]), quote) {
				end := strings.Index(string(src[i+3:]), quote)
				if end < 0 {
					return 0, 0, true // unterminated: the decoder says so
				}
				body := src[i : i+3+end+3]
				line += strings.Count(string(body), "\n")
				if nl := strings.LastIndexByte(string(body), '\n'); nl >= 0 {
					start = i + nl + 1
				}
				i += 3 + end + 2
				continue
			}
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if c == '"' && src[i] == '\\' {
					i++
				}
			}
		case '[', '{':
			if depth++; depth > limit {
				return line, i - start + 1, false
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0, 0, true
}

// textLimit is the bound on a text of the profile at key, in characters:
// names, functions and provinces are short, e-mail addresses at most what
// RFC 5321 allows, numbers shorter still, every other text
// limits.Text.
func textLimit(key string) int {
	last := key[strings.LastIndexByte(key, '.')+1:]
	switch {
	case strings.HasPrefix(key, "parameters."):
	case last == "naam", last == "functie", last == "provincie", last == "plaats", last == "zetel":
		return 200
	case last == "email":
		return 254
	case last == "telefoon", last == "ondernemingsnummer", last == "nis":
		return 50
	}
	return limits.Get().Text
}

// checkBounds refuses texts, lists and goals beyond their bounds, each at
// its key.
func (p *Profile) checkBounds(probs *diag.List) {
	lim, n := limits.Get(), len(*probs)
	if n := len(p.Goals); n > lim.Goals {
		probs.Add(p.Problem("doelstellingen", "err.bound.goals", diag.A("count", n, "limit", lim.Goals)))
	}
	if n := len(p.ToConfirm); n > lim.List {
		probs.Add(p.Problem("te_bevestigen", "err.bound.list", diag.A("key", "te_bevestigen", "count", n, "limit", lim.List)))
	}
	for _, g := range p.Goals {
		if n := utf8.RuneCountInString(g); n > 200 {
			probs.Add(p.Problem("doelstellingen", "err.bound.text", diag.A("key", "doelstellingen", "count", n, "limit", 200)))
			break
		}
	}
	for id, vals := range p.Params {
		for name, v := range vals {
			p.checkList(probs, "parameters."+id+"."+name, v, lim.List)
		}
	}
	if len(*probs) > n {
		return // a list too long is not walked for its texts
	}
	for _, f := range p.Texts() {
		if r, name, ok := invisible(f.Value); ok {
			probs.Add(p.Problem(f.Key, "err.text.invisible", diag.A("key", f.Key, "code", fmt.Sprintf("U+%04X", r), "name", name)))
		}
		if limit := textLimit(f.Key); len(f.Value) > limit { // bytes ≥ characters: count only then
			if n := utf8.RuneCountInString(f.Value); n > limit {
				probs.Add(p.Problem(f.Key, "err.bound.text", diag.A("key", f.Key, "count", n, "limit", limit)))
			}
		}
	}
}

// checkList refuses a list (at any depth of a parameter's value) with more
// than limit items.
func (p *Profile) checkList(probs *diag.List, key string, v any, limit int) {
	switch x := v.(type) {
	case []any:
		if len(x) > limit {
			probs.Add(p.Problem(key, "err.bound.list", diag.A("key", key, "count", len(x), "limit", limit)))
			return
		}
		for _, e := range x {
			p.checkList(probs, key, e, limit)
		}
	case map[string]any:
		if len(x) > limit {
			probs.Add(p.Problem(key, "err.bound.list", diag.A("key", key, "count", len(x), "limit", limit)))
			return
		}
		for k, e := range x {
			p.checkList(probs, key+"."+k, e, limit)
		}
	}
}

// invisibles are the characters that show nothing or reorder the text
// around them: a name that looks like "Opwijk" with one of them is not
// equal to "Opwijk" anywhere (the manifest, a search, a diff), and a bidi
// override turns the terminal's line around.
var invisibles = map[rune]string{
	0x00AD: "SOFT HYPHEN", 0x061C: "ARABIC LETTER MARK", 0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x200B: "ZERO WIDTH SPACE", 0x200C: "ZERO WIDTH NON-JOINER", 0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK", 0x200F: "RIGHT-TO-LEFT MARK",
	0x202A: "LEFT-TO-RIGHT EMBEDDING", 0x202B: "RIGHT-TO-LEFT EMBEDDING", 0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE", 0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x2060: "WORD JOINER", 0x2061: "FUNCTION APPLICATION", 0x2062: "INVISIBLE TIMES", 0x2063: "INVISIBLE SEPARATOR",
	0x2064: "INVISIBLE PLUS", 0x2066: "LEFT-TO-RIGHT ISOLATE", 0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE", 0x2069: "POP DIRECTIONAL ISOLATE", 0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
}

// invisible finds the first invisible or bidi control character of s.
func invisible(s string) (rune, string, bool) {
	for _, r := range s {
		if r >= 0x00AD && r <= 0xFEFF {
			if name, ok := invisibles[r]; ok {
				return r, name, true
			}
		}
	}
	return 0, "", false
}
