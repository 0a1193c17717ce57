package docx_test

import (
	"bytes"
	"errors"
	"flag"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/testlib"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func render(t testing.TB, doc *document.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := docx.Render(&b, doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestRenderDeterministic renders every example twice, with the others in
// between: the bytes are the same.
func TestRenderDeterministic(t *testing.T) {
	ex := examples(t)
	first := map[string][]byte{}
	for name, f := range ex {
		first[name] = render(t, assemble(t, f, ""))
	}
	for name, f := range ex {
		if again := render(t, assemble(t, f, "")); !bytes.Equal(again, first[name]) {
			t.Errorf("%s: two renders differ", name)
		}
	}
}

// TestStructure reads an agreement back as Word would: its outline, the
// page, the footer fields, the language and the core properties.
func TestStructure(t *testing.T) {
	doc := assemble(t, examples(t)["23060-opwijk"], "")
	pkg := render(t, doc)
	ps := paragraphs(t, part(t, pkg, "word/document.xml"))

	var outline, want []string
	for _, p := range ps {
		switch p.style {
		case "Heading1", "Heading2":
			outline = append(outline, p.style[len(p.style)-1:]+" "+p.text(true))
		}
	}
	for _, ch := range doc.Chapters {
		want = append(want, "1 Hoofdstuk "+strconv.Itoa(ch.Number)+". "+ch.Title)
		for _, a := range ch.Articles {
			want = append(want, "2 "+document.ArticleHeading(a.Number, a.Title))
		}
	}
	if !slices.Equal(outline, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(outline, "\n"), strings.Join(want, "\n"))
	}
	if ps[0].style != "Title" || ps[0].text(true) != doc.Title {
		t.Errorf("first paragraph = %q in %q, want the title", ps[0].text(true), ps[0].style)
	}
	// Points keep their literal labels, with a tab before the text.
	labels := 0
	for _, p := range ps {
		if p.style == "Punt" {
			labels++
			if !regexp.MustCompile(`^\d+°\t\S`).MatchString(p.text(true)) {
				t.Errorf("point %q has no label", p.text(true))
			}
		}
		if strings.HasPrefix(p.text(true), "§ ") && p.style != "" {
			t.Errorf("paragraph %q in style %q, want the body style", p.text(true), p.style)
		}
	}
	if labels == 0 {
		t.Error("no points")
	}

	styles := string(part(t, pkg, "word/styles.xml"))
	for _, s := range []string{`<w:lang w:val="nl-BE"`, `w:styleId="Heading1"><w:name w:val="heading 1"/>`,
		`w:styleId="Heading2"><w:name w:val="heading 2"/>`, `<w:outlineLvl w:val="0"/>`, `<w:outlineLvl w:val="1"/>`,
		`w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="142"/><w:jc w:val="both"/>`} {
		if !strings.Contains(styles, s) {
			t.Errorf("styles.xml lacks %s", s)
		}
	}
	docXML := string(part(t, pkg, "word/document.xml"))
	for _, s := range []string{`<w:pgSz w:w="11906" w:h="16838"/>`, `w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"`,
		`<w:footerReference w:type="default" r:id="rIdFooter"/>`} {
		if !strings.Contains(docXML, s) {
			t.Errorf("document.xml lacks %s", s)
		}
	}
	footer := string(part(t, pkg, "word/footer1.xml"))
	for _, s := range []string{doc.Reference, "Pagina ", "> PAGE <", " van ", "> NUMPAGES <"} {
		if !strings.Contains(footer, s) {
			t.Errorf("footer lacks %q:\n%s", s, footer)
		}
	}
	core := string(part(t, pkg, "docProps/core.xml"))
	for _, s := range []string{"<dc:title>" + doc.Meta.Title + "</dc:title>", "<dc:subject>" + doc.Meta.Subject + "</dc:subject>",
		"<dc:language>nl-BE</dc:language>", "bibliotheek " + doc.Meta.LibraryVersion, "profiel-sha256 " + doc.Meta.ProfileSHA256,
		"<dcterms:created xsi:type=\"dcterms:W3CDTF\">2000-01-01T00:00:00Z</dcterms:created>"} {
		if !strings.Contains(core, s) {
			t.Errorf("core.xml lacks %q:\n%s", s, core)
		}
	}
}

// TestReadEmbedded reads back the manifest and the profile of every
// example.
func TestReadEmbedded(t *testing.T) {
	for name, f := range examples(t) {
		doc := assemble(t, f, "")
		pkg := render(t, doc)
		e, err := docx.ReadEmbedded(bytes.NewReader(pkg), int64(len(pkg)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, _ := jsonOf(&doc.Meta.Manifest)
		if got, _ := jsonOf(&e.Manifest); got != want {
			t.Errorf("%s: manifest read back differs:\n%s\nwant\n%s", name, got, want)
		}
		if !bytes.Equal(e.Profile, doc.Meta.Profile) || e.ProfileName != doc.Meta.ProfileName {
			t.Errorf("%s: profile %s read back as %s (%d bytes, want %d)", name, doc.Meta.ProfileName, e.ProfileName, len(e.Profile), len(doc.Meta.Profile))
		}
	}
}

func TestReadEmbeddedErrors(t *testing.T) {
	doc := assemble(t, examples(t)["73028-herstappe"], "")
	pkg := render(t, doc)
	read := func(b []byte) error {
		_, err := docx.ReadEmbedded(bytes.NewReader(b), int64(len(b)))
		return err
	}
	if err := read([]byte("%PDF-1.7 not a zip")); !errors.Is(err, docx.ErrDamaged) {
		t.Errorf("not a zip: %v, want ErrDamaged", err)
	}
	if err := read(pkg[:len(pkg)/2]); !errors.Is(err, docx.ErrDamaged) {
		t.Errorf("truncated: %v, want ErrDamaged", err)
	}
	// Without the manifest: the same document, its custom parts removed.
	doc.Meta.Manifest = document.Manifest{}
	stripped := withoutParts(t, pkg, "customXml/")
	if err := read(stripped); !errors.Is(err, docx.ErrNoManifest) {
		t.Errorf("no custom parts: %v, want ErrNoManifest", err)
	}
	// A corrupt manifest.
	bad := replacePart(t, pkg, "customXml/item1.xml", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`{"schema"`), []byte(`{"schema"::`), 1)
	})
	if err := read(bad); !errors.Is(err, docx.ErrDamaged) || !strings.Contains(err.Error(), "manifest.json") {
		t.Errorf("corrupt manifest: %v, want ErrDamaged naming manifest.json", err)
	}
}

// TestRenderRefusesControlCharacters: a character XML cannot carry is an
// error naming it, not a broken or silently changed document.
func TestRenderRefusesControlCharacters(t *testing.T) {
	doc := assemble(t, examples(t)["73028-herstappe"], "")
	doc.Chapters[0].Articles[0].Paragraphs[0].Text += "\x07"
	var b bytes.Buffer
	err := docx.Render(&b, doc)
	if err == nil || !strings.Contains(err.Error(), "U+0007") {
		t.Fatalf("Render = %v, want an error naming U+0007", err)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written on error", b.Len())
	}
	if err := docx.Render(&b, nil); err == nil {
		t.Error("Render(nil) succeeded")
	}
}

// TestGoldenDocumentXML compares word/document.xml of two agreements with
// testdata/golden, one paragraph a line so that a change reads as a diff.
// They are drafted under release 2025.1, which no longer changes, from
// profiles written for it, so that only a change of the writer changes
// them. Regenerate with: go test ./internal/docx -run Golden -update
func TestGoldenDocumentXML(t *testing.T) {
	for _, name := range []string{"23027-halle-2025", "31005-brugge-2025"} {
		doc := assemble(t, filepath.Join("testdata", "profiles", name+".toml"), "2025.1")
		got := strings.ReplaceAll(string(part(t, render(t, doc), "word/document.xml")), "</w:p>", "</w:p>\n")
		golden(t, name+".document.xml", got)
	}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	testlib.Golden(t, filepath.Join("testdata", "golden", name), got, *update)
}
