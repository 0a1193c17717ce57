// This file is part of the changes ovk carries on fpdf v0.9.0 (see
// PATCHES.md). Use of this source code is governed by the MIT-style license
// in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"math/rand"
	"os"
	"sync"
	"testing"
	"time"
)

// subsetTestDoc renders lines of text with a regular and a bold UTF-8 face.
func subsetTestDoc(t testing.TB, regular, bold []byte, lines []string) []byte {
	f := New("P", "mm", "A4", "")
	f.SetCatalogSort(true)
	f.SetCreationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	f.SetModificationDate(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	f.AddUTF8FontFromBytes("serif", "", regular)
	f.AddUTF8FontFromBytes("serif", "B", bold)
	f.AddPage()
	for i, l := range lines {
		f.SetFont("serif", []string{"", "B"}[i%2], 11)
		f.CellFormat(0, 6, l, "", 1, []string{"L", "J"}[i%2], false, 0, "")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSubsetCacheIsInvisible renders documents with different rune sets
// with the cache off, then in random orders, concurrently, with a cache too
// small to hold them all, and checks that every output is the uncached one.
func TestSubsetCacheIsInvisible(t *testing.T) {
	regular, err1 := os.ReadFile("../../pdf/fonts/DejaVuSerif.ttf")
	bold, err2 := os.ReadFile("../../pdf/fonts/DejaVuSerif-Bold.ttf")
	if err1 != nil || err2 != nil {
		t.Skip("test fonts not found:", err1, err2)
	}
	extra := []string{"", "Nguyễn Thị Hoa", "Łukasz Wróblewski", "Zoë Çelik", "Şükrü Ağaoğlu", "Đorđe Petrović", "Ψυχή", "Жанна", "ÆØÅ æøå"}
	var docs [][]string
	for i := range extra {
		for j := range extra {
			if i < j || i == 0 && j == 0 {
				docs = append(docs, []string{"Samenwerkingsovereenkomst " + extra[i], "tussen de partijen " + extra[j] + " (en anderen)", fmt.Sprint(i, j)})
			}
		}
	}

	// Documents that differ in one letter only.
	for _, letter := range []string{"ễ", "ị", "Ł", "ž", "ω"} {
		docs = append(docs, []string{"Samenwerkingsovereenkomst " + letter, "tussen de partijen " + letter, "9"})
	}

	defer func(n int) { subsetCacheBytes = n }(subsetCacheBytes)
	subsetCacheBytes = 0
	want := make([][]byte, len(docs))
	for i, d := range docs {
		want[i] = subsetTestDoc(t, regular, bold, d)
	}
	for i := range want {
		for j := 0; j < i; j++ {
			if bytes.Equal(want[i], want[j]) {
				t.Fatalf("documents %d and %d are the same", i, j)
			}
		}
	}

	// Room for about eight of the 84 subsets (two per document).
	subsetCacheBytes = 8 * 32 << 10
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(seed int64) {
			defer wg.Done()
			r := rand.New(rand.NewSource(seed))
			for n := 0; n < 60; n++ {
				i := r.Intn(len(docs))
				if i%3 == 0 {
					i = r.Intn(3) // some documents often: hits as well as misses
				}
				if got := subsetTestDoc(t, regular, bold, docs[i]); !bytes.Equal(got, want[i]) {
					t.Errorf("document %d differs after the cache served others", i)
					return
				}
			}
		}(int64(g))
	}
	wg.Wait()

	c := &subsetCache
	c.Lock()
	defer c.Unlock()
	size := 0
	for e := c.lru.Front(); e != nil; e = e.Next() {
		size += e.Value.(*subsetCacheEntry).size
	}
	if c.lru.Len() != len(c.m) || size != c.bytes || size > subsetCacheBytes || c.lru.Len() < 2 {
		t.Errorf("cache holds %d entries (%d in map) of %d bytes (counted %d), limit %d", c.lru.Len(), len(c.m), size, c.bytes, subsetCacheBytes)
	}
}

func TestUsedRunesKey(t *testing.T) {
	for _, tc := range []struct {
		used map[int]int
		key  string
		ok   bool
	}{
		{map[int]int{}, "\x00", true},
		{map[int]int{1: 0, 2: 0, 'A': 'A'}, "\x01\x00\x00A", true},
		{map[int]int{'b': 'b', 0x1EC5: 0x1EC5, 'a': 'a'}, "\x00\x00\x00a\x00\x00b\x00\x1e\xc5", true},
		{map[int]int{0x10FFFF: 0x10FFFF}, "\x00\x10\xff\xff", true},
		{map[int]int{'a': 'b'}, "", false},
		{map[int]int{-1: -1}, "", false},
	} {
		key, ok := usedRunesKey(tc.used)
		if key != tc.key || ok != tc.ok {
			t.Errorf("usedRunesKey(%v) = %q, %v; want %q, %v", tc.used, key, ok, tc.key, tc.ok)
		}
	}
}
