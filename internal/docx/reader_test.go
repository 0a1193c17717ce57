package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// The tests read the packages back with their own zip and XML reader: what
// Word and LibreOffice see, not what the writer meant.

// part returns the content of one part of a package.
func part(t testing.TB, pkg []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	t.Fatalf("package has no part %s", name)
	return nil
}

// xpara is a paragraph of word/document.xml as read back.
type xpara struct {
	style string
	mark  string // "", "ins", "del", "moveFrom" or "moveTo": the paragraph mark's revision
	runs  []xrun
	moves []string // move ranges that start in it ("moveFrom:name")
}

// xrun is a run of text with the revision around it.
type xrun struct {
	rev   string // "", "ins", "del", "moveFrom", "moveTo"
	value bool   // character style GewijzigdeWaarde
	text  string // a tab is "\t"
}

// text returns the paragraph's text as accepting (accept) or rejecting
// all revisions leaves it.
func (p *xpara) text(accept bool) string {
	var b strings.Builder
	for _, r := range p.runs {
		if keeps(r.rev, accept) {
			b.WriteString(r.text)
		}
	}
	return b.String()
}

// keeps reports whether text with revision rev stays when all revisions
// are accepted (or rejected).
func keeps(rev string, accept bool) bool {
	switch rev {
	case "ins", "moveTo":
		return accept
	case "del", "moveFrom":
		return !accept
	}
	return true
}

// paragraphs parses the paragraphs of a document.xml.
func paragraphs(t testing.TB, docXML []byte) []xpara {
	t.Helper()
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	dec := xml.NewDecoder(bytes.NewReader(docXML))
	var out []xpara
	var cur *xpara
	var stack []string // revision elements open around the current run
	inPPr, inRPr, value := false, false, false
	textEl := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != w {
				continue
			}
			attr := func(name string) string {
				for _, a := range e.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch l := e.Name.Local; l {
			case "p":
				out = append(out, xpara{})
				cur = &out[len(out)-1]
			case "pPr":
				inPPr = true
			case "pStyle":
				if cur != nil && inPPr {
					cur.style = attr("val")
				}
			case "rPr":
				inRPr = true
			case "rStyle":
				value = attr("val") == "GewijzigdeWaarde"
			case "ins", "del", "moveFrom", "moveTo":
				if inPPr && inRPr {
					cur.mark = l
				} else {
					stack = append(stack, l)
				}
			case "moveFromRangeStart", "moveToRangeStart":
				cur.moves = append(cur.moves, strings.TrimSuffix(l, "RangeStart")+":"+attr("name"))
			case "r":
				value = false
			case "t", "delText":
				textEl = true
			case "tab":
				if !inPPr && cur != nil {
					cur.runs = append(cur.runs, xrun{rev: top(stack), text: "\t"})
				}
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "pPr":
				inPPr = false
			case "rPr":
				inRPr = false
			case "ins", "del", "moveFrom", "moveTo":
				if !(inPPr && inRPr) && len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "t", "delText":
				textEl = false
			}
		case xml.CharData:
			if textEl && cur != nil {
				cur.runs = append(cur.runs, xrun{rev: top(stack), value: value, text: string(e)})
			}
		}
	}
	return out
}

func top(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[len(s)-1]
}

// resolved returns the text of the paragraphs, one a line, as accepting
// (or rejecting) all revisions leaves them: a paragraph whose mark is
// removed joins the next one.
func resolved(ps []xpara, accept bool) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text(accept))
		if keeps(p.mark, accept) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// withoutParts returns pkg without the parts whose names start with prefix.
func withoutParts(t testing.TB, pkg []byte, prefix string) []byte {
	return rewrite(t, pkg, func(name string, b []byte) ([]byte, bool) { return b, !strings.HasPrefix(name, prefix) })
}

// replacePart returns pkg with one part changed by f.
func replacePart(t testing.TB, pkg []byte, name string, f func([]byte) []byte) []byte {
	return rewrite(t, pkg, func(n string, b []byte) ([]byte, bool) {
		if n == name {
			return f(b), true
		}
		return b, true
	})
}

func rewrite(t testing.TB, pkg []byte, f func(string, []byte) ([]byte, bool)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		b := part(t, pkg, zf.Name)
		b, keep := f(zf.Name, b)
		if !keep {
			continue
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
