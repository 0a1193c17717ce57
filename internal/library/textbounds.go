package library

import (
	"fmt"
	"io"
	"strings"
	"text/template"
	"text/template/parse"
)

// The bounds on a clause text (docs/bounds.md). A library is written by
// AgII, but lint, draft and serve all run its texts: none may hang them,
// overflow a stack or fill the memory.
const (
	// maxTextNesting bounds the nested blocks ({{if}}, {{range}},
	// {{with}}, {{define}}, {{block}}) of a text, counted before it is
	// parsed: the template parser recurses once per level.
	maxTextNesting = 100
	// maxTextCalls bounds the {{template}} calls one text expands to
	// (a template calling another twice, forty deep, is 2⁴⁰).
	maxTextCalls = 1000
	// maxTextOutput bounds what one text renders, in bytes.
	maxTextOutput = 1 << 20
)

// checkNesting refuses a text whose blocks nest deeper than
// maxTextNesting, from a scan of its actions.
func checkNesting(src string) error {
	depth := 0
	for rest := src; ; {
		i := strings.Index(rest, "{{")
		if i < 0 {
			return nil
		}
		rest = strings.TrimLeft(rest[i+2:], "- \t\r\n")
		word := rest
		if j := strings.IndexFunc(rest, func(r rune) bool { return !('a' <= r && r <= 'z') }); j >= 0 {
			word = rest[:j]
		}
		switch word {
		case "if", "range", "with", "define", "block":
			if depth++; depth > maxTextNesting {
				return fmt.Errorf("blocks ({{if}}, {{range}}, …) nest more than %d deep (the bound per text): make the text flatter", maxTextNesting)
			}
		case "end":
			depth = max(depth-1, 0)
		}
	}
}

// checkTree refuses, once parsed, a text that would run unbounded: a
// {{range}} over a literal count, a template that calls itself (directly
// or not), or calls that expand to more than maxTextCalls.
func checkTree(t *template.Template) error {
	calls := map[string][]string{}
	for _, tt := range t.Templates() {
		if tt.Tree == nil {
			continue
		}
		var err error
		walk(tt.Tree.Root, func(n parse.Node) {
			switch x := n.(type) {
			case *parse.RangeNode:
				if cmds := x.Pipe.Cmds; len(cmds) == 1 && len(cmds[0].Args) == 1 {
					if num, ok := cmds[0].Args[0].(*parse.NumberNode); ok && err == nil {
						err = fmt.Errorf("{{range %s}} repeats a literal count: a clause text ranges over its data (a list of the profile), never over a number", num.Text)
					}
				}
			case *parse.TemplateNode:
				calls[tt.Name()] = append(calls[tt.Name()], x.Name)
			}
		})
		if err != nil {
			return err
		}
	}
	const (
		visiting = -1
	)
	weight := map[string]int{}
	var expand func(name string) (int, error)
	expand = func(name string) (int, error) {
		switch w := weight[name]; {
		case w == visiting:
			return 0, fmt.Errorf("template %q calls itself (through {{template}}): a clause text may not recurse", name)
		case w > 0:
			return w, nil
		}
		weight[name] = visiting
		w := 1
		for _, c := range calls[name] {
			cw, err := expand(c)
			if err != nil {
				return 0, err
			}
			if w += cw; w > maxTextCalls {
				return 0, fmt.Errorf("template %q expands to more than %d template calls (the bound per text)", name, maxTextCalls)
			}
		}
		weight[name] = w
		return w, nil
	}
	for _, tt := range t.Templates() {
		if _, err := expand(tt.Name()); err != nil {
			return err
		}
	}
	return nil
}

// walk calls f on every node under n.
func walk(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch x := n.(type) {
	case *parse.ListNode:
		if x == nil {
			return
		}
		for _, c := range x.Nodes {
			walk(c, f)
		}
	case *parse.IfNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	case *parse.RangeNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	case *parse.WithNode:
		walk(x.List, f)
		walk(x.ElseList, f)
	}
}

// budget is a writer that fails once more than left bytes were written:
// a text that renders more than maxTextOutput stops there.
type budget struct {
	w    io.Writer
	left int
}

func (b *budget) Write(p []byte) (int, error) {
	if len(p) > b.left {
		b.left = -1
		return 0, fmt.Errorf("the text renders more than %d bytes (the bound per text)", maxTextOutput)
	}
	b.left -= len(p)
	return b.w.Write(p)
}
