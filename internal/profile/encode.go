package profile

import (
	"reflect"

	"github.com/agii/ovk/internal/tomlfile"
)

// Encode writes p as canonical TOML: the keys of its schema that have a
// value, sorted, through tomlfile.Encode. It is what a profile built by
// FromFields embeds and hashes, so the same values always give the same
// bytes, and Parse(Encode(p)) gives p back.
func Encode(p *Profile) ([]byte, error) {
	tree, _ := treeOf(reflect.ValueOf(p).Elem()).(map[string]any)
	return tomlfile.Encode(tree, "parameters")
}

// treeOf turns a value of the profile into TOML values, or nil when it is
// empty: an empty text, a zero number or date, false, an empty list or
// table are left out, as a profile file leaves them out. A pointer that is
// set is written even when what it points to is zero (eigen_ocmw = false).
func treeOf(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		if e := v.Elem(); e.Kind() != reflect.Struct || e.Type() == dateType {
			return e.Interface()
		}
		return treeOf(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return v.Elem().Interface()
	case reflect.Struct:
		if v.Type() == dateType {
			if v.IsZero() {
				return nil
			}
			return v.Interface()
		}
		m := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			if name := keyName(v.Type().Field(i)); name != "" {
				if e := treeOf(v.Field(i)); e != nil {
					m[name] = e
				}
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	case reflect.Map:
		m := map[string]any{}
		it := v.MapRange()
		for it.Next() {
			if e := treeOf(it.Value()); e != nil {
				m[it.Key().String()] = e
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	case reflect.Slice:
		if v.Len() == 0 {
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Struct { // te_bevestigen
			tables := make([]map[string]any, v.Len())
			for i := range tables {
				tables[i], _ = treeOf(v.Index(i)).(map[string]any)
			}
			return tables
		}
		return v.Interface()
	}
	if v.IsZero() {
		return nil
	}
	return v.Interface()
}
