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
// Windows-1252), if any; err is a diag.List naming every line with a bad
// byte (its first) and every U+FFFD.
func Decode(name string, src []byte, format Format) (text []byte, warn diag.List, err error) {
	src = bytes.TrimPrefix(src, bom)
	problem := func(off int, id string, args map[string]any) diag.Problem {
		line, col := position(src, off)
		args["format"] = string(format)
		return diag.Problem{File: name, Line: line, Col: col, ID: id, Args: args}
	}
	if bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")) {
		return nil, nil, diag.List{problem(0, "err.encoding.utf16", diag.A())}
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return nil, nil, diag.List{problem(i, "err.encoding.nul", diag.A())}
	}
	var probs diag.List
	var invalid, undefined []int // the first of each line: not UTF-8; not Windows-1252 either
	multi := false
	for i, line, badLine, undefLine := 0, 1, 0, 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == '\n':
			line++
		case r == utf8.RuneError && n == 1:
			if badLine != line {
				invalid, badLine = append(invalid, i), line
			}
			if c := src[i]; undefLine != line && (c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d) {
				undefined, undefLine = append(undefined, i), line
			}
		case r == utf8.RuneError:
			probs.Add(problem(i, "err.encoding.replacement", diag.A()))
		case n > 1:
			multi = true
		}
		i += n
	}
	// Not UTF-8. Windows-1252 only when nothing in the file is UTF-8 (a
	// file mixing both was damaged, or edited in two programs) and every
	// byte is a character of Windows-1252.
	bad := undefined
	if format == JSON || multi {
		bad = invalid
	}
	for _, off := range bad {
		probs.Add(problem(off, "err.encoding.invalid", diag.A("byte", fmt.Sprintf("0x%02X", src[off]))))
	}
	if err := probs.Err(); err != nil {
		return nil, nil, err
	}
	if len(invalid) == 0 {
		return src, nil, nil
	}
	if text, err = charmap.Windows1252.NewDecoder().Bytes(src); err != nil || bytes.ContainsRune(text, utf8.RuneError) {
		return nil, nil, diag.List{problem(invalid[0], "err.encoding.invalid", diag.A("byte", fmt.Sprintf("0x%02X", src[invalid[0]])))}
	}
	return text, diag.List{problem(invalid[0], "warn.encoding.cp1252", diag.A("file", name))}, nil
}

// position is the 1-based line and column (in characters, a bad byte
// counting as one) of byte offset off.
func position(src []byte, off int) (line, col int) {
	before := src[:off]
	start := bytes.LastIndexByte(before, '\n') + 1
	return bytes.Count(before, []byte("\n")) + 1, utf8.RuneCount(before[start:]) + 1
}
