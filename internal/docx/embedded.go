package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/agii/ovk/internal/pdf"
)

// nsOVK is the namespace of the custom XML parts that carry an agreement's
// provenance. Word keeps custom XML parts when it saves a document.
const nsOVK = "urn:agii:ovk:embedded:1"

// manifestName is the name of the embedded manifest, as in the PDF.
const manifestName = "manifest.json"

// ErrNoManifest is returned by ReadEmbedded for a readable DOCX document
// that carries no manifest (one ovk did not write, or one saved by a word
// processor that dropped it). It is also pdf.ErrNoManifest for errors.Is,
// so that a caller treats both documents alike.
var ErrNoManifest error = &sentinel{"docx: no embedded manifest.json", pdf.ErrNoManifest}

// ErrDamaged is wrapped by the errors ReadEmbedded returns for bytes that
// are not a readable DOCX document, or whose embedded parts are corrupt. It
// is also pdf.ErrDamaged for errors.Is.
var ErrDamaged error = &sentinel{"docx: damaged or unreadable DOCX document", pdf.ErrDamaged}

// sentinel is an error that is also another one.
type sentinel struct {
	msg  string
	also error
}

func (e *sentinel) Error() string        { return e.msg }
func (e *sentinel) Is(target error) bool { return target == e.also }

// Limits that keep ReadEmbedded cheap on hostile input.
const (
	maxPackageSize = 256 << 20
	maxPartSize    = 64 << 20 // inflated custom part
	maxParts       = 10000
)

// attachment is the root element of an embedded custom XML part.
type attachment struct {
	XMLName xml.Name `xml:"urn:agii:ovk:embedded:1 attachment"`
	Name    string   `xml:"name,attr"`
	Content string   `xml:",chardata"`
}

// customPart is the custom XML part that embeds a file.
func customPart(name string, content []byte) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header[:len(xml.Header)-1])
	b.WriteString(`<ovk:attachment xmlns:ovk="` + nsOVK + `" name="` + esc(name) + `">`)
	escText(&b, string(content))
	b.WriteString(`</ovk:attachment>`)
	return b.Bytes()
}

// ReadEmbedded reads the manifest and the profile that Render embeds in a
// DOCX document: what pdf.ReadEmbedded returns for a PDF. It returns
// ErrNoManifest when the document has no manifest and an error wrapping
// ErrDamaged when the bytes are not a readable DOCX document or an embedded
// part is corrupt. It never panics.
func ReadEmbedded(r io.ReaderAt, size int64) (*pdf.Embedded, error) {
	if size < 0 || size > maxPackageSize {
		return nil, fmt.Errorf("%w: size %d out of range", ErrDamaged, size)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	if len(zr.File) > maxParts {
		return nil, fmt.Errorf("%w: %d parts", ErrDamaged, len(zr.File))
	}
	e := &pdf.Embedded{}
	found := false
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "customXml/item") || strings.Contains(f.Name[len("customXml/"):], "/") ||
			strings.HasPrefix(f.Name, "customXml/itemProps") {
			continue
		}
		a, err := readAttachment(f)
		if err != nil {
			return nil, err
		}
		if a == nil {
			continue
		}
		switch a.Name {
		case manifestName:
			if err := json.Unmarshal([]byte(a.Content), &e.Manifest); err != nil {
				return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, manifestName, err)
			}
			found = true
		case "profile.toml", "profile.json":
			e.Profile, e.ProfileName = []byte(a.Content), a.Name
		}
	}
	if !found {
		return nil, ErrNoManifest
	}
	return e, nil
}

// readAttachment decodes a custom XML part; it returns nil for a part that
// is not one of ovk's.
func readAttachment(f *zip.File) (*attachment, error) {
	if f.UncompressedSize64 > maxPartSize {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrDamaged, f.Name, maxPartSize)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, f.Name, err)
	}
	if len(data) > maxPartSize {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", ErrDamaged, f.Name, maxPartSize)
	}
	if !bytes.Contains(data, []byte(nsOVK)) {
		return nil, nil
	}
	var a attachment
	if err := xml.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, f.Name, err)
	}
	return &a, nil
}
