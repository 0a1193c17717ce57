// This file is part of the changes ovk carries on fpdf v0.9.0 (see
// PATCHES.md). Use of this source code is governed by the MIT-style license
// in the LICENSE file.

package fpdf

import (
	"container/list"
	"slices"
	"sync"
)

// A utf8SubsetData is what putfonts writes for a UTF-8 font besides object
// numbers: the /W entry of the CIDFont, the compressed CIDToGIDMap and the
// compressed subset font program. All of it is a function of the font file
// and of the set of runes the document used, so documents that use the same
// runes of the same font can share it (see subsetCache). The byte slices are
// shared and must not be modified.
type utf8SubsetData struct {
	widths       string
	cidToGIDMap  []byte
	fontFile     []byte
	fontFileSize int // uncompressed size of fontFile (/Length1)
}

// subsetKey identifies a subset exactly: the font bytes (by identity, as in
// parsedUTF8Font) and the used runes, encoded by usedRunesKey.
type subsetKey struct {
	font  fontCacheKey
	runes string
}

// subsetCacheBytes bounds the memory held by subsetCache. A subset of a
// Latin text font is some 20 KB, so this holds a few hundred. (A variable
// for the tests.)
var subsetCacheBytes = 8 << 20

// subsetCache holds recently generated subsets, least recently used first
// out. Since an entry is a pure function of its key, output never depends
// on what is cached, only the time it takes does.
var subsetCache = struct {
	sync.Mutex
	m     map[subsetKey]*list.Element // of *subsetCacheEntry
	lru   list.List
	bytes int
}{m: map[subsetKey]*list.Element{}}

type subsetCacheEntry struct {
	key  subsetKey
	data *utf8SubsetData
	size int
}

// utf8Subset returns the subset data of font for the runes used so far,
// from subsetCache when possible.
func (f *Fpdf) utf8Subset(font *fontDefType) *utf8SubsetData {
	delete(font.usedRunes, 0)
	arr := font.utf8File.fileReader.array
	runes, ok := usedRunesKey(font.usedRunes)
	if !ok || len(arr) == 0 {
		return f.makeUTF8Subset(font)
	}
	key := subsetKey{fontCacheKey{&arr[0], len(arr)}, runes}
	c := &subsetCache
	c.Lock()
	if e, ok := c.m[key]; ok {
		c.lru.MoveToFront(e)
		c.Unlock()
		return e.Value.(*subsetCacheEntry).data
	}
	c.Unlock()

	sub := f.makeUTF8Subset(font)
	if sub.fontFileSize == 0 {
		return sub // GenerateCutFont failed; do not remember that
	}
	size := len(key.runes) + len(sub.widths) + len(sub.cidToGIDMap) + len(sub.fontFile) + 256
	if size > subsetCacheBytes/4 {
		return sub
	}
	c.Lock()
	defer c.Unlock()
	if _, ok := c.m[key]; ok {
		return sub // made concurrently; both are the same
	}
	c.m[key] = c.lru.PushFront(&subsetCacheEntry{key, sub, size})
	c.bytes += size
	for c.bytes > subsetCacheBytes {
		old := c.lru.Remove(c.lru.Back()).(*subsetCacheEntry)
		delete(c.m, old.key)
		c.bytes -= old.size
	}
	return sub
}

// usedRunesKey encodes the rune set of a usedRunes map as a string, three
// bytes per rune in increasing order. The map's values are what the subset
// is made of (GenerateCutFont ranges over them), its keys decide which wide
// CIDs get a width (generateCIDFontMap): fpdf stores r at key r for a drawn
// rune and 0 at the keys it pre-fills. The key records the drawn runes and
// whether a 0 value is present; any other content (ok=false) is not cached.
func usedRunesKey(used map[int]int) (key string, ok bool) {
	runes := make([]int, 0, len(used))
	zero := false
	for k, v := range used {
		switch {
		case v == 0:
			zero = true
		case v == k && k > 0 && k < 1<<24:
			runes = append(runes, k)
		default:
			return "", false
		}
	}
	slices.Sort(runes)
	b := make([]byte, 1, 1+3*len(runes))
	if zero {
		b[0] = 1
	}
	for _, r := range runes {
		b = append(b, byte(r>>16), byte(r>>8), byte(r))
	}
	return string(b), true
}

// makeUTF8Subset generates the subset data of font, as putfonts in fpdf
// v0.9.0 did inline.
func (f *Fpdf) makeUTF8Subset(font *fontDefType) *utf8SubsetData {
	utf8FontStream := font.utf8File.GenerateCutFont(font.usedRunes)
	codeSignDictionary := font.utf8File.CodeSymbolDictionary
	delete(codeSignDictionary, 0)
	sub := &utf8SubsetData{
		widths:       f.generateCIDFontMap(font, font.utf8File.LastRune),
		fontFileSize: len(utf8FontStream),
	}

	// CIDs beyond the end of the map use glyph 0, so the map need only
	// reach the highest CID used.
	maxCID := 0
	for cc := range codeSignDictionary {
		maxCID = max(maxCID, cc)
	}
	cidToGidMap := make([]byte, (maxCID+1)*2)
	for cc, glyph := range codeSignDictionary {
		cidToGidMap[cc*2] = byte(glyph >> 8)
		cidToGidMap[cc*2+1] = byte(glyph & 0xFF)
	}
	mem := xmem.compress(cidToGidMap)
	sub.cidToGIDMap = mem.copy()
	mem.release()

	mem = xmem.compress(utf8FontStream)
	sub.fontFile = mem.copy()
	mem.release()
	return sub
}

// putSharedStream is putstream for bytes that others may be reading:
// encryption, which works in place, gets a copy.
func (f *Fpdf) putSharedStream(b []byte) {
	if f.protect.encrypted {
		b = slices.Clone(b)
	}
	f.putstream(b)
}
