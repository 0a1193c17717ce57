package docx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/agii/ovk/internal/document"
)

// Render writes doc as an editable DOCX document to w: title, chapter and
// article headings in Word's heading styles (the navigation pane shows the
// outline), justified body text, "§ 1." and "1°" as literal labels, A4 with
// the PDF's margins, a footer with the reference and "Pagina X van Y" as
// PAGE and NUMPAGES fields, the language nl-BE, the core properties of the
// PDF's metadata, and the manifest and the profile in custom XML parts (see
// ReadEmbedded). The same doc always gives the same bytes; nothing is
// written to w unless the whole document could be built. Render is safe
// for concurrent use.
func Render(w io.Writer, doc *document.Document) error {
	if doc == nil {
		return errors.New("docx: nil document")
	}
	secs := sections(doc)
	if err := checkSections(secs); err != nil {
		return err
	}
	fr, err := agreementFrame(doc)
	if err != nil {
		return err
	}
	bw := &body{}
	bw.b.Grow(64 << 10)
	for si := range secs {
		for bi := range secs[si].blocks {
			bw.plain(&secs[si].blocks[bi])
		}
	}
	return assemble(fr, bw.bytes()).write(w)
}

// checkSections checks every text for characters XML cannot carry.
func checkSections(secs []section) error {
	for _, s := range secs {
		for _, b := range s.blocks {
			if err := checkXML(b.style, b.label+" "+b.text); err != nil {
				return err
			}
		}
	}
	return nil
}

// agreementFrame is the frame of an agreement's package: metadata, footer
// and embedded provenance.
func agreementFrame(doc *document.Document) (*frame, error) {
	m := &doc.Meta
	lang := m.Language
	if lang == "" {
		lang = "nl-BE"
	}
	fr := &frame{
		meta: meta{title: clean(m.Title), subject: clean(m.Subject), creator: clean(m.Author),
			keywords: keywords(m), language: lang, tool: clean(m.ToolVersion)},
		footer: clean(doc.Reference),
	}
	for field, s := range map[string]string{"title": fr.meta.title, "subject": fr.meta.subject,
		"author": fr.meta.creator, "keywords": fr.meta.keywords, "reference": fr.footer} {
		if err := checkXML(field, s); err != nil {
			return nil, err
		}
	}
	manifest, err := json.Marshal(&m.Manifest)
	if err != nil {
		return nil, fmt.Errorf("docx: encoding manifest: %w", err)
	}
	fr.custom = append(fr.custom, customPart(manifestName, append(manifest, '\n')))
	if len(m.Profile) > 0 {
		if err := checkXML(m.ProfileName, string(m.Profile)); err != nil {
			return nil, err
		}
		fr.custom = append(fr.custom, customPart(m.ProfileName, m.Profile))
	}
	return fr, nil
}
