// This file is part of the changes ovk carries on fpdf v0.9.0 (see
// PATCHES.md). Use of this source code is governed by the MIT-style license
// in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// appendF64 appends v with prec decimals, as fmt's %.<prec>f prints it.
func appendF64(b []byte, v float64, prec int) []byte {
	if math.IsInf(v, 1) {
		return append(b, "Inf"...) // fmt drops the sign strconv writes
	}
	return strconv.AppendFloat(b, v, 'f', prec, 64)
}

// appendF64s appends each of vs with prec decimals and a space after it.
func appendF64s(b []byte, prec int, vs ...float64) []byte {
	for _, v := range vs {
		b = append(appendF64(b, v, prec), ' ')
	}
	return b
}

// appendEscapedUTF16 appends f.escape(utf8toutf16(s, false)) without the
// intermediate strings: the same byte-wise conversion, then the escapes of
// escape applied byte by byte.
func appendEscapedUTF16(b []byte, s string) []byte {
	put := func(b []byte, c byte) []byte {
		switch c {
		case '\\', '(', ')':
			return append(b, '\\', c)
		case '\r':
			return append(b, '\\', 'r')
		}
		return append(b, c)
	}
	nb := len(s)
	i := 0
	for i < nb {
		c1 := s[i]
		i++
		switch {
		case c1 >= 224:
			// 3-byte character
			c2 := s[i]
			i++
			c3 := s[i]
			i++
			b = put(b, ((c1&0x0F)<<4)+((c2&0x3C)>>2))
			b = put(b, ((c2&0x03)<<6)+(c3&0x3F))
		case c1 >= 192:
			// 2-byte character
			c2 := s[i]
			i++
			b = put(b, (c1&0x1C)>>2)
			b = put(b, ((c1&0x03)<<6)+(c2&0x3F))
		default:
			// Single-byte character
			b = put(append(b, 0), c1)
		}
	}
	return b
}

// runeBits is a set of runes below 2048.
type runeBits [2048 / 64]uint64

// markRunesUsed records the runes of s in the current font's usedRunes, as
// f.currentFont.usedRunes[int(r)] = int(r) for each rune did, skipping the
// map for runes already recorded.
func (f *Fpdf) markRunesUsed(s string) {
	used, seen := f.currentFont.usedRunes, f.currentFont.runeSeen
	for _, r := range s {
		if seen != nil && r > 0 && r < 2048 {
			if seen[r>>6]&(1<<(r&63)) != 0 {
				continue
			}
			seen[r>>6] |= 1 << (r & 63)
		}
		used[int(r)] = int(r)
	}
}

// outBytes is out for a byte slice.
func (f *Fpdf) outBytes(b []byte) {
	buf := &f.buffer.Buffer
	if f.state == 2 {
		buf = f.pages[f.page]
	}
	must(buf.Write(b))
	must(buf.WriteString("\n"))
}

// outFontOp writes the operator selecting the current font, as
// f.outf("BT /F%s %.2f Tf ET", f.currentFont.i, f.fontSizePt) did.
func (f *Fpdf) outFontOp() {
	b := append(append(f.fmt.buf[:0], "BT /F"...), f.currentFont.i...)
	b = appendF64(append(b, ' '), f.fontSizePt, 2)
	f.fmt.buf = append(b, " Tf ET"...)
	f.outBytes(f.fmt.buf)
}

// outXrefEntry writes a cross-reference entry for an object at offset, as
// f.outf("%010d 00000 n ", offset) did.
func (f *Fpdf) outXrefEntry(offset int) {
	b := f.fmt.buf[:0]
	if offset >= 0 && offset < 1e10 {
		var d [10]byte
		for i := 9; i >= 0; i-- {
			d[i] = byte('0' + offset%10)
			offset /= 10
		}
		b = append(b, d[:]...)
	} else {
		b = fmt.Appendf(b, "%010d", offset)
	}
	f.fmt.buf = append(b, " 00000 n "...)
	f.outBytes(f.fmt.buf)
}

// newPageBuffer returns the content buffer of a new page, with room for as
// much content as the previous page had: pages of a document tend to be
// alike, and a buffer grown by doubling allocates twice its final size.
func (f *Fpdf) newPageBuffer() *bytes.Buffer {
	if n := len(f.pages); n > 1 {
		return bytes.NewBuffer(make([]byte, 0, f.pages[n-1].Len()+f.pages[n-1].Len()/8))
	}
	return bytes.NewBufferString("")
}

// growBuffer makes room in the document buffer for what enddoc will
// write, estimated from the page contents and the attachments (which are
// written compressed) and some room for fonts.
func (f *Fpdf) growBuffer() {
	n := 48 << 10
	for _, p := range f.pages[1:] {
		n += p.Len() / 2
	}
	for _, a := range f.attachments {
		n += len(a.Content) / 2
	}
	f.buffer.Grow(n)
}
