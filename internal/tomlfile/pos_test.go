package tomlfile

import "testing"

const src = `id = "x"
tekst = '''
naam = "not a key"
'''
# comment
[[parameter]]
naam = "a"
  soort = "tekst"

[[parameter]]
naam = "b"

[gemeente]
nis = "23060"
agii = { naam = "Zoë", functie = "x" }

[parameters.analyse]
"rapport_datum" = 2026-01-01
`

func TestBuild(t *testing.T) {
	idx := buildIndex([]byte(src))
	for path, want := range map[string]Pos{
		"id":                               {1, 1},
		"tekst":                            {2, 1},
		"parameter[0]":                     {6, 1},
		"parameter[0].naam":                {7, 1},
		"parameter[0].soort":               {8, 3},
		"parameter[1].naam":                {11, 1},
		"gemeente.nis":                     {14, 1},
		"gemeente.agii.functie":            {15, 24},
		"parameters.analyse.rapport_datum": {18, 1},
	} {
		if got := idx[path]; got != want {
			t.Errorf("%s: got %v, want %v", path, got, want)
		}
	}
	if _, ok := idx["naam"]; ok {
		t.Error("a line inside a multi-line string was taken for a key")
	}
	if got := idx.lookup("parameter[1].standaard"); got != (Pos{10, 1}) {
		t.Errorf("lookup of a missing key: got %v, want the table header", got)
	}
	f := New("f.toml", []byte(src))
	for key, want := range map[string]Pos{"id": {1, 6}, "gemeente.nis": {14, 7}, "agii": {}, "parameter[0].soort": {8, 11}} {
		if got := f.ValuePos(key); got != want {
			t.Errorf("ValuePos(%s) = %v, want %v", key, got, want)
		}
	}
	if got := New("z.toml", []byte("naam = \"Zoë\"\nx   =   1\n")).ValuePos("x"); got != (Pos{2, 9}) {
		t.Errorf("ValuePos after a line with a non-ASCII letter: %v", got)
	}
}
