package pdf

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
)

// The embedded faces. DejaVu Serif Book and Bold cover Latin (including
// Vietnamese and Polish), Greek and Cyrillic; see fonts/LICENSE. Only two
// faces are embedded because every face costs fpdf a font parse, a subset
// and two compressed streams per document.
var (
	//go:embed fonts/DejaVuSerif.ttf
	ttfRegular []byte
	//go:embed fonts/DejaVuSerif-Bold.ttf
	ttfBold []byte
)

// face selects one of the embedded fonts.
type face uint8

const (
	regular face = iota
	bold
	numFaces
)

// fpdf style strings of the faces, indexed by face.
var faceStyle = [numFaces]string{regular: "", bold: "B"}

// fontFamily is the family name the faces are registered under in fpdf.
const fontFamily = "dejavuserif"

// Width markers, the same as fpdf's: a zero width means the font has no glyph
// for the rune; zeroWidth marks a glyph that does not advance (combining marks).
const zeroWidth = 0xFFFF

// metrics holds what layout needs of one face: the advance width of every BMP
// rune in thousandths of an em, computed exactly as fpdf computes its own
// width table, so that our line breaks agree with fpdf's justification.
type metrics struct {
	width [0x10000]uint16
}

// advance returns the width of r in thousandths of an em, or 0 for a
// non-advancing glyph. Runes without a glyph never reach layout (Render checks
// coverage first), so they are not distinguished here.
func (m *metrics) advance(r rune) int {
	if r < 0 || r > 0xFFFF {
		return 0
	}
	w := m.width[r]
	if w == zeroWidth {
		return 0
	}
	return int(w)
}

// has reports whether the face has a glyph for r.
func (m *metrics) has(r rune) bool {
	return r >= 0 && r <= 0xFFFF && m.width[r] != 0
}

// fontMetrics parses the embedded fonts once; the result is shared read-only
// by all goroutines.
var fontMetrics = sync.OnceValues(func() (*[numFaces]*metrics, error) {
	var all [numFaces]*metrics
	for f, b := range [numFaces][]byte{regular: ttfRegular, bold: ttfBold} {
		m, err := parseMetrics(b)
		if err != nil {
			return nil, fmt.Errorf("pdf: embedded font %d: %w", f, err)
		}
		all[f] = m
	}
	return &all, nil
})

// mustMetrics returns the parsed metrics. The fonts are compiled in and
// covered by tests, so a parse failure is a build defect.
func mustMetrics() *[numFaces]*metrics {
	m, err := fontMetrics()
	if err != nil {
		panic(err)
	}
	return m
}

var errFont = errors.New("malformed TrueType font")

// parseMetrics reads the advance widths of a TrueType font the way fpdf
// v0.9.0 does (utf8fontfile.go): the first format 4 subtable of a Unicode cmap
// (platform 3 encoding 1, or platform 0), hmtx advances scaled to 1000 units
// per em and rounded, glyph 0 meaning "missing", width 0 recorded as zeroWidth.
func parseMetrics(b []byte) (*metrics, error) {
	be := binary.BigEndian
	if len(b) < 12 {
		return nil, errFont
	}
	if v := be.Uint32(b); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("%w: not a TrueType outline font", errFont)
	}
	tables := map[string][]byte{}
	n := int(be.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil, errFont
		}
		off, size := int(be.Uint32(b[rec+8:])), int(be.Uint32(b[rec+12:]))
		if off < 0 || size < 0 || off+size > len(b) || off+size < off {
			return nil, errFont
		}
		tables[string(b[rec:rec+4])] = b[off : off+size]
	}
	head, hhea, maxp, hmtx, cmap := tables["head"], tables["hhea"], tables["maxp"], tables["hmtx"], tables["cmap"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 || cmap == nil {
		return nil, fmt.Errorf("%w: missing table", errFont)
	}
	unitsPerEm := int(be.Uint16(head[18:]))
	numHMetrics := int(be.Uint16(hhea[34:]))
	numGlyphs := int(be.Uint16(maxp[4:]))
	if unitsPerEm == 0 || numHMetrics == 0 || len(hmtx) < 4*numHMetrics {
		return nil, fmt.Errorf("%w: bad metrics", errFont)
	}
	scale := 1000 / float64(unitsPerEm)
	advance := func(gid int) uint16 {
		if gid >= numHMetrics {
			gid = numHMetrics - 1
		}
		a := int(be.Uint16(hmtx[4*gid:]))
		if a >= 1<<15 {
			a = 0
		}
		w := int(math.Round(scale * float64(a)))
		if w == 0 || w >= zeroWidth {
			return zeroWidth
		}
		return uint16(w)
	}

	sub, err := unicodeCmap4(cmap)
	if err != nil {
		return nil, err
	}
	m := new(metrics)
	segX2 := int(be.Uint16(sub[6:]))
	if segX2%2 != 0 || 16+4*segX2 > len(sub) {
		return nil, fmt.Errorf("%w: bad cmap", errFont)
	}
	ends := sub[14:]
	starts := sub[16+segX2:]
	deltas := sub[16+2*segX2:]
	rangeOffs := sub[16+3*segX2:]
	for s := 0; s < segX2; s += 2 {
		end, start := int(be.Uint16(ends[s:])), int(be.Uint16(starts[s:]))
		delta, ro := int(be.Uint16(deltas[s:])), int(be.Uint16(rangeOffs[s:]))
		for c := start; c <= end; c++ {
			gid := 0
			if ro == 0 {
				gid = (c + delta) & 0xFFFF
			} else {
				p := 16 + 3*segX2 + s + ro + 2*(c-start)
				if p+2 > len(sub) {
					continue
				}
				if gid = int(be.Uint16(sub[p:])); gid != 0 {
					gid = (gid + delta) & 0xFFFF
				}
			}
			if gid == 0 || gid >= numGlyphs || c == 0 || c == 0xFFFF {
				continue
			}
			m.width[c] = advance(gid)
		}
	}
	return m, nil
}

// unicodeCmap4 returns the first format 4 subtable of a Unicode cmap, the one
// fpdf uses.
func unicodeCmap4(cmap []byte) ([]byte, error) {
	be := binary.BigEndian
	if len(cmap) < 4 {
		return nil, errFont
	}
	n := int(be.Uint16(cmap[2:]))
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1 || platform == 0) || off+4 > len(cmap) || off < 0 {
			continue
		}
		if be.Uint16(cmap[off:]) != 4 {
			continue
		}
		length := int(be.Uint16(cmap[off+2:]))
		if off+length > len(cmap) || length < 16 {
			return nil, fmt.Errorf("%w: bad cmap subtable", errFont)
		}
		return cmap[off : off+length], nil
	}
	return nil, fmt.Errorf("%w: no Unicode format 4 cmap", errFont)
}

// CheckText reports the first rune of s that the embedded font cannot show
// (ok=false), so callers can report a validation error naming the field
// instead of failing at render time. A rune is showable when every embedded
// face has a glyph for it; runes outside the Basic Multilingual Plane (emoji)
// and control characters never are. Tabs and line breaks are accepted: Render
// treats them as word spaces. s is checked in Unicode normalization form C,
// the form Render draws, so a base letter followed by a combining accent is
// accepted when the font has the precomposed letter. Invalid UTF-8 is
// reported as utf8.RuneError.
func CheckText(s string) (r rune, ok bool) {
	return checkText(mustMetrics(), s)
}

// showable reports whether r can be drawn (or is layout whitespace).
func showable(m *[numFaces]*metrics, r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20 || r >= 0x7F && r < 0xA0:
		return false
	}
	for _, fm := range m {
		if !fm.has(r) {
			return false
		}
	}
	return true
}
