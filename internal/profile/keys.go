package profile

import (
	"reflect"
	"strings"

	"github.com/agii/ovk/internal/nlfmt"
)

// Lookup returns the value at a dotted profile key ("ocmw.zetel",
// "ondertekenaars.voorzitter_ocmw_raad.naam", "parameters.duur.termijn")
// and whether the key is one the profile schema knows. A value that is not
// given comes back as nil.
func (p *Profile) Lookup(key string) (v any, known bool) {
	cur := reflect.ValueOf(p).Elem()
	parts := strings.Split(key, ".")
	for i, part := range parts {
		for cur.Kind() == reflect.Pointer || cur.Kind() == reflect.Interface {
			if cur.IsNil() {
				// An absent table: the key is known when its type has it.
				return nil, typeHas(cur.Type(), strings.Join(parts[i:], "."))
			}
			cur = cur.Elem()
		}
		switch cur.Kind() {
		case reflect.Struct:
			f, ok := field(cur.Type(), part)
			if !ok {
				return nil, false
			}
			cur = cur.FieldByIndex(f.Index)
		case reflect.Map:
			e := cur.MapIndex(reflect.ValueOf(part))
			if !e.IsValid() {
				return nil, true
			}
			cur = e
		default:
			return nil, false
		}
	}
	for cur.Kind() == reflect.Pointer || cur.Kind() == reflect.Interface {
		if cur.IsNil() {
			return nil, true
		}
		cur = cur.Elem()
	}
	if cur.IsZero() {
		return nil, true
	}
	if s, ok := cur.Interface().(string); ok && strings.TrimSpace(s) == "" {
		return nil, true
	}
	return cur.Interface(), true
}

// Has reports whether the profile gives a value at key.
func (p *Profile) Has(key string) bool {
	v, _ := p.Lookup(key)
	return v != nil
}

// KnownKey reports whether key is a key of the profile schema (whether or
// not a profile gives it). Keys under parameters are known to the library,
// not to the schema, and always count as known.
func KnownKey(key string) bool {
	if strings.HasPrefix(key, "parameters.") {
		return true
	}
	_, known := (&Profile{}).Lookup(key)
	return known
}

var dateType = reflect.TypeOf(nlfmt.Date{})

// field finds the struct field whose toml tag (or json tag, for Profile
// itself) is name.
func field(t reflect.Type, name string) (reflect.StructField, bool) {
	if t == dateType {
		return reflect.StructField{}, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("toml")
		if tag == "" {
			tag = f.Tag.Get("json")
		}
		if strings.Split(tag, ",")[0] == name && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// typeHas reports whether the (pointer to) struct type t has key path
// part; a map (parameters) has every key.
func typeHas(t reflect.Type, path string) bool {
	for _, part := range strings.Split(path, ".") {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			f, ok := field(t, part)
			if !ok {
				return false
			}
			t = f.Type
		case reflect.Map:
			return true
		default:
			return false
		}
	}
	return true
}
