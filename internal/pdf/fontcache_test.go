package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/agii/ovk/internal/document"
)

// fpdf keeps the font subsets it generates in a process-wide cache keyed by
// the font and the exact set of runes a document uses (see
// internal/third_party/fpdf/PATCHES.md). The tests here check that the cache
// cannot be seen in the output: documents with different rune sets, rendered
// in any order and concurrently, give the bytes they give when rendered first
// in a fresh process, and each embeds the glyphs of its own text only.

// cacheTestDocs are documents whose rune sets differ: testDocument (Polish,
// Vietnamese and French names), the same with plain names, the same with
// Turkish, Serbian and Danish names, and a one-page document.
func cacheTestDocs() map[string]*document.Document {
	withNames := func(names ...string) *document.Document {
		doc := testDocument()
		r := strings.NewReplacer(testNames[0], names[0], testNames[1], names[1], testNames[2], names[2])
		for i := range doc.Parties {
			doc.Parties[i].Text = r.Replace(doc.Parties[i].Text)
		}
		for i := range doc.Signatures {
			for j := range doc.Signatures[i].Signers {
				s := &doc.Signatures[i].Signers[j]
				s.Name = r.Replace(s.Name)
			}
		}
		return doc
	}
	return map[string]*document.Document{
		"diacritics": testDocument(),
		"plain":      withNames("Jan Peeters", "Marie Claes", "Ahmed Benali"),
		"other":      withNames("Şükrü Ağaoğlu", "Đorđe Petrović", "Åse Øberg"),
		"minimal": {
			Reference: "X-1",
			Title:     "Overeenkomst",
			Chapters: []document.Chapter{{Articles: []document.Article{
				{Number: 1, Title: "Enig artikel", Paragraphs: []document.Paragraph{{Text: "Tekst."}}},
			}}},
			Signatures: []document.SignatureBlock{{Party: "Voor de gemeente", Signers: []document.Signer{{Name: "Zoë Çelik"}}}},
		},
	}
}

// cacheTestNames lists, per document of cacheTestDocs, names that must be
// in its text layer; the names of the other documents must not be.
var cacheTestNames = map[string][]string{
	"diacritics": testNames,
	"plain":      {"Jan Peeters", "Marie Claes", "Ahmed Benali"},
	"other":      {"Şükrü Ağaoğlu", "Đorđe Petrović", "Åse Øberg"},
	"minimal":    {"Zoë Çelik"},
}

// freshRenderEnv names the document TestFreshRenderHelper renders.
const freshRenderEnv = "OVK_PDF_FRESH_RENDER"

// TestFreshRenderHelper is not a test: run by renderFresh in a new process,
// it renders one document of cacheTestDocs, with nothing rendered before,
// to the file named by the second field of $OVK_PDF_FRESH_RENDER.
func TestFreshRenderHelper(t *testing.T) {
	name, out, ok := strings.Cut(os.Getenv(freshRenderEnv), "=")
	if !ok {
		t.Skip("helper for TestFontCacheInvisible")
	}
	if err := os.WriteFile(out, mustRender(t, cacheTestDocs()[name]), 0o644); err != nil {
		t.Fatal(err)
	}
}

// renderFresh renders a document of cacheTestDocs in a new process.
func renderFresh(t *testing.T, name string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".pdf")
	cmd := exec.Command(os.Args[0], "-test.run=^TestFreshRenderHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), freshRenderEnv+"="+name+"="+out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rendering %s in a new process: %v\n%s", name, err, msg)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFontCacheInvisible renders each document of cacheTestDocs in a fresh
// process, then all of them in this one, in several orders and
// concurrently, and requires the same bytes every time.
func TestFontCacheInvisible(t *testing.T) {
	docs := cacheTestDocs()
	names := slices.Sorted(maps.Keys(docs))
	want := map[string][]byte{}
	for _, n := range names {
		want[n] = renderFresh(t, n)
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if bytes.Equal(want[a], want[b]) {
				t.Fatalf("documents %s and %s render the same", a, b)
			}
		}
	}

	check := func(what, name string) {
		var buf bytes.Buffer
		if err := Render(&buf, docs[name]); err != nil {
			t.Errorf("%s: %s: %v", what, name, err)
		} else if !bytes.Equal(buf.Bytes(), want[name]) {
			t.Errorf("%s: %s differs from its render in a fresh process", what, name)
		}
	}
	// In order, in reverse and interleaved, so that every document is
	// rendered after each of the others.
	order := append(slices.Clone(names), names...)
	slices.Reverse(order[len(names):])
	for _, n := range names {
		order = append(order, n, names[0], n)
	}
	for _, n := range order {
		check("in sequence", n)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 2 * len(names) {
				check("concurrently", names[(g+k)%len(names)])
			}
		})
	}
	wg.Wait()
	check("after the concurrent renders", "diacritics")
}

// TestFontSubsetsHoldOwnText checks, for each document of cacheTestDocs
// rendered after all the others, that the text layer has its own names and
// not the others', and that the embedded subsets map exactly the characters
// of its text: no glyph is missing, and none is left over from another
// document.
func TestFontSubsetsHoldOwnText(t *testing.T) {
	tool(t, "pdftotext")
	docs := cacheTestDocs()
	for name := range docs {
		mustRender(t, docs[name])
	}
	for name, doc := range docs {
		b := mustRender(t, doc)
		text := run(t, "pdftotext", "-layout", "-enc", "UTF-8", writeTemp(t, b), "-")
		own := cacheTestNames[name]
		for _, n := range own {
			if !strings.Contains(text, n) {
				t.Errorf("%s: text layer lacks %q", name, n)
			}
		}
		for other, names := range cacheTestNames {
			for _, n := range names {
				if other != name && !slices.Contains(own, n) && strings.Contains(text, n) {
					t.Errorf("%s: text layer has %q of document %s", name, n, other)
				}
			}
		}
		drawn := map[rune]bool{}
		for _, r := range text {
			if !unicode.IsSpace(r) {
				drawn[r] = true
			}
		}
		mapped := map[rune]bool{}
		for face, runes := range subsetRunes(t, b) {
			for r := range runes {
				if !drawn[r] && r != ' ' {
					t.Errorf("%s: font %s has a glyph for %q, which the text does not use", name, face, r)
				}
				mapped[r] = true
			}
		}
		for r := range drawn {
			if !mapped[r] {
				t.Errorf("%s: no embedded font has a glyph for %q", name, r)
			}
		}
	}
}

// subsetRunes returns, per embedded CID font (by /BaseFont), the characters
// its CIDToGIDMap maps to a glyph. fpdf uses Unicode code points as CIDs.
func subsetRunes(t *testing.T, b []byte) map[string]map[rune]bool {
	t.Helper()
	d := scan(b)
	fonts := map[string]map[rune]bool{}
	for _, o := range d.objs {
		dict, ok := o.(pdict)
		if !ok || dict["Subtype"] != pname("CIDFontType2") {
			continue
		}
		s, ok := d.resolve(dict["CIDToGIDMap"]).(*pstream)
		if !ok {
			t.Fatalf("CID font %v has no CIDToGIDMap stream", dict["BaseFont"])
		}
		m, err := d.decodeStream(s, 1<<17)
		if err != nil {
			t.Fatal(err)
		}
		runes := map[rune]bool{}
		for cid := 0; cid+1 < len(m); cid += 2 {
			if m[cid] != 0 || m[cid+1] != 0 {
				runes[rune(cid/2)] = true
			}
		}
		fonts[fmt.Sprint(dict["BaseFont"])] = runes
	}
	if len(fonts) != int(numFaces) {
		t.Fatalf("found %d CID fonts, want %d", len(fonts), numFaces)
	}
	return fonts
}
