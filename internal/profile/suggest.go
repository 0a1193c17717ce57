package profile

import (
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
