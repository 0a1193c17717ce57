package hyphen

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Patterns is a set of Liang hyphenation patterns (the TeX and libhyphen
// kind: "a1b", ".ge5r4e"), stored as a trie over runes.
type Patterns struct {
	// next maps (node, rune) to the child node while the patterns are
	// read; node 0 is the root. freeze then turns it into kids.
	// The letters of the patterns have codes 1..nsym (sym, for runes below
	// 256, and symOther for the others); kids[n*(nsym+1)+c] is the child of
	// node n for the letter of code c, or 0 (the root is nobody's child).
	next     map[uint64]int32
	sym      [256]uint16
	symOther map[rune]uint16
	nsym     int
	kids     []int32
	// levels[n] are the inter-letter values of the pattern ending at node n
	// (one more than the pattern's letters), or nil, while the patterns are
	// read; freeze keeps only the values that are not zero, as
	// values[vfirst[n]:vfirst[n+1]].
	levels [][]uint8
	vfirst []int32
	values []value
}

// key is the key of next for the child of node for r.
func key(node int32, r rune) uint64 { return uint64(node)<<32 | uint64(uint32(r)) }

// value is a non-zero Liang value at offset at from a pattern's start.
type value struct{ at, v uint8 }

// freeze builds kids from next.
func (p *Patterns) freeze() {
	p.symOther = map[rune]uint16{}
	code := func(r rune) {
		p.nsym++
		if r < 256 {
			p.sym[r] = uint16(p.nsym)
		} else {
			p.symOther[r] = uint16(p.nsym)
		}
	}
	// Codes in rune order, so that they do not depend on map order.
	runes := make([]rune, 0, 64)
	seen := map[rune]bool{}
	for k := range p.next {
		if r := rune(uint32(k)); !seen[r] {
			seen[r] = true
			runes = append(runes, r)
		}
	}
	slices.Sort(runes)
	for _, r := range runes {
		code(r)
	}
	n := len(p.levels)
	stride := p.nsym + 1
	p.kids = make([]int32, n*stride)
	for k, child := range p.next {
		p.kids[int(k>>32)*stride+int(p.symbol(rune(uint32(k))))] = child
	}
	p.vfirst = make([]int32, n+1)
	for i, lv := range p.levels {
		for at, v := range lv {
			if v != 0 {
				p.values = append(p.values, value{uint8(at), v})
			}
		}
		p.vfirst[i+1] = int32(len(p.values))
	}
	p.levels, p.next = nil, nil
}

// symbol returns the code of r, or 0 when no pattern has r.
func (p *Patterns) symbol(r rune) uint16 {
	if r < 256 {
		return p.sym[r]
	}
	return p.symOther[r]
}

// child returns the child of node for r, or 0.
func (p *Patterns) child(node int32, r rune) int32 {
	c := p.symbol(r)
	if c == 0 {
		return 0
	}
	return p.kids[int(node)*(p.nsym+1)+int(c)]
}

// ParsePatterns reads patterns one per line, as in a libhyphen .dic file:
// a first line naming the charset ("ISO8859-1" or "UTF-8"), then the
// patterns. Lines starting with '%' or '#' and keyword lines in capitals
// (LEFTHYPHENMIN 2, NEXTLEVEL) are skipped. ISO 8859-1 input is decoded
// byte by byte.
func ParsePatterns(data []byte) (*Patterns, error) {
	p := &Patterns{next: make(map[uint64]int32, 1<<16), levels: [][]uint8{nil}}
	latin1 := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			switch cs := string(line); cs {
			case "ISO8859-1", "ISO-8859-1":
				latin1 = true
				continue
			case "UTF-8":
				continue
			}
		}
		if len(line) == 0 || line[0] == '%' || line[0] == '#' || isKeyword(line) {
			continue
		}
		var runes []rune
		if latin1 {
			runes = make([]rune, len(line))
			for i, b := range line {
				runes[i] = rune(b)
			}
		} else {
			if !utf8.Valid(line) {
				return nil, fmt.Errorf("hyphen: line %d: not UTF-8", n)
			}
			runes = []rune(string(line))
		}
		if err := p.add(runes); err != nil {
			return nil, fmt.Errorf("hyphen: line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	p.freeze()
	return p, nil
}

// isKeyword reports whether a line is a libhyphen keyword line.
func isKeyword(line []byte) bool {
	for _, c := range line {
		if c >= 'A' && c <= 'Z' {
			return true
		}
		if c == ' ' {
			break
		}
	}
	return false
}

// add inserts one pattern, e.g. ".ge5r4e".
func (p *Patterns) add(pat []rune) error {
	lv := make([]uint8, 1, len(pat)+1)
	node := int32(0)
	for _, r := range pat {
		if r >= '0' && r <= '9' {
			lv[len(lv)-1] = uint8(r - '0')
			continue
		}
		if r != '.' && !unicode.IsLetter(r) && r != '\'' {
			return fmt.Errorf("unexpected %q in pattern %q", r, string(pat))
		}
		k := key(node, r)
		child, ok := p.next[k]
		if !ok {
			child = int32(len(p.levels))
			p.levels = append(p.levels, nil)
			p.next[k] = child
		}
		node = child
		lv = append(lv, 0)
	}
	if node == 0 {
		return fmt.Errorf("empty pattern")
	}
	p.levels[node] = lv
	return nil
}

// Points returns the Liang values between the letters of word (lower case,
// letters only): v[i] is the value of the position before word[i]; an odd
// value permits a break there. v has len(word)+1 entries; buf is reused
// when it is large enough.
func (p *Patterns) Points(word []rune, buf []uint8) []uint8 {
	n := len(word) + 2 // with the dots at both ends
	if cap(buf) < n+1 {
		buf = make([]uint8, n+1)
	}
	v := buf[:n+1]
	clear(v)
	var pbuf [66]rune
	padded := pbuf[:0]
	if n > len(pbuf) {
		padded = make([]rune, 0, n)
	}
	padded = append(append(append(padded, '.'), word...), '.')
	for i := range n {
		node := int32(0)
		for _, r := range padded[i:] {
			node = p.child(node, r)
			if node == 0 {
				break
			}
			for _, x := range p.values[p.vfirst[node]:p.vfirst[node+1]] {
				if k := i + int(x.at); x.v > v[k] {
					v[k] = x.v
				}
			}
		}
	}
	// v[k] is the value before padded letter k, that is before word[k-1].
	return v[1:n]
}
