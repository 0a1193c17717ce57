// Package docx writes agreements and redlines as WordprocessingML (DOCX)
// documents, and reads back the provenance embedded in them. It reads only
// the document model (package document) and what a comparison found
// (Redline, which package ovk fills in from package compare's report; the
// words are diffed by compare/worddiff); the PDF and the DOCX of an
// agreement are drawn from the same model, so both always say the same
// thing.
//
// No Go library that the project can use writes tracked changes, so the
// package writes the few parts a Word document needs itself, with
// encoding/xml's escaping and archive/zip (deflate by klauspost/compress):
//
//	[Content_Types].xml, _rels/.rels, docProps/core.xml, docProps/app.xml
//	word/document.xml, word/styles.xml, word/settings.xml, word/footer1.xml,
//	word/_rels/document.xml.rels
//	customXml/item1.xml, item2.xml (the manifest and the profile, see ReadEmbedded)
//
// The output is deterministic: parts are written in a fixed order with a
// fixed time, and no part carries a clock or a random id.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"golang.org/x/text/unicode/norm"
)

// MediaType is the media type of a DOCX document.
const MediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// fixedTime is the modification time of every part and the creation date in
// the core properties (as in the PDF: the legal date is in the text, the
// provenance in the manifest).
var fixedTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Page geometry in twentieths of a point (twips): A4 with the PDF's margins
// of 25 mm; the footer sits where the PDF draws it.
const (
	pageW      = 11906
	pageH      = 16838
	margin     = 1417 // 25 mm
	footerDist = 709  // 12.5 mm from the page edge to the footer's foot
	textW      = pageW - 2*margin
)

// part is one file of the package.
type part struct {
	name string
	data []byte
}

// pkg collects the parts of one package.
type pkg struct {
	parts []part
}

func (p *pkg) add(name string, data []byte) { p.parts = append(p.parts, part{name, data}) }

// flaters recycles deflate compressors: one costs more to allocate than to
// compress an agreement.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.DefaultCompression)
	return w
}}

// write writes the package as a zip archive to w in one Write. Every entry
// has the same fixed time and is deflated; the order is the order of add.
func (p *pkg) write(w io.Writer) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		fw := flaters.Get().(*flate.Writer)
		fw.Reset(out)
		return &pooledFlater{fw}, nil
	})
	for _, pt := range p.parts {
		fh := &zip.FileHeader{Name: pt.name, Method: zip.Deflate, Modified: fixedTime}
		f, err := zw.CreateHeader(fh)
		if err != nil {
			return fmt.Errorf("docx: %w", err)
		}
		if _, err := f.Write(pt.data); err != nil {
			return fmt.Errorf("docx: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type pooledFlater struct{ *flate.Writer }

func (f *pooledFlater) Close() error {
	err := f.Writer.Close()
	flaters.Put(f.Writer)
	return err
}

// Relationship and namespace URIs.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRels    = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDoc    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	relCore   = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
	relStyles = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
	relSet    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"
	relFooter = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
	relCustom = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
	relProps  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
)

// meta is what goes into the core properties.
type meta struct {
	title, subject, creator, keywords, language, tool string
}

// frame holds what every package needs besides its body.
type frame struct {
	meta   meta
	footer string // left part of the footer
	custom [][]byte
}

// assemble builds the package around a body (the content of w:body,
// without the section properties).
func assemble(fr *frame, body []byte) *pkg {
	p := &pkg{}
	var ct strings.Builder
	ct.WriteString(xml.Header[:len(xml.Header)-1])
	ct.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
		`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>`)
	for i := range fr.custom {
		ct.WriteString(`<Override PartName="/customXml/itemProps` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>`)
	}
	ct.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`)
	p.add("[Content_Types].xml", []byte(ct.String()))
	p.add("_rels/.rels", []byte(xml.Header[:len(xml.Header)-1]+`<Relationships xmlns="`+nsRels+`">`+
		`<Relationship Id="rId1" Type="`+relDoc+`" Target="word/document.xml"/>`+
		`<Relationship Id="rId2" Type="`+relCore+`" Target="docProps/core.xml"/>`+
		`<Relationship Id="rId3" Type="`+relApp+`" Target="docProps/app.xml"/>`+
		`</Relationships>`))
	p.add("docProps/core.xml", coreXML(&fr.meta))
	p.add("docProps/app.xml", []byte(xml.Header[:len(xml.Header)-1]+
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">`+
		`<Application>`+esc(strings.TrimSpace("ovk "+fr.meta.tool))+`</Application></Properties>`))

	var doc bytes.Buffer
	doc.Grow(len(body) + 1024)
	doc.WriteString(xml.Header[:len(xml.Header)-1])
	doc.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	doc.Write(body)
	doc.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="` + strconv.Itoa(pageW) + `" w:h="` + strconv.Itoa(pageH) + `"/>` +
		`<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="` + strconv.Itoa(footerDist) + `" w:gutter="0"/>` +
		`</w:sectPr></w:body></w:document>`)
	p.add("word/document.xml", doc.Bytes())

	var rels strings.Builder
	rels.WriteString(xml.Header[:len(xml.Header)-1] + `<Relationships xmlns="` + nsRels + `">` +
		`<Relationship Id="rIdStyles" Type="` + relStyles + `" Target="styles.xml"/>` +
		`<Relationship Id="rIdSettings" Type="` + relSet + `" Target="settings.xml"/>` +
		`<Relationship Id="rIdFooter" Type="` + relFooter + `" Target="footer1.xml"/>`)
	for i := range fr.custom {
		n := strconv.Itoa(i + 1)
		rels.WriteString(`<Relationship Id="rIdCustom` + n + `" Type="` + relCustom + `" Target="../customXml/item` + n + `.xml"/>`)
	}
	rels.WriteString(`</Relationships>`)
	p.add("word/_rels/document.xml.rels", []byte(rels.String()))
	p.add("word/styles.xml", stylesXML)
	p.add("word/settings.xml", settingsXML)
	p.add("word/footer1.xml", footerXML(fr.footer))
	for i, c := range fr.custom {
		n := strconv.Itoa(i + 1)
		p.add("customXml/item"+n+".xml", c)
		p.add("customXml/_rels/item"+n+".xml.rels", []byte(xml.Header[:len(xml.Header)-1]+`<Relationships xmlns="`+nsRels+`">`+
			`<Relationship Id="rId1" Type="`+relProps+`" Target="itemProps`+n+`.xml"/></Relationships>`))
		p.add("customXml/itemProps"+n+".xml", []byte(xml.Header[:len(xml.Header)-1]+
			`<ds:datastoreItem ds:itemID="{`+itemGUID(i)+`}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">`+
			`<ds:schemaRefs><ds:schemaRef ds:uri="`+nsOVK+`"/></ds:schemaRefs></ds:datastoreItem>`))
	}
	return p
}

// itemGUID is the fixed id of the i-th custom XML part.
func itemGUID(i int) string { return fmt.Sprintf("6F0C4D1A-0A61-4B1E-9C2D-%012X", 0x0F5000000000+i+1) }

func coreXML(m *meta) []byte {
	var b strings.Builder
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	el := func(name, v string) {
		if v != "" {
			b.WriteString("<" + name + ">" + esc(v) + "</" + name + ">")
		}
	}
	el("dc:title", m.title)
	el("dc:subject", m.subject)
	el("dc:creator", m.creator)
	el("cp:keywords", m.keywords)
	el("dc:language", m.language)
	date := fixedTime.Format(time.RFC3339)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + date + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + date + `</dcterms:modified></cp:coreProperties>`)
	return []byte(b.String())
}

// The style ids of the paragraph styles. Title and the headings are Word's
// built-in styles (by name), so that the navigation pane shows chapters and
// articles as the outline.
const (
	stNormal    = "Normal"
	stTitle     = "Title"
	stSubtitle  = "Subtitle"
	stChapter   = "Heading1"
	stArticle   = "Heading2"
	stIntro     = "Tussenkop"  // "Tussen ondergetekenden", "Overwegende dat:"
	stReference = "Referentie" // "Referentie: …"
	stRecital   = "Overweging" // "–" hanging
	stItem      = "Punt"       // "1°" hanging
	stSigParty  = "Partij"     // "Voor …,"
	stSigName   = "Ondertekenaar"
	stSigFunc   = "Functie"
	stNote      = "Opmerking" // redline notes
	stFooter    = "Footer"
	stValue     = "GewijzigdeWaarde" // character style of a changed value
)

var stylesXML = []byte(xml.Header[:len(xml.Header)-1] + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" w:eastAsia="DejaVu Serif" w:cs="DejaVu Serif"/>` +
	`<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="nl-BE" w:eastAsia="nl-BE" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="284" w:lineRule="atLeast"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:spacing w:before="142"/><w:jc w:val="both"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:caps/><w:sz w:val="34"/><w:szCs w:val="34"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="113"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Referentie"><w:name w:val="Referentie"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="284"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Heading2"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="510"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>` +
	`<w:rPr><w:b/><w:caps/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="312"/><w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Tussenkop"><w:name w:val="Tussenkop"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="340"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Overweging"><w:name w:val="Overweging"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:tabs><w:tab w:val="left" w:pos="454"/></w:tabs><w:spacing w:before="57"/><w:ind w:left="454" w:hanging="284"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Punt"><w:name w:val="Punt"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:tabs><w:tab w:val="left" w:pos="737"/></w:tabs><w:spacing w:before="57"/><w:ind w:left="737" w:hanging="454"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Partij"><w:name w:val="Partij"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="454"/><w:jc w:val="left"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Ondertekenaar"><w:name w:val="Ondertekenaar"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:top w:val="single" w:sz="4" w:space="2" w:color="6E6E6E"/></w:pBdr>` +
	`<w:spacing w:before="1134"/><w:ind w:right="` + strconv.Itoa(textW-4819) + `"/><w:jc w:val="left"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Functie"><w:name w:val="Functie"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Opmerking"><w:name w:val="Opmerking"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:spacing w:before="57"/><w:ind w:left="284"/><w:jc w:val="left"/></w:pPr><w:rPr><w:i/><w:color w:val="444444"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:pBdr><w:top w:val="single" w:sz="2" w:space="4" w:color="969696"/></w:pBdr><w:tabs><w:tab w:val="right" w:pos="` + strconv.Itoa(textW) + `"/></w:tabs>` +
	`<w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:color w:val="5A5A5A"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>` +
	`<w:style w:type="character" w:styleId="GewijzigdeWaarde"><w:name w:val="Gewijzigde waarde"/><w:rPr><w:shd w:val="clear" w:color="auto" w:fill="FFF2AB"/></w:rPr></w:style>` +
	`</w:styles>`)

var settingsXML = []byte(xml.Header[:len(xml.Header)-1] + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:defaultTabStop w:val="709"/><w:hyphenationZone w:val="425"/><w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="nl-BE"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>`)

// footerXML is the reference, then "Pagina X van Y" with PAGE and NUMPAGES
// fields at the right margin.
func footerXML(left string) []byte {
	var b strings.Builder
	b.WriteString(xml.Header[:len(xml.Header)-1] + `<w:ftr xmlns:w="` + nsW + `"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>`)
	b.WriteString(`<w:r><w:t xml:space="preserve">` + esc(left) + `</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">Pagina </w:t></w:r>`)
	field := func(instr, shown string) {
		b.WriteString(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr +
			` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>` + shown +
			`</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
	}
	field("PAGE", "1")
	b.WriteString(`<w:r><w:t xml:space="preserve"> van </w:t></w:r>`)
	field("NUMPAGES", "1")
	b.WriteString(`</w:p></w:ftr>`)
	return []byte(b.String())
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<', '>', '&', '"', '\'', '\t', '\n', '\r':
			var b strings.Builder
			xml.EscapeText(&b, []byte(s))
			return b.String()
		}
	}
	return s
}

// escText writes s as XML character data to b, escaping only what must be
// escaped there: "&", "<", ">" and a carriage return (which a parser would
// turn into a line feed). Quotes stay as they are, so that the JSON of the
// manifest keeps its size. s holds no character XML cannot carry (see
// checkXML; the JSON encoder escapes control characters itself).
func escText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		var rep string
		switch c {
		case '&':
			rep = "&amp;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		case '\r':
			rep = "&#xD;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// clean returns s in Unicode normal form C with runs of white space
// collapsed to one space and the ends trimmed: the text as the PDF sets it.
func clean(s string) string {
	s = norm.NFC.String(s)
	if !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") &&
		!strings.HasPrefix(s, " ") && !strings.HasSuffix(s, " ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// checkXML returns an error naming field when s holds a character that XML
// 1.0 cannot carry (control characters, invalid UTF-8): Word refuses such a
// file, and replacing the character would change the signed text.
func checkXML(field, s string) error {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return fmt.Errorf("docx: %s: invalid UTF-8 at byte %d", field, i)
			}
		}
		if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
			return fmt.Errorf("docx: %s: character %U cannot be written to a Word document; remove it", field, r)
		}
	}
	return nil
}
