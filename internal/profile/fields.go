package profile

import (
	"bytes"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/tomlfile"
)

// The profile's schema is its struct: the TOML tags of Profile and the
// types under it name every key and its type. FromFields builds a profile
// from values keyed by those keys (a register row's cells), so that no
// front end declares the schema again.

// Kind is the type of a profile key's value.
type Kind int

// The kinds of profile keys.
const (
	Text  Kind = iota + 1 // string
	Int                   // int64
	Bool                  // bool
	Date                  // nlfmt.Date
	List                  // []string (doelstellingen)
	Param                 // a parameter under [parameters.CLAUSE]: any TOML value, typed by the clause
)

// Origin is where a profile value was written: file, line and column, and
// the key as the user knows it there (a register column, say).
type Origin struct {
	File      string
	Line, Col int
	Key       string
}

// Value is a value for one profile key with where it was written.
type Value struct {
	// V is a string, int64, bool, nlfmt.Date or []string as the key's Kind
	// says; for a Param any value a TOML file gives (string, int64, float64,
	// bool, tomlfile.LocalDate, []any, map[string]any).
	V  any
	At Origin
}

// schemaField is one key of the schema.
type schemaField struct {
	index []int // reflect field index path from Profile
	kind  Kind
}

// schema maps every leaf key of a profile outside [parameters]
// ("gemeente.inwoners", "ondertekenaars.burgemeester.naam") to its field.
var schema = sync.OnceValue(func() map[string]schemaField {
	m := map[string]schemaField{}
	var walk func(t reflect.Type, prefix string, index []int)
	walk = func(t reflect.Type, prefix string, index []int) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name := keyName(f)
			if name == "" {
				continue
			}
			key, idx := prefix+name, append(append([]int{}, index...), i)
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			switch {
			case ft == dateType:
				m[key] = schemaField{idx, Date}
			case ft.Kind() == reflect.Struct:
				walk(ft, key+".", idx)
			case ft.Kind() == reflect.String:
				m[key] = schemaField{idx, Text}
			case ft.Kind() == reflect.Int:
				m[key] = schemaField{idx, Int}
			case ft.Kind() == reflect.Bool:
				m[key] = schemaField{idx, Bool}
			case ft == reflect.TypeFor[[]string]():
				m[key] = schemaField{idx, List}
			}
		}
	}
	walk(reflect.TypeFor[Profile](), "", nil)
	return m
})

// keyName is the profile key of a struct field: its TOML tag, else (for
// the top-level sections) its JSON name, which is the same key.
func keyName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("toml")
	if tag == "" {
		tag = f.Tag.Get("json")
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	return name
}

// KeyKind returns the kind of a profile key: "gemeente.inwoners" is an
// Int, "parameters.taalbeleid.vormen" a Param. ok is false for a key that
// is not a leaf of the schema (unknown, or a table such as "gemeente").
func KeyKind(key string) (kind Kind, ok bool) {
	if rest, isParam := strings.CutPrefix(key, "parameters."); isParam {
		if id, name, _ := strings.Cut(rest, "."); id == "" || name == "" || strings.Contains(name, ".") {
			return 0, false
		}
		return Param, true
	}
	f, ok := schema()[key]
	return f.kind, ok
}

// ParseBase reads a base profile: the values every row of a register
// shares. It is decoded as strictly as a profile (syntax, types, unknown
// keys) but may be incomplete: FromFields completes and checks it.
func ParseBase(name string, src []byte) (*Profile, error) {
	var probs diag.List
	if !checkSource(name, src, &probs) {
		return nil, probs.Err()
	}
	p := decode(name, src, &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// FromFields builds the profile of one register row: base (nil for none)
// completed by fields, keyed by profile key. It completes base in place:
// pass a copy (base.Expand) to keep the original. It is checked by the same
// code as a profile file; every problem names the origin of the value it
// is about (the cell, or the key in the base profile), or row when no value
// was given. Its Source, embedded in the agreement and hashed, is
// Encode(p).
func FromFields(row Origin, base *Profile, fields map[string]Value) (*Profile, error) {
	p := base
	if p == nil {
		p = &Profile{}
	}
	baseOrigin := (&Profile{File: p.File, locate: p.locate}).origin
	var probs diag.List
	at := func(key string) Origin {
		best := ""
		for k := range fields {
			if (k == key || strings.HasPrefix(k, key+".") || strings.HasPrefix(key, k+".")) && len(k) > len(best) {
				best = k
			}
		}
		switch {
		case best != "":
			return fields[best].At
		case p.Has(key): // not a field's key, so the base's value
			return baseOrigin(key)
		}
		return Origin{File: row.File, Line: row.Line, Key: key}
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if id := p.set(k, fields[k].V); id != "" {
			o := fields[k].At
			probs.Add(diag.Problem{File: o.File, Line: o.Line, Col: o.Col, Key: o.Key, ID: id,
				Args: diag.A("key", k)})
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	p.locate, p.File, p.SourceFormat = at, row.File, "toml"
	src, err := Encode(p)
	if err != nil {
		return nil, err
	}
	p.Source, p.SHA256 = src, hash(src)
	p.checkFields(&probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkReplacement refuses a text holding U+FFFD, the mark of a character
// lost in a conversion, which a file's bytes may not show (a TOML or JSON
// escape "\uFFFD"): no U+FFFD ever reaches an agreement.
func (p *Profile) checkReplacement(probs *diag.List) {
	if !bytes.ContainsRune(p.Source, '\uFFFD') && !bytes.Contains(p.Source, []byte(`\u`)) &&
		!bytes.Contains(p.Source, []byte(`\U`)) {
		return // neither the character nor an escape that could write it
	}
	for _, f := range p.Texts() {
		if strings.ContainsRune(f.Value, '\uFFFD') {
			probs.Add(p.Problem(f.Key, "err.encoding.replacement", diag.A("format", p.SourceFormat)))
		}
	}
}

// Expand returns a copy of p with f applied to every text in it that holds
// a {placeholder} (a register's {naam}, say); Expand(nil) is a plain copy.
func (p *Profile) Expand(f func(string) string) *Profile { return p.clone(f) }

// origin is where key was written in the profile's source.
func (p *Profile) origin(key string) Origin {
	if p.locate != nil {
		return p.locate(key)
	}
	return Origin{File: p.File, Key: key}
}

// positions locates keys in a TOML file.
func positions(ps tomlfile.Positions) func(string) Origin {
	return func(key string) Origin {
		pos := ps.Lookup(key)
		return Origin{File: ps.File(), Line: pos.Line, Col: pos.Col, Key: key}
	}
}

// set stores v at key. It returns the id of the problem when key is not a
// leaf of the schema or v has the wrong type for it.
func (p *Profile) set(key string, v any) string {
	kind, ok := KeyKind(key)
	if !ok {
		return "err.toml.unknown_key"
	}
	if kind == Param {
		id, name, _ := strings.Cut(strings.TrimPrefix(key, "parameters."), ".")
		if p.Params == nil {
			p.Params = map[string]map[string]any{}
		}
		if p.Params[id] == nil {
			p.Params[id] = map[string]any{}
		}
		p.Params[id][name] = v
		return ""
	}
	dst := reflect.ValueOf(p).Elem()
	for _, i := range schema()[key].index {
		if dst.Kind() == reflect.Pointer {
			if dst.IsNil() {
				dst.Set(reflect.New(dst.Type().Elem()))
			}
			dst = dst.Elem()
		}
		dst = dst.Field(i)
	}
	if dst.Kind() == reflect.Pointer {
		if dst.IsNil() {
			dst.Set(reflect.New(dst.Type().Elem()))
		}
		dst = dst.Elem()
	}
	if x, ok := v.(int64); ok && kind == Int && !dst.OverflowInt(x) {
		dst.SetInt(x)
		return ""
	}
	val := reflect.ValueOf(v)
	if kind == Int || !val.IsValid() || val.Type() != dst.Type() {
		return "err.field.type"
	}
	dst.Set(val)
	return ""
}

// clone copies p deeply, passing every text through f (nil: unchanged).
func (p *Profile) clone(f func(string) string) *Profile {
	if f == nil {
		f = func(s string) string { return s }
	}
	c := copyValue(reflect.ValueOf(p).Elem(), f).Interface().(Profile)
	return &c
}

func copyValue(v reflect.Value, f func(string) string) reflect.Value {
	switch v.Kind() {
	case reflect.String:
		if s := v.String(); strings.IndexByte(s, '{') >= 0 {
			return reflect.ValueOf(f(s)).Convert(v.Type())
		}
		return v
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		e := reflect.New(v.Type().Elem())
		e.Elem().Set(copyValue(v.Elem(), f))
		return e
	case reflect.Struct:
		if v.Type() == dateType {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(v) // unexported fields (positions) as they are
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(copyValue(v.Field(i), f))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() || v.Type().Elem().Kind() == reflect.Uint8 { // Source
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			s.Index(i).Set(copyValue(v.Index(i), f))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			m.SetMapIndex(it.Key(), copyValue(it.Value(), f))
		}
		return m
	case reflect.Interface:
		if !v.IsNil() {
			switch e := v.Elem(); e.Kind() {
			case reflect.String, reflect.Slice, reflect.Map:
				out := reflect.New(v.Type()).Elem()
				out.Set(copyValue(e, f))
				return out
			}
		}
	}
	return v
}
