package pdf

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
)

// This file is a small, forgiving reader of PDF objects: just enough to find
// an embedded file in what fpdf writes, also after incremental updates. It
// works on a byte slice and never panics; every loop is bounded by the input.

// pobj is a parsed PDF object: nil (null), bool, int64, float64, pname,
// pstring, []pobj, pdict, pref or *pstream.
type pobj any

type (
	pname   string
	pstring []byte
	pdict   map[string]pobj
	pref    struct{ num, gen int64 }
	pstream struct {
		dict pdict
		data []byte
	}
)

var errSyntax = errors.New("PDF syntax error")

// pdfDoc is the set of objects found in a file.
type pdfDoc struct {
	b    []byte
	objs map[int64]pobj
	// budget bounds the bytes the parser may examine in total. A damaged
	// file can make parses fail far from where they start (an unterminated
	// string runs to the end of the file), and a file full of such starts
	// would otherwise take quadratic time.
	budget int
}

// spend charges n bytes of parsing work and reports whether the budget
// still holds.
func (d *pdfDoc) spend(n int) bool {
	d.budget -= max(n, 1)
	return d.budget >= 0
}

// scan finds every "N G obj … endobj" in b; a later definition of an object
// number replaces an earlier one, as in an incremental update. Stream data is
// skipped, so bytes inside streams are not mistaken for objects.
func scan(b []byte) *pdfDoc {
	d := &pdfDoc{b: b, objs: map[int64]pobj{}, budget: 16*len(b) + 1<<20}
	for i := 0; i < len(b); {
		k := bytes.Index(b[i:], []byte("obj"))
		if k < 0 {
			break
		}
		at := i + k
		i = at + 3
		num, ok := objHeader(b, at)
		if !ok {
			continue
		}
		p := parser{b: b, pos: at + 3}
		o, err := p.object(0)
		if !d.spend(p.pos - at) {
			break
		}
		if err != nil {
			continue
		}
		if dict, ok := o.(pdict); ok && p.keyword("stream") {
			data, end, reach := streamData(b, p.pos, d, dict)
			if !d.spend(reach - p.pos) {
				break
			}
			if data == nil {
				continue
			}
			o = &pstream{dict: dict, data: data}
			p.pos = end
		}
		d.objs[num] = o
		i = max(i, p.pos)
	}
	d.unpackObjectStreams()
	return d
}

// unpackObjectStreams adds the objects of compressed object streams (PDF
// 1.5, as written by tools that re-save a file) that are not also defined
// directly; a direct definition is taken to be the newer one.
func (d *pdfDoc) unpackObjectStreams() {
	var nums []int64
	for num, o := range d.objs {
		if s, ok := o.(*pstream); ok {
			if t, _ := s.dict["Type"].(pname); t == "ObjStm" {
				nums = append(nums, num)
			}
		}
	}
	slices.Sort(nums) // deterministic: a later stream's definition wins
	found := map[int64]pobj{}
streams:
	for _, num := range nums {
		s := d.objs[num].(*pstream)
		data, err := d.decodeStream(s, min(maxObjStmSize, max(d.budget, 0)))
		if err != nil || !d.spend(len(data)) {
			continue
		}
		n, _ := d.resolve(s.dict["N"]).(int64)
		first, _ := d.resolve(s.dict["First"]).(int64)
		if n <= 0 || first <= 0 || first > int64(len(data)) || n > first {
			continue
		}
		hp := parser{b: data[:first]}
		for range n {
			num, err1 := hp.object(maxDepth)
			off, err2 := hp.object(maxDepth)
			onum, ok1 := num.(int64)
			ooff, ok2 := off.(int64)
			if err1 != nil || err2 != nil || !ok1 || !ok2 || ooff < 0 || ooff > int64(len(data))-first {
				break
			}
			p := parser{b: data, pos: int(first + ooff)}
			o, err := p.object(0)
			if !d.spend(p.pos - int(first+ooff)) {
				break streams
			}
			if err == nil {
				if _, direct := d.objs[onum]; !direct {
					found[onum] = o
				}
			}
		}
	}
	for num, o := range found {
		d.objs[num] = o
	}
}

// objHeader checks that the "obj" at b[at:] is preceded by "N G " and
// followed by white space or a delimiter, and returns N.
func objHeader(b []byte, at int) (num int64, ok bool) {
	if at+3 < len(b) && !isDelim(b[at+3]) && !isSpace(b[at+3]) {
		return 0, false
	}
	j := at
	skipBack := func(pred func(byte) bool) int {
		n := 0
		for j > 0 && pred(b[j-1]) {
			j--
			n++
		}
		return n
	}
	if skipBack(isSpace) == 0 || skipBack(isDigit) == 0 || skipBack(isSpace) == 0 {
		return 0, false
	}
	end := j
	if skipBack(isDigit) == 0 || end-j > 10 {
		return 0, false
	}
	if j > 0 && !isSpace(b[j-1]) && !isDelim(b[j-1]) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(b[j:end]), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

// streamData returns the data of a stream whose keyword "stream" ended at
// pos, and the offset after "endstream" (data is nil if there is none). It
// trusts /Length when it is followed by "endstream", and otherwise looks for
// "endstream"; reach is how far it looked.
func streamData(b []byte, pos int, d *pdfDoc, dict pdict) (data []byte, end, reach int) {
	if pos < len(b) && b[pos] == '\r' {
		pos++
	}
	if pos < len(b) && b[pos] == '\n' {
		pos++
	}
	// /Length may be an indirect object defined earlier in the file.
	if n, isInt := d.resolve(dict["Length"]).(int64); isInt && n >= 0 && n <= int64(len(b)-pos) {
		e := pos + int(n)
		p := parser{b: b, pos: e}
		if p.keyword("endstream") {
			return b[pos:e], p.pos, p.pos
		}
	}
	k := bytes.Index(b[pos:], []byte("endstream"))
	if k < 0 {
		return nil, 0, len(b)
	}
	e := pos + k
	if e > pos && b[e-1] == '\n' {
		e--
	}
	if e > pos && b[e-1] == '\r' {
		e--
	}
	return b[pos:e], pos + k + len("endstream"), pos + k + len("endstream")
}

// resolve follows references to a direct object; unknown references and
// reference cycles give nil.
func (d *pdfDoc) resolve(o pobj) pobj {
	for range maxDepth {
		r, ok := o.(pref)
		if !ok {
			return o
		}
		o = d.objs[r.num]
	}
	return nil
}

// root returns the /Root reference of the last trailer dictionary (the
// newest after incremental updates), or else of the last cross-reference
// stream, or else the last catalog object found.
func (d *pdfDoc) root() pobj {
	b := d.b
	for end := len(b); end > 0; {
		k := bytes.LastIndex(b[:end], []byte("trailer"))
		if k < 0 {
			break
		}
		end = k
		p := parser{b: b, pos: k + len("trailer")}
		t, err := p.object(0)
		if !d.spend(p.pos - k) {
			break
		}
		if err == nil {
			if dict, ok := t.(pdict); ok {
				if _, ok := d.resolve(dict["Root"]).(pdict); ok {
					return dict["Root"]
				}
			}
		}
	}
	var catalog pobj
	var best int64 = -1
	for num, o := range d.objs {
		var dict pdict
		switch o := o.(type) {
		case *pstream:
			dict = o.dict
		case pdict:
			dict = o
		}
		if dict == nil {
			continue
		}
		// Map order is random: prefer the highest object number, which is
		// deterministic and, in practice, the newest.
		if t, _ := dict["Type"].(pname); (t == "XRef" || t == "Catalog") && num > best {
			if t == "XRef" {
				if _, ok := d.resolve(dict["Root"]).(pdict); !ok {
					continue
				}
				catalog, best = dict["Root"], num
			} else {
				catalog, best = dict, num
			}
		}
	}
	return catalog
}

// parser reads PDF objects from b starting at pos.
type parser struct {
	b   []byte
	pos int
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skip skips white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// keyword consumes the keyword kw (after white space) if it is next.
func (p *parser) keyword(kw string) bool {
	save := p.pos
	p.skip()
	if bytes.HasPrefix(p.b[p.pos:], []byte(kw)) {
		e := p.pos + len(kw)
		if e == len(p.b) || isSpace(p.b[e]) || isDelim(p.b[e]) {
			p.pos = e
			return true
		}
	}
	p.pos = save
	return false
}

// regular returns the run of regular characters at pos.
func (p *parser) regular() []byte {
	s := p.pos
	for p.pos < len(p.b) && !isSpace(p.b[p.pos]) && !isDelim(p.b[p.pos]) {
		p.pos++
	}
	return p.b[s:p.pos]
}

// object parses one direct object or reference.
func (p *parser) object(depth int) (pobj, error) {
	if depth > maxDepth {
		return nil, errSyntax
	}
	p.skip()
	if p.pos >= len(p.b) {
		return nil, errSyntax
	}
	switch c := p.b[p.pos]; c {
	case '/':
		p.pos++
		return pname(decodeName(p.regular())), nil
	case '(':
		return p.literal()
	case '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			p.pos += 2
			return p.dict(depth)
		}
		return p.hex()
	case '[':
		p.pos++
		arr := []pobj{}
		for {
			p.skip()
			if p.pos >= len(p.b) {
				return nil, errSyntax
			}
			if p.b[p.pos] == ']' {
				p.pos++
				return arr, nil
			}
			o, err := p.object(depth + 1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, o)
		}
	}
	tok := p.regular()
	switch string(tok) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	case "":
		return nil, errSyntax
	}
	if n, err := strconv.ParseInt(string(tok), 10, 64); err == nil {
		// "N G R" is a reference.
		save := p.pos
		p.skip()
		if g := p.regular(); len(g) > 0 {
			if gen, err := strconv.ParseInt(string(g), 10, 64); err == nil && p.keyword("R") {
				return pref{n, gen}, nil
			}
		}
		p.pos = save
		return n, nil
	}
	if f, err := strconv.ParseFloat(string(tok), 64); err == nil {
		return f, nil
	}
	return nil, errSyntax
}

// dict parses a dictionary after "<<".
func (p *parser) dict(depth int) (pobj, error) {
	d := pdict{}
	for {
		p.skip()
		if p.pos+1 < len(p.b) && p.b[p.pos] == '>' && p.b[p.pos+1] == '>' {
			p.pos += 2
			return d, nil
		}
		if p.pos >= len(p.b) || p.b[p.pos] != '/' {
			return nil, errSyntax
		}
		p.pos++
		key := decodeName(p.regular())
		v, err := p.object(depth + 1)
		if err != nil {
			return nil, err
		}
		d[key] = v
	}
}

// literal parses a literal string "( … )".
func (p *parser) literal() (pobj, error) {
	p.pos++ // (
	var out []byte
	nest := 0
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			nest++
		case ')':
			if nest == 0 {
				return pstring(out), nil
			}
			nest--
		case '\\':
			if p.pos >= len(p.b) {
				return nil, errSyntax
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; k++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e // \( \) \\ and unknown escapes
				}
			}
		}
		out = append(out, c)
	}
	return nil, errSyntax
}

// hex parses a hexadecimal string "< … >".
func (p *parser) hex() (pobj, error) {
	p.pos++ // <
	var out []byte
	hi, half := byte(0), false
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		if c == '>' {
			if half {
				out = append(out, hi<<4)
			}
			return pstring(out), nil
		}
		if isSpace(c) {
			continue
		}
		v, ok := unhex(c)
		if !ok {
			return nil, errSyntax
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return nil, errSyntax
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeName resolves #xx escapes in a name.
func decodeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, ok1 := unhex(b[i+1])
			l, ok2 := unhex(b[i+2])
			if ok1 && ok2 {
				out = append(out, h<<4|l)
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
