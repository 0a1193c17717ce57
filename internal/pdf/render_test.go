package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/testlib"
)

// mustRender renders doc or fails the test.
func mustRender(t testing.TB, doc *document.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, doc); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// writeTemp writes b to a temporary file and returns its path.
func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tool returns the path of an external program a test needs (skipped
// without it, failed under CI).
func tool(t *testing.T, name string) string {
	t.Helper()
	return testlib.NeedTool(t, name, "apt-get install poppler-utils qpdf")
}

// run runs a program and returns its standard output.
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(tool(t, name), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return string(out)
}

func TestRenderDeterministic(t *testing.T) {
	a := mustRender(t, testDocument())
	b := mustRender(t, testDocument())
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same document differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("output does not start with a PDF header: %q", a[:min(len(a), 16)])
	}
}

func TestRenderConcurrent(t *testing.T) {
	want := mustRender(t, testDocument())
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := Render(&buf, testDocument()); err != nil {
				errs <- err
				return
			}
			if !bytes.Equal(buf.Bytes(), want) {
				errs <- errors.New("concurrent render differs")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestQPDFCheck(t *testing.T) {
	p := writeTemp(t, mustRender(t, testDocument()))
	out := run(t, "qpdf", "--check", p)
	if strings.Contains(strings.ToLower(out), "warning") || !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Fatalf("qpdf --check:\n%s", out)
	}
}

func TestTextLayer(t *testing.T) {
	doc := testDocument()
	p := writeTemp(t, mustRender(t, doc))
	text := run(t, "pdftotext", "-layout", "-enc", "UTF-8", p, "-")
	pages := strings.Split(strings.TrimRight(text, "\f"), "\f")
	n := len(pages)
	if n < 4 || n > 8 {
		t.Errorf("document has %d pages, want about 6", n)
	}
	if np := strings.TrimSpace(run(t, "qpdf", "--show-npages", p)); np != strconv.Itoa(n) {
		t.Fatalf("qpdf counts %s pages, pdftotext %d", np, n)
	}
	for _, want := range append([]string{"Artikel 1.", "Samenwerkingsovereenkomst", "Hoofdstuk 2.", "§ 1.", "1°"}, testNames...) {
		if !strings.Contains(text, want) {
			t.Errorf("text layer lacks %q", want)
		}
	}
	footer := regexp.MustCompile(`(?m)^(\S+)\s+Pagina (\d+) van (\d+)\s*$`)
	for i, page := range pages {
		m := footer.FindStringSubmatch(page)
		if m == nil {
			t.Errorf("page %d has no footer:\n%s", i+1, page)
			continue
		}
		if m[1] != testReference || m[2] != strconv.Itoa(i+1) || m[3] != strconv.Itoa(n) {
			t.Errorf("page %d footer = %q, want %q … Pagina %d van %d", i+1, m[0], testReference, i+1, n)
		}
	}
}

func TestOutlineDestinations(t *testing.T) {
	doc := testDocument()
	p := writeTemp(t, mustRender(t, doc))
	// Where the headings really are, according to the text layer.
	pages := strings.Split(run(t, "pdftotext", "-layout", "-enc", "UTF-8", p, "-"), "\f")
	pageOf := func(heading string) int {
		for i, pg := range pages {
			for _, line := range strings.Split(pg, "\n") {
				if strings.TrimSpace(line) == heading {
					return i + 1
				}
			}
		}
		return 0
	}
	var js struct {
		Outlines []outlineJSON `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(run(t, "qpdf", "--json", "--json-key=outlines", p)), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Outlines) != len(doc.Chapters) {
		t.Fatalf("%d top-level outline entries, want %d chapters", len(js.Outlines), len(doc.Chapters))
	}
	for ci, o := range js.Outlines {
		ch := &doc.Chapters[ci]
		if want := chapterHeading(ch); o.Title != want {
			t.Errorf("outline %d = %q, want %q", ci, o.Title, want)
		}
		if o.Page != pageOf(o.Title) {
			t.Errorf("outline %q goes to page %d, heading is on page %d", o.Title, o.Page, pageOf(o.Title))
		}
		if len(o.Kids) != len(ch.Articles) {
			t.Fatalf("chapter %d has %d outline entries, want %d", ci+1, len(o.Kids), len(ch.Articles))
		}
		for ai, k := range o.Kids {
			if want := articleHeading(&ch.Articles[ai]); k.Title != want {
				t.Errorf("outline = %q, want %q", k.Title, want)
			}
			if got, want := k.Page, pageOf(k.Title); got != want || got == 0 {
				t.Errorf("outline %q goes to page %d, heading is on page %d", k.Title, got, want)
			}
		}
	}
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
}

func TestMetadata(t *testing.T) {
	doc := testDocument()
	b := mustRender(t, doc)
	d := scan(b)
	var info pdict
	for end := len(b); info == nil; {
		k := bytes.LastIndex(b[:end], []byte("trailer"))
		if k < 0 {
			t.Fatal("no trailer with /Info")
		}
		p := parser{b: b, pos: k + len("trailer")}
		tr, _ := p.object(0)
		if td, ok := tr.(pdict); ok {
			info, _ = d.resolve(td["Info"]).(pdict)
		}
		end = k
	}
	str := func(k string) string {
		s, _ := d.resolve(info[k]).(pstring)
		return textString(s)
	}
	m := doc.Meta
	for k, want := range map[string]string{
		"Title":        m.Title,
		"Author":       m.Author,
		"Subject":      m.Subject,
		"Creator":      "ovk " + m.ToolVersion,
		"CreationDate": "D:20000101000000",
		"ModDate":      "D:20000101000000",
	} {
		if got := str(k); got != want {
			t.Errorf("/%s = %q, want %q", k, got, want)
		}
	}
	kw := str("Keywords")
	for _, want := range append(m.Keywords, "bibliotheek "+m.LibraryVersion, "profiel-sha256 "+m.ProfileSHA256) {
		if !strings.Contains(kw, want) {
			t.Errorf("/Keywords %q lacks %q", kw, want)
		}
	}
	root, _ := d.resolve(d.root()).(pdict)
	if lang := textString(root["Lang"].(pstring)); lang != "nl-BE" {
		t.Errorf("/Lang = %q", lang)
	}
}

func TestRenderRejectsUncoveredText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*document.Document)
		field string
	}{
		{"emoji in article", func(d *document.Document) { d.Chapters[0].Articles[1].Paragraphs[0].Text += " 😀" }, "Artikel 2.Paragraphs[0].Text"},
		{"CJK in signer", func(d *document.Document) { d.Signatures[1].Signers[0].Name = "中村" }, "Signatures[1].Signers[0].Name"},
		{"control character in title", func(d *document.Document) { d.Title = "Samen\x07werking" }, "Title"},
		{"invalid UTF-8 in item", func(d *document.Document) { d.Chapters[0].Articles[1].Paragraphs[1].Items[0].Text = "a\xffb" }, "Items[0].Text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := testDocument()
			tc.edit(doc)
			var buf bytes.Buffer
			err := Render(&buf, doc)
			if err == nil {
				t.Fatal("Render accepted text the font cannot show")
			}
			if !strings.Contains(err.Error(), tc.field) {
				t.Errorf("error %q does not name %s", err, tc.field)
			}
			if buf.Len() != 0 {
				t.Errorf("Render wrote %d bytes despite the error", buf.Len())
			}
		})
	}
}

func TestRenderNil(t *testing.T) {
	var buf bytes.Buffer
	if err := Render(&buf, nil); err == nil || buf.Len() != 0 {
		t.Fatalf("Render(nil) = %v, wrote %d bytes", err, buf.Len())
	}
}

// A minimal document: no chapters, no recitals, a single signature block.
func TestRenderMinimal(t *testing.T) {
	doc := &document.Document{
		Reference: "X-1",
		Title:     "Overeenkomst",
		Chapters: []document.Chapter{{Articles: []document.Article{
			{Number: 1, Title: "Enig artikel", Paragraphs: []document.Paragraph{{Text: "Tekst."}}},
		}}},
		Signatures: []document.SignatureBlock{{Party: "Voor de gemeente", Signers: []document.Signer{{Name: "Zoë Çelik"}}}},
	}
	b := mustRender(t, doc)
	m, err := ReadManifest(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if m.Schema != "" || m.Reference != "" {
		t.Errorf("empty manifest read back as %+v", m)
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		text := run(t, "pdftotext", "-layout", writeTemp(t, b), "-")
		for _, want := range []string{"Artikel 1. Enig artikel", "Zoë Çelik", "Pagina 1 van 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("text layer lacks %q:\n%s", want, text)
			}
		}
	}
}

func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		s  string
		r  rune
		ok bool
	}{
		{"", 0, true},
		{"Łukasz Wróblewski", 0, true},
		{"Nguyễn Thị Hoa", 0, true},
		{"Zoë Çelik", 0, true},
		{"Zoe\u0308 C\u0327elik", 0, true}, // decomposed: normalized to NFC
		{"„aanhalingstekens” – § 1. 2° € ½", 0, true},
		{"regel\nvolgende\tkolom", 0, true},
		{"😀", '😀', false},
		{"ok \u4e2d", '\u4e2d', false},
		{"bel\x07", '\x07', false},
		{"\u0085", '\u0085', false},
		{"a\xffb", utf8.RuneError, false},
	} {
		r, ok := CheckText(tc.s)
		if r != tc.r || ok != tc.ok {
			t.Errorf("CheckText(%q) = %U, %v; want %U, %v", tc.s, r, ok, tc.r, tc.ok)
		}
	}
}

// TestWidthsMatchFpdf checks that our width table agrees with fpdf's for
// every rune the font covers: line breaking relies on it.
func TestWidthsMatchFpdf(t *testing.T) {
	m := mustMetrics()
	for fc, b := range [][]byte{ttfRegular, ttfBold} {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes(fontFamily, faceStyle[fc], b)
		f.SetFont(fontFamily, faceStyle[fc], 10)
		if err := f.Error(); err != nil {
			t.Fatal(err)
		}
		covered := 0
		for r := rune(0x20); r < 0xFFFF; r++ {
			if !m[fc].has(r) {
				continue
			}
			covered++
			if got, want := m[fc].advance(r), f.GetStringSymbolWidth(string(r)); got != want {
				t.Fatalf("face %d: width of %U = %d, fpdf says %d", fc, r, got, want)
			}
		}
		if covered < 2000 {
			t.Errorf("face %d covers only %d runes", fc, covered)
		}
	}
}

func ExampleCheckText() {
	for _, s := range []string{"Nguyễn Thị Hoa", "Zoë 😀"} {
		if r, ok := CheckText(s); !ok {
			fmt.Printf("%q: %U cannot be printed\n", s, r)
		} else {
			fmt.Printf("%q: ok\n", s)
		}
	}
	// Output:
	// "Nguyễn Thị Hoa": ok
	// "Zoë 😀": U+1F600 cannot be printed
}
