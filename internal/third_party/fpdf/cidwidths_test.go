// This file is part of the changes ovk carries on fpdf v0.9.0 (see
// PATCHES.md). Use of this source code is governed by the MIT-style license
// in the LICENSE file.

package fpdf

import (
	"math/rand"
	"os"
	"testing"
)

// generateCIDFontMapV090 is generateCIDFontMap as fpdf v0.9.0 has it (but
// returning the /W entry instead of writing it): the reference for
// TestCIDFontMapMatchesV090.
func generateCIDFontMapV090(font *fontDefType, LastRune int) string {
	rangeID := 0
	cidArray := make(map[int]*untypedKeyMap)
	cidArrayKeys := make([]int, 0)
	prevCid := -2
	prevWidth := -1
	interval := false
	startCid := 1
	cwLen := LastRune + 1

	// for each character
	for cid := startCid; cid < cwLen; cid++ {
		if font.Cw[cid] == 0x00 {
			continue
		}
		width := font.Cw[cid]
		if width == 65535 {
			width = 0
		}
		if numb, OK := font.usedRunes[cid]; cid > 255 && (!OK || numb == 0) {
			continue
		}

		if cid == prevCid+1 {
			if width == prevWidth {

				if width == cidArray[rangeID].get(0) {
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].pop()
					rangeID = prevCid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]interface{}, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, prevWidth)
					cidArray[rangeID].put(nil, width)
				}
				interval = true
				cidArray[rangeID].put("interval", 1)
			} else {
				if interval {
					// new range
					rangeID = cid
					r := untypedKeyMap{
						valueSet: make([]int, 0),
						keySet:   make([]interface{}, 0),
					}
					cidArray[rangeID] = &r
					cidArrayKeys = append(cidArrayKeys, rangeID)
					cidArray[rangeID].put(nil, width)
				} else {
					cidArray[rangeID].put(nil, width)
				}
				interval = false
			}
		} else {
			rangeID = cid
			r := untypedKeyMap{
				valueSet: make([]int, 0),
				keySet:   make([]interface{}, 0),
			}
			cidArray[rangeID] = &r
			cidArrayKeys = append(cidArrayKeys, rangeID)
			cidArray[rangeID].put(nil, width)
			interval = false
		}
		prevCid = cid
		prevWidth = width

	}
	previousKey := -1
	nextKey := -1
	isInterval := false
	for g := 0; g < len(cidArrayKeys); {
		key := cidArrayKeys[g]
		ws := *cidArray[key]
		cws := len(ws.keySet)
		if (key == nextKey) && (!isInterval) && (ws.getIndex("interval") < 0 || cws < 4) {
			if cidArray[key].getIndex("interval") >= 0 {
				cidArray[key].delete("interval")
			}
			cidArray[previousKey] = arrayMerge(cidArray[previousKey], cidArray[key])
			cidArrayKeys = remove(cidArrayKeys, key)
		} else {
			g++
			previousKey = key
		}
		nextKey = key + cws
		if ws.getIndex("interval") >= 0 {
			if cws > 3 {
				isInterval = true
			} else {
				isInterval = false
			}
			cidArray[key].delete("interval")
			nextKey--
		} else {
			isInterval = false
		}
	}
	var w fmtBuffer
	for _, k := range cidArrayKeys {
		ws := cidArray[k]
		if len(arrayCountValues(ws.valueSet)) == 1 {
			w.printf(" %d %d %d", k, k+len(ws.valueSet)-1, ws.get(0))
		} else {
			w.printf(" %d [ %s ]\n", k, implode(" ", ws.valueSet))
		}
	}
	return "/W [" + w.String() + " ]"
}

// usedRuneSet makes a usedRunes map as a document would: the runes 0..56
// pre-filled with 0 (see makeSubsetRange), drawn runes r at key r. It
// returns the map and LastRune as GenerateCutFont computes it.
func usedRuneSet(drawn []int) (map[int]int, int) {
	used := makeSubsetRange(57)
	for _, r := range drawn {
		used[r] = r
	}
	delete(used, 0)
	last := 0
	for _, v := range used {
		last = max(last, v)
	}
	return used, last
}

func checkCIDFontMap(t *testing.T, name string, cw []int, drawn []int) {
	t.Helper()
	used, last := usedRuneSet(drawn)
	font := &fontDefType{Cw: cw, usedRunes: used}
	want := generateCIDFontMapV090(font, last)
	if got := (&Fpdf{}).generateCIDFontMap(font, last); got != want {
		t.Fatalf("%s: drawn %v:\ngot  %q\nwant %q", name, drawn, got, want)
	}
}

// TestCIDFontMapMatchesV090 checks that the /W entry is the one fpdf v0.9.0
// writes, for real fonts and for width tables made to have many runs of
// equal widths, gaps and zero widths.
func TestCIDFontMapMatchesV090(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	randomDrawn := func(covered []int, n int) []int {
		var d []int
		for i := 0; i < n; i++ {
			d = append(d, covered[r.Intn(len(covered))])
		}
		return d
	}
	for _, file := range []string{"../../pdf/fonts/DejaVuSerif.ttf", "../../pdf/fonts/DejaVuSerif-Bold.ttf"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Logf("skipping %s: %v", file, err)
			continue
		}
		u, err := parsedUTF8Font(b)
		if err != nil {
			t.Fatal(err)
		}
		var covered []int
		for c := 1; c < len(u.CharWidths); c++ {
			if u.CharWidths[c] != 0 {
				covered = append(covered, c)
			}
		}
		for i := 0; i < 300; i++ {
			checkCIDFontMap(t, file, u.CharWidths, randomDrawn(covered, r.Intn(400)))
		}
		checkCIDFontMap(t, file, u.CharWidths, covered)
	}
	for i := 0; i < 2000; i++ {
		cw := make([]int, 2048)
		alphabet := []int{0, 65535, 500, 500, 600, 700}[:2+r.Intn(4)]
		for c := range cw {
			if r.Intn(8) == 0 || c > 0 && r.Intn(3) > 0 {
				cw[c] = alphabet[r.Intn(len(alphabet))]
			} else if c > 0 {
				cw[c] = cw[c-1] // runs of equal widths
			}
		}
		var covered []int
		for c := 1; c < len(cw); c++ {
			if cw[c] != 0 {
				covered = append(covered, c)
			}
		}
		if len(covered) == 0 {
			continue
		}
		checkCIDFontMap(t, "synthetic", cw, randomDrawn(covered, r.Intn(600)))
	}
}
