package profile

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
)

// TestJSONUnknownKeyPath: a JSON body's unknown key names the same field
// path as in TOML, with the suggestion.
func TestJSONUnknownKeyPath(t *testing.T) {
	for _, c := range []struct{ src, key, suggest string }{
		{`{"gemeente": {"naam": "Opwijk", "inwonres": 3}}`, "gemeente.inwonres", "inwoners"},
		{`{"gemeente": {"naam": "Opwijk"}, "ondertekenaars": {"burgemeester": {"naam": "X", "funktie": "y"}}}`, "ondertekenaars.burgemeester.funktie", "functie"},
		{`{"gemeent": {}}`, "gemeent", "gemeente"},
	} {
		_, err := ParseJSON("body.json", []byte(c.src))
		var list diag.List
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("%s: %v", c.src, err)
		}
		p := list[0]
		if p.Key != c.key || p.ID != "err.toml.unknown_key" || !strings.Contains(p.Args["suggest"].(string), c.suggest) {
			t.Errorf("%s: got %s %s %v", c.src, p.Key, p.ID, p.Args)
		}
	}
}
