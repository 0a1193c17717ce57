// Package tomlfile owns every TOML byte ovk reads or writes. It decodes
// ovk's TOML files strictly (syntax errors, wrong types and unknown keys all
// come back as problems with file, line, column and key path), knows where
// each key stands (pos.go), and writes canonical TOML (encode.go). It is the
// only package that imports the TOML library; nothing outside the load stage
// holds a File.
package tomlfile

import (
	"errors"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
)

// File is a TOML file decoded strictly: syntax and type errors, and keys
// that the target does not know, come back as problems with positions.
type File struct {
	Name string
	Src  []byte
	idx  index
}

// Read reads name from fsys; display is the name used in problems.
func Read(fsys fs.FS, name, display string) (*File, error) {
	src, err := fsutil.ReadFileFS(fsys, name, limits.Get().ClauseBytes)
	if err != nil {
		return nil, err
	}
	return New(display, src), nil
}

// New wraps src, named display in problems.
func New(display string, src []byte) *File {
	return &File{Name: display, Src: src, idx: buildIndex(src)}
}

// Pos returns where key stands in the file, or its nearest parent that
// does (a table header); the zero Pos when neither does.
func (f *File) Pos(key string) Pos { return f.idx.lookup(key) }

// ValuePos returns where the value of key starts (its opening quote, say),
// or the zero Pos when key is not a key/value line of the file.
func (f *File) ValuePos(key string) Pos { return f.idx[key+valueKey] }

// Positions returns the key positions of the file without its bytes, for a
// value decoded from it that must name its keys later.
func (f *File) Positions() Positions { return Positions{f.Name, f.idx} }

// Positions are the key positions of one file.
type Positions struct {
	file string
	idx  index
}

// File names the file the positions are in.
func (ps Positions) File() string { return ps.file }

// Lookup returns where key stands, as File.Pos does.
func (ps Positions) Lookup(key string) Pos { return ps.idx.lookup(key) }

// Problem builds a problem about key in this file.
func (f *File) Problem(key, id string, args map[string]any) diag.Problem {
	p := f.Pos(key)
	return diag.Problem{File: f.Name, Line: p.Line, Col: p.Col, Key: key, ID: id, Args: args}
}

var lineRE = regexp.MustCompile(`line (\d+)(?: \(last key "([^"]*)"\))?: (.*)$`)

// Decode decodes the file into v. It returns false, with problems added to
// probs, when the file is not valid TOML or a value has the wrong type.
// Unknown keys are added to probs too, but v is still usable, so that
// checks of the rest of the file can go on.
//
// Keys under the prefixes in free (e.g. "parameters") are decoded into
// untyped values and checked by the caller; they are not reported unknown.
func (f *File) Decode(v any, probs *diag.List, free ...string) bool {
	md, err := toml.NewDecoder(strings.NewReader(string(f.Src))).Decode(v)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			p := diag.Problem{File: f.Name, Line: pe.Position.Line, Col: pe.Position.Col,
				Key: pe.LastKey, ID: "err.toml.syntax", Detail: pe.Message}
			if strings.HasPrefix(pe.Message, nlfmt.DateSyntaxError) || strings.HasPrefix(pe.Message, "invalid datetime") {
				p.ID, p.Detail = "err.toml.date", "" // a message the user can read in their language
			}
			localize(&p)
			probs.Add(p)
			return false
		}
		p := diag.Problem{File: f.Name, ID: "err.toml.type", Detail: err.Error()}
		if m := lineRE.FindStringSubmatch(err.Error()); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
			p.Key, p.Detail = m[2], m[3]
			if pos := f.Pos(p.Key); pos.Line == p.Line {
				p.Col = pos.Col
			}
		}
		localize(&p)
		probs.Add(p)
		return false
	}
next:
	for _, k := range md.Undecoded() {
		for _, prefix := range free {
			if strings.HasPrefix(k.String()+".", prefix+".") {
				continue next
			}
		}
		path := keyPath(k, f.idx)
		probs.Add(f.Problem(path, "err.toml.unknown_key", diag.A("key", k[len(k)-1])))
	}
	return true
}

// keyPath turns a toml.Key (which does not index arrays of tables) into the
// path of an index, picking the array element that holds the key.
func keyPath(k toml.Key, idx index) string {
	path := ""
	for i, part := range k {
		if path == "" {
			path = part
		} else {
			path += "." + part
		}
		if _, isArray := idx[path+"[0]"]; isArray && i < len(k)-1 {
			// find the element that holds the rest of the key
			rest := strings.Join(k[i+1:], ".")
			best := path + "[0]"
			for n := 0; ; n++ {
				el := path + "[" + strconv.Itoa(n) + "]"
				if _, ok := idx[el]; !ok {
					break
				}
				if _, ok := idx[el+"."+rest]; ok {
					best = el
					break
				}
			}
			path = best
		}
	}
	return path
}

// Unmarshal decodes TOML src into v, for callers (message catalogues) that
// need no positions.
func Unmarshal(src []byte, v any) error { return toml.Unmarshal(src, v) }
