// Package textenc owns how ovk reads the text files users save: profiles
// and registers must be UTF-8 (a byte order mark is accepted and dropped).
// A file that is not, but is unambiguously Windows-1252 — what Excel and
// Notepad write on a Dutch Windows — is decoded (golang.org/x/text) with a
// warning naming the file; anything else is refused at the line and column
// of its first bad byte, with the fix. No U+FFFD replacement character ever
// comes out of it: a file that already holds one is refused too, since a
// character was lost before ovk saw it.
package textenc

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/agii/ovk/internal/diag"
)

// Format is the kind of file, which decides the fix a problem suggests.
type Format string

// The formats.
const (
	CSV  Format = "csv"  // a register: "sla op als CSV UTF-8"
	TOML Format = "toml" // a profile file
	// JSON is a profile sent to the API: JSON is UTF-8 by definition, so it
	// is never read as Windows-1252.
	JSON Format = "json"
)

var bom = []byte("\xef\xbb\xbf")

// Decode returns src as UTF-8 text without a byte order mark. warn holds
// the problem to report without stopping (the file was read as
// Windows-1252), if any; err is a diag.List naming the position of the
// first bad byte.
func Decode(name string, src []byte, format Format) (text []byte, warn diag.List, err error) {
	src = bytes.TrimPrefix(src, bom)
	refuse := func(off int, id string, args map[string]any) ([]byte, diag.List, error) {
		line, col := position(src, off)
		args["format"] = string(format)
		return nil, nil, diag.List{{File: name, Line: line, Col: col, ID: id, Args: args}}
	}
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		return refuse(0, "err.encoding.utf16", diag.A())
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return refuse(i, "err.encoding.nul", diag.A())
	}
	bad, multi := -1, false
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			if bad < 0 {
				bad = i
			}
		case r == utf8.RuneError:
			return refuse(i, "err.encoding.replacement", diag.A())
		case n > 1:
			multi = true
		}
		i += n
	}
	if bad < 0 {
		return src, nil, nil
	}
	// Not UTF-8. Windows-1252 only when nothing in the file is UTF-8 (a
	// file mixing both was damaged, or edited in two programs) and every
	// byte is a character of Windows-1252.
	if format == JSON || multi {
		return refuse(bad, "err.encoding.invalid", diag.A("byte", fmt.Sprintf("0x%02X", src[bad])))
	}
	for i, c := range src {
		if c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d {
			return refuse(i, "err.encoding.invalid", diag.A("byte", fmt.Sprintf("0x%02X", c)))
		}
	}
	text, err = charmap.Windows1252.NewDecoder().Bytes(src)
	if err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return refuse(bad, "err.encoding.invalid", diag.A("byte", fmt.Sprintf("0x%02X", src[bad])))
	}
	line, col := position(src, bad)
	return text, diag.List{{File: name, Line: line, Col: col, ID: "warn.encoding.cp1252",
		Args: diag.A("file", name, "format", string(format))}}, nil
}

// position is the 1-based line and column (in characters, a bad byte
// counting as one) of byte offset off.
func position(src []byte, off int) (line, col int) {
	before := src[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}
