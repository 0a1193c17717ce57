package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/agii/ovk/internal/document"
)

// ErrNoManifest is returned by ReadManifest for a readable PDF that has no
// manifest.json attachment.
var ErrNoManifest = errors.New("pdf: no embedded manifest.json")

// ErrDamaged is wrapped by the errors ReadManifest returns for bytes that are
// not a readable PDF, or whose manifest attachment is corrupt.
var ErrDamaged = errors.New("pdf: damaged or unreadable PDF")

// Limits that keep ReadManifest cheap on hostile input.
const (
	maxPDFSize      = 256 << 20 // an agreement is well under 1 MiB
	maxManifestSize = 64 << 20  // inflated manifest.json
	maxObjStmSize   = 8 << 20   // inflated object stream
	maxDepth        = 32        // nesting of arrays, dictionaries and name trees
)

// ReadManifest extracts and decodes the embedded manifest.json attachment
// from a PDF produced by Render. It returns ErrNoManifest if the PDF has
// none, and an error wrapping ErrDamaged if the bytes are not a readable PDF
// or the attachment is corrupt (including an MD5 checksum mismatch).
//
// It reads the PDF the way a repairing reader does, without trusting the
// cross-reference table: it scans the file for objects (a later definition of
// an object wins, so incrementally updated files, such as signed ones, are
// read correctly), takes the catalog from the last trailer, and follows
// /Names /EmbeddedFiles to the file specification named manifest.json.
// Compressed object streams are unpacked too. ReadManifest never panics.
func ReadManifest(r io.ReaderAt, size int64) (*document.Manifest, error) {
	e, err := ReadEmbedded(r, size)
	if err != nil {
		return nil, err
	}
	return &e.Manifest, nil
}

// Embedded is what Render embeds in a PDF: the manifest and the profile the
// agreement was drafted from.
type Embedded struct {
	Manifest document.Manifest
	// Profile is the embedded profile source; ProfileName is its attachment
	// name ("profile.toml" or "profile.json"), empty when the PDF has none.
	Profile     []byte
	ProfileName string
}

// ReadEmbedded reads the manifest and the profile embedded in a PDF made by
// Render. Errors are those of ReadManifest.
func ReadEmbedded(r io.ReaderAt, size int64) (*Embedded, error) {
	if size < 0 || size > maxPDFSize {
		return nil, fmt.Errorf("%w: size %d out of range", ErrDamaged, size)
	}
	b := make([]byte, size)
	if n, err := r.ReadAt(b, 0); n < len(b) {
		if err == nil {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	return readEmbedded(b)
}

func readEmbedded(b []byte) (*Embedded, error) {
	files, err := extractAttachments(b)
	if err != nil {
		return nil, err
	}
	content, ok := files[manifestName]
	if !ok {
		return nil, ErrNoManifest
	}
	e := &Embedded{}
	if err := json.Unmarshal(content, &e.Manifest); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, manifestName, err)
	}
	for _, name := range []string{"profile.toml", "profile.json"} {
		if p, ok := files[name]; ok {
			e.Profile, e.ProfileName = p, name
		}
	}
	return e, nil
}

// extractAttachments returns the content of the attachments whose names
// Render uses (manifest.json, profile.toml, profile.json).
func extractAttachments(b []byte) (map[string][]byte, error) {
	if i := bytes.Index(b, []byte("%PDF-")); i < 0 || i > 1024 {
		return nil, fmt.Errorf("%w: no PDF header", ErrDamaged)
	}
	d := scan(b)
	root, ok := d.resolve(d.root()).(pdict)
	if !ok {
		return nil, fmt.Errorf("%w: no document catalog", ErrDamaged)
	}
	names, _ := d.resolve(root["Names"]).(pdict)
	tree, _ := d.resolve(names["EmbeddedFiles"]).(pdict)
	files := map[string][]byte{}
	var ferr error
	d.walkNameTree(tree, 0, map[int64]bool{}, func(v pobj) bool {
		spec, ok := d.resolve(v).(pdict)
		if !ok {
			return false
		}
		name := specName(d, spec, manifestName, "profile.toml", "profile.json")
		if name == "" {
			return false
		}
		ef, _ := d.resolve(spec["EF"]).(pdict)
		s, ok := d.resolve(ef["F"]).(*pstream)
		if !ok {
			s, ok = d.resolve(ef["UF"]).(*pstream)
		}
		if !ok {
			ferr = fmt.Errorf("%w: %s has no embedded file stream", ErrDamaged, name)
			return true
		}
		content, err := d.decodeFile(name, s)
		if err != nil {
			ferr = err
			return true
		}
		files[name] = content
		return false
	})
	if ferr != nil {
		return nil, ferr
	}
	return files, nil
}

// specName returns the one of names that a file specification has as its
// UF or F name, or "".
func specName(d *pdfDoc, spec pdict, names ...string) string {
	for _, k := range []string{"UF", "F"} {
		if s, ok := d.resolve(spec[k]).(pstring); ok {
			for _, n := range names {
				if textString(s) == n {
					return n
				}
			}
		}
	}
	return ""
}

// textString decodes a PDF text string: UTF-16BE with a byte order mark, or
// else PDFDocEncoding (read as Latin-1, which agrees on the ASCII file names
// that matter here).
func textString(s pstring) string {
	if len(s) >= 2 && s[0] == 0xFE && s[1] == 0xFF {
		u := make([]uint16, 0, (len(s)-2)/2)
		for i := 2; i+1 < len(s); i += 2 {
			u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(s))
	for i, c := range s {
		r[i] = rune(c)
	}
	return string(r)
}

// decodeStream returns the decoded data of a stream: unfiltered or
// FlateDecode without predictors, at most limit bytes.
func (d *pdfDoc) decodeStream(s *pstream, limit int) ([]byte, error) {
	var filters []pobj
	switch f := d.resolve(s.dict["Filter"]).(type) {
	case nil:
	case pname:
		filters = []pobj{f}
	case []pobj:
		filters = f
	default:
		return nil, errors.New("bad /Filter")
	}
	switch {
	case len(filters) == 0:
		if len(s.data) > limit {
			return nil, fmt.Errorf("larger than %d bytes", limit)
		}
		return s.data, nil
	case len(filters) > 1:
		return nil, fmt.Errorf("%d stream filters (unsupported)", len(filters))
	}
	if f, _ := d.resolve(filters[0]).(pname); f != "FlateDecode" && f != "Fl" {
		return nil, fmt.Errorf("filter %v (unsupported)", filters[0])
	}
	if parms, _ := d.resolve(s.dict["DecodeParms"]).(pdict); parms != nil {
		if pr, _ := d.resolve(parms["Predictor"]).(int64); pr > 1 {
			return nil, errors.New("flate predictor (unsupported)")
		}
	}
	zr, err := zlib.NewReader(bytes.NewReader(s.data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(out) > limit {
		return nil, fmt.Errorf("larger than %d bytes", limit)
	}
	return out, nil
}

// decodeFile returns the decoded content of an embedded file stream and
// verifies its /Params /Size and /CheckSum when present.
func (d *pdfDoc) decodeFile(name string, s *pstream) ([]byte, error) {
	data, err := d.decodeStream(s, maxManifestSize)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrDamaged, name, err)
	}
	params, _ := d.resolve(s.dict["Params"]).(pdict)
	if n, ok := d.resolve(params["Size"]).(int64); ok && n != int64(len(data)) {
		return nil, fmt.Errorf("%w: %s is %d bytes, /Size says %d", ErrDamaged, name, len(data), n)
	}
	if sum, ok := d.resolve(params["CheckSum"]).(pstring); ok {
		if got := md5.Sum(data); !bytes.Equal(got[:], sum) {
			return nil, fmt.Errorf("%w: %s checksum %s, want %s", ErrDamaged, name,
				hex.EncodeToString(got[:]), hex.EncodeToString(sum))
		}
	}
	return data, nil
}

// walkNameTree calls f on the values of a name tree in key order until f
// returns true. Every node is visited once, however often it is referenced,
// and overly deep trees end the walk.
func (d *pdfDoc) walkNameTree(node pdict, depth int, seen map[int64]bool, f func(pobj) bool) bool {
	if node == nil || depth > maxDepth {
		return false
	}
	if names, ok := d.resolve(node["Names"]).([]pobj); ok {
		for i := 1; i < len(names); i += 2 {
			if f(names[i]) {
				return true
			}
		}
	}
	kids, _ := d.resolve(node["Kids"]).([]pobj)
	for _, k := range kids {
		if r, ok := k.(pref); ok {
			if seen[r.num] {
				continue
			}
			seen[r.num] = true
		}
		if kid, ok := d.resolve(k).(pdict); ok && d.walkNameTree(kid, depth+1, seen, f) {
			return true
		}
	}
	return false
}
