// Package diag owns the problems ovk reports about its input: each names the
// file, line, column and key it is about, and carries a message id with its
// arguments so the user interface can say it in the user's language.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with an input file.
type Problem struct {
	File string // path as the user gave it, or the name inside the library
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Key  string // the TOML key path, e.g. "parameter[2].soort"
	// ID is the message id in locales/ (e.g. "err.param.required"); Args are
	// its template data. Detail is extra text that is not translated (an
	// expression compiler's message, say).
	ID     string
	Args   map[string]any
	Detail string
}

// Position formats "file:line:col" with the parts that are known.
func (p Problem) Position() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	return b.String()
}

// Translator turns a message id and its arguments into text.
type Translator func(id string, args map[string]any) string

// Format renders the problem as "file:line:col: key: message".
func (p Problem) Format(t Translator) string {
	var b strings.Builder
	if pos := p.Position(); pos != "" {
		b.WriteString(pos)
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(p.Key)
		b.WriteString(": ")
	}
	b.WriteString(t(p.ID, Resolve(p.Args, t)))
	if p.Detail != "" {
		b.WriteString(": ")
		b.WriteString(p.Detail)
	}
	return b.String()
}

// Message is a message id with its arguments, given as the argument of
// another message so that both are said in the same language (a refusal
// that quotes the rules' reason, say).
type Message struct {
	ID   string         `json:"id"`
	Args map[string]any `json:"args,omitempty"`
}

// Resolve returns args with every Message argument put into words by t;
// args itself is returned when it holds none.
func Resolve(args map[string]any, t Translator) map[string]any {
	var out map[string]any
	for k, v := range args {
		if m, ok := v.(Message); ok {
			if out == nil {
				out = make(map[string]any, len(args))
				for k2, v2 := range args {
					out[k2] = v2
				}
			}
			out[k] = t(m.ID, Resolve(m.Args, t))
		}
	}
	if out == nil {
		return args
	}
	return out
}

// List is every problem found in one pass over the input. It is an error
// when it is not empty.
type List []Problem

// Add appends a problem.
func (l *List) Add(p Problem) { *l = append(*l, p) }

// Sort orders problems by file, line, column and key.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Key < b.Key
	})
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	l.Sort()
	return l
}

// Error renders the problems with their message ids and arguments; the CLI
// and API translate them instead.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Format(Untranslated)
	}
	return strings.Join(lines, "\n")
}

// Untranslated renders a message id with its arguments, sorted by name; it
// is what tests and logs see without a localizer.
func Untranslated(id string, args map[string]any) string {
	if len(args) == 0 {
		return id
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(id)
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%v", k, args[k])
	}
	return b.String()
}

// A is shorthand for building message arguments: A("name", x, "max", 3).
func A(kv ...any) map[string]any {
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}
