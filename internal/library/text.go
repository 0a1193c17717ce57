package library

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/agii/ovk/internal/nlfmt"
)

// Text is a clause body, recital or frame part: its source and parsed
// template.
type Text struct {
	Src  string
	Tmpl *template.Template
	// refs is set when the text may call artikel, hoofdstuk or opgenomen,
	// whose answers depend on the agreement being assembled.
	refs bool
}

// Refs answers a text's references to other articles and chapters of the
// agreement being assembled: {{artikel "id"}}, {{hoofdstuk "id"}} and
// {{opgenomen "id"}}. An implementation records a reference it cannot
// resolve as a problem of its own and returns a placeholder.
type Refs interface {
	Article(id string) string
	Chapter(id string) string
	Included(id string) bool
}

// Execute renders the text with data, resolving its references with refs
// (which may be nil for a text that makes none).
func (t *Text) Execute(w io.Writer, data any, refs Refs) error {
	w = &budget{w: w, left: maxTextOutput}
	if !t.refs {
		return t.Tmpl.Execute(w, data)
	}
	if refs == nil {
		refs = noRefs{}
	}
	tm, err := t.Tmpl.Clone()
	if err != nil {
		return err
	}
	tm.Funcs(template.FuncMap{"artikel": refs.Article, "hoofdstuk": refs.Chapter, "opgenomen": refs.Included})
	return tm.Execute(w, data)
}

// UsesRefs reports whether the text may refer to other articles or chapters.
func (t *Text) UsesRefs() bool { return t.refs }

type noRefs struct{}

func (noRefs) Article(id string) string { return "artikel ?" }
func (noRefs) Chapter(id string) string { return "hoofdstuk ?" }
func (noRefs) Included(id string) bool  { return false }

// refFuncs are the names whose meaning depends on the agreement; at parse
// time they stand for placeholders that Execute replaces.
var refFuncs = []string{"artikel", "hoofdstuk", "opgenomen"}

// TextFuncs are the functions clause texts may call besides artikel,
// hoofdstuk and opgenomen.
var TextFuncs = template.FuncMap{
	"opsomming": nlfmt.List,
	"hoofdletter": func(s string) string {
		if s == "" {
			return s
		}
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	},
	// meervoud writes a number with the singular or plural noun:
	// {{meervoud .termijn "dag" "dagen"}} → "1 dag", "14 dagen".
	"meervoud": func(n, one, other string) string {
		if n == "1" {
			return n + " " + one
		}
		return n + " " + other
	},
	// voluit writes a whole number out in words: {{voluit 3}} → "drie".
	"voluit": voluit,
}

// voluit takes a whole number as a Go integer or as the text of a
// parameter value ("12", "1.250").
func voluit(v any) (string, error) {
	var n int64
	switch x := v.(type) {
	case int:
		n = int64(x)
	case int64:
		n = x
	case string:
		i, err := strconv.ParseInt(strings.ReplaceAll(x, ".", ""), 10, 64)
		if err != nil {
			return "", fmt.Errorf("voluit: %q is not a whole number", x)
		}
		n = i
	default:
		return "", fmt.Errorf("voluit: %v is not a whole number", v)
	}
	return nlfmt.Words(n), nil
}

func parseText(name, src string) (*Text, error) {
	funcs := template.FuncMap{}
	for k, v := range TextFuncs {
		funcs[k] = v
	}
	refs := false
	for _, f := range refFuncs {
		refs = refs || strings.Contains(src, f)
	}
	nr := noRefs{}
	funcs["artikel"], funcs["hoofdstuk"], funcs["opgenomen"] = nr.Article, nr.Chapter, nr.Included
	if err := checkNesting(src); err != nil {
		return nil, err
	}
	t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	if err := checkTree(t); err != nil {
		return nil, err
	}
	return &Text{Src: src, Tmpl: t, refs: refs}, nil
}
