package profile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/agii/ovk/internal/diag"
)

// siblings maps a table of the schema ("gemeente", "" for the top level)
// to the names of the keys it may hold.
var siblings = sync.OnceValue(func() map[string][]string {
	m := map[string][]string{}
	add := func(parent, name string) {
		for _, n := range m[parent] {
			if n == name {
				return
			}
		}
		m[parent] = append(m[parent], name)
	}
	for key := range schema() {
		parts := strings.Split(key, ".")
		for i := range parts {
			add(strings.Join(parts[:i], "."), parts[i])
		}
	}
	add("", "parameters")
	for _, names := range m {
		sort.Strings(names)
	}
	return m
})

var indexRE = regexp.MustCompile(`\[\d+\]`)

// suggestKeys gives every unknown-key problem in probs the nearest keys of
// the schema in the same table ("bedoelt u inwoners?").
func suggestKeys(probs *diag.List) {
	for i, p := range *probs {
		if p.ID != "err.toml.unknown_key" || p.Key == "" || strings.HasPrefix(p.Key, "parameters.") {
			continue
		}
		path := indexRE.ReplaceAllString(p.Key, "")
		parent, name := "", path
		if j := strings.LastIndexByte(path, '.'); j >= 0 {
			parent, name = path[:j], path[j+1:]
		}
		if s := diag.Suggest(name, siblings()[parent]); len(s) > 0 {
			(*probs)[i].Args = diag.A("key", name, "suggest", strings.Join(s, ", "))
		}
	}
}

// jsonPath is the key path of the object that holds the byte at offset
// of a JSON document ("gemeente" for a key inside "gemeente": {…}), so
// that a JSON body's problem names the same field as a TOML file's.
func jsonPath(src []byte, offset int64) string {
	type frame struct {
		obj     bool
		wantKey bool
		key     string
		idx     int
	}
	var stack []frame
	dec := json.NewDecoder(bytes.NewReader(src))
	value := func() { // a value begins in the innermost container
		if n := len(stack); n > 0 && !stack[n-1].obj {
			stack[n-1].idx++
		}
	}
	done := func() { // a value ended in the innermost container
		if n := len(stack); n > 0 && stack[n-1].obj {
			stack[n-1].wantKey = true
		}
	}
	for dec.InputOffset() < offset {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				value()
				stack = append(stack, frame{obj: t == '{', wantKey: t == '{', idx: -1})
			default:
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
				done()
			}
		default:
			if n := len(stack); n > 0 && stack[n-1].obj && stack[n-1].wantKey {
				stack[n-1].key, _ = t.(string)
				stack[n-1].wantKey = false
				continue
			}
			value()
			done()
		}
	}
	var b strings.Builder
	for i := 0; i+1 < len(stack); i++ {
		if stack[i].obj {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(stack[i].key)
		} else {
			fmt.Fprintf(&b, "[%d]", stack[i].idx)
		}
	}
	return b.String()
}
