package pdf

import (
	"bytes"
	"testing"

	"github.com/agii/ovk/internal/document"
)

// FuzzRenderText checks the contract between CheckText and Render: text
// that CheckText accepts renders, text it rejects makes Render fail, and
// neither panics.
func FuzzRenderText(f *testing.F) {
	for _, s := range []string{"Nguyễn Thị Hoa", "Zoë 😀", "a\u0301\u0302", "(\\)", " \t\n", "\u00ad\u200b\ufeff", "a\xff", "{nb}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc := &document.Document{
			Reference: s,
			Title:     s,
			Chapters: []document.Chapter{{Number: 1, Title: s, Articles: []document.Article{
				{Number: 1, Title: s, Paragraphs: []document.Paragraph{{Label: s, Text: s + " " + s, Items: []document.Item{{Label: s, Text: s}}}}},
			}}},
			Signatures: []document.SignatureBlock{{Party: s, Signers: []document.Signer{{Name: s, Function: s}}}},
			Meta:       document.Meta{Title: s, Keywords: []string{s}, Manifest: document.Manifest{Reference: s}},
		}
		_, ok := CheckText(s)
		var buf bytes.Buffer
		err := Render(&buf, doc)
		if ok != (err == nil) {
			t.Fatalf("CheckText ok = %v but Render error = %v", ok, err)
		}
		if err != nil {
			return
		}
		m, err := ReadManifest(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatalf("ReadManifest: %v", err)
		}
		if m.Reference != s {
			t.Fatalf("manifest reference %q, want %q", m.Reference, s)
		}
	})
}
