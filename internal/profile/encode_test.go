package profile_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

// FuzzEncode: any text in a field of any kind (the municipality's, a
// signatory's, a list, a parameter's value, list, table and table key)
// is embedded by Encode so that Parse gives the same profile back.
func FuzzEncode(f *testing.F) {
	for _, s := range []string{"Zoë Çelik", `a "b" \c`, "tab\there\r\nline", "\x7f\x01", "'''", `"""`, "[x]", "a = 1", "\u2028", ""} {
		f.Add(s, int64(3))
	}
	base, err := profile.ParseBase("base.toml", []byte(testlib.Profile))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, n int64) {
		if !utf8.ValidString(s) {
			return // textenc's to refuse
		}
		at := profile.Origin{File: "f"}
		p, err := profile.FromFields(at, base.Expand(nil), map[string]profile.Value{
			"gemeente.adres":                 {V: "Adres " + s, At: at},
			"overeenkomst.plaats":            {V: "Plaats " + s, At: at},
			"ondertekenaars.voorzitter.naam": {V: "Naam " + s, At: at},
			"doelstellingen":                 {V: []string{"buddies", "doel " + s}, At: at},
			"parameters.extra.tekst":         {V: s, At: at},
			"parameters.extra.lijst":         {V: []any{s, n}, At: at},
			"parameters.extra.persoon":       {V: map[string]any{"naam": s, "k" + s: n}, At: at},
		})
		if err != nil {
			if strings.ContainsRune(s, '\uFFFD') {
				return // refused, as it must be
			}
			t.Fatal(err)
		}
		q, err := profile.Parse("again.toml", p.Source)
		if err != nil {
			t.Fatalf("%v\n%s", err, p.Source)
		}
		if !reflect.DeepEqual(sections(p), sections(q)) {
			t.Fatalf("round trip changed the profile:\n%+v\n%+v\n%s", sections(p), sections(q), p.Source)
		}
	})
}
