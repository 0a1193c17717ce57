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
	// read; node 0 is the root. freeze then turns it into edges.
	next map[uint64]int32
	// The children of node n are edges[first[n]:first[n+1]], by rune. A
	// node with many children also has a table: dense[table[n]][r] is its
	// child for a rune below 256, or -1 (table[n] is -1 for the others).
	first []int32
	edges []edge
	table []int32
	dense [][256]int32
	// levels[n] are the inter-letter values of the pattern ending at node n
	// (one more than the pattern's letters), or nil, while the patterns are
	// read; freeze keeps only the values that are not zero, as
	// values[vfirst[n]:vfirst[n+1]].
	levels [][]uint8
	vfirst []int32
	values []value
}

// value is a non-zero Liang value at offset at from a pattern's start.
type value struct{ at, v uint8 }

// denseMin is the number of children from which a node has a table.
const denseMin = 6

// edge leads from a trie node to its child for rune r.
type edge struct {
	r     rune
	child int32
}

// freeze builds the edge lists from next.
func (p *Patterns) freeze() {
	n := len(p.levels)
	count := make([]int32, n+1)
	for k := range p.next {
		count[k>>32+1]++
	}
	p.first = make([]int32, n+1)
	for i := 1; i <= n; i++ {
		p.first[i] = p.first[i-1] + count[i]
	}
	p.edges = make([]edge, len(p.next))
	fill := slices.Clone(p.first[:n])
	for k, child := range p.next {
		node := k >> 32
		p.edges[fill[node]] = edge{rune(uint32(k)), child}
		fill[node]++
	}
	for i := range n {
		e := p.edges[p.first[i]:p.first[i+1]]
		slices.SortFunc(e, func(a, b edge) int { return int(a.r - b.r) })
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
	p.levels = nil
	p.table = make([]int32, n)
	for i := range n {
		p.table[i] = -1
		if p.first[i+1]-p.first[i] < denseMin {
			continue
		}
		var d [256]int32
		for r := range d {
			d[r] = -1
		}
		for _, e := range p.edges[p.first[i]:p.first[i+1]] {
			if e.r < 256 {
				d[e.r] = e.child
			}
		}
		p.table[i] = int32(len(p.dense))
		p.dense = append(p.dense, d)
	}
	p.next = nil
}

// child returns the child of node for r, or -1.
func (p *Patterns) child(node int32, r rune) int32 {
	if t := p.table[node]; t >= 0 && r < 256 {
		return p.dense[t][r]
	}
	for _, e := range p.edges[p.first[node]:p.first[node+1]] {
		if e.r >= r {
			if e.r == r {
				return e.child
			}
			break
		}
	}
	return -1
}

func key(node int32, r rune) uint64 { return uint64(node)<<32 | uint64(uint32(r)) }

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
	at := func(i int) rune {
		if i == 0 || i == n-1 {
			return '.'
		}
		return word[i-1]
	}
	for i := range n {
		node := int32(0)
		for j := i; j < n; j++ {
			child := p.child(node, at(j))
			if child < 0 {
				break
			}
			node = child
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
