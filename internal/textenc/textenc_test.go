package textenc

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDecode(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		format    Format
		text      string // "" when refused
		warn, err string
	}{
		{"UTF-8", "naam = \"Zoë\"\n", TOML, "naam = \"Zoë\"\n", "", ""},
		{"UTF-8 with a BOM", "\xef\xbb\xbfnis,naam\n", CSV, "nis,naam\n", "", ""},
		{"Windows-1252 from Excel", "nis;naam\n73028;Herstappe\n11002;Zo\xeb \x80 \x92t\n", CSV,
			"nis;naam\n73028;Herstappe\n11002;Zoë € ’t\n",
			"f:3:9: warn.encoding.cp1252 file=f format=csv", ""},
		{"Windows-1252 profile", "naam = \"Sint-Tru\xefden\"\n", TOML, "naam = \"Sint-Truïden\"\n",
			"f:1:17: warn.encoding.cp1252 file=f format=toml", ""},
		{"UTF-8 and Windows-1252 mixed", "a,Zoë\nb,Zo\xeb\xeb\nc\nd,\xe9t\xe9\n", CSV, "", "",
			"f:2:5: err.encoding.invalid byte=0xEB format=csv\nf:4:3: err.encoding.invalid byte=0xE9 format=csv"},
		{"a byte Windows-1252 does not define", "a,\x81b\xe9\n", CSV, "", "", "f:1:3: err.encoding.invalid byte=0x81 format=csv"},
		{"JSON is UTF-8 or nothing", "{\"naam\": \"Zo\xeb\"}", JSON, "", "", "f:1:13: err.encoding.invalid byte=0xEB format=json"},
		{"a replacement character", "a\nnaam = \"Zo\uFFFD\"\nx = \"\uFFFD\"", TOML, "", "",
			"f:2:11: err.encoding.replacement format=toml\nf:3:6: err.encoding.replacement format=toml"},
		{"UTF-16", "\xff\xfen\x00i\x00s\x00", CSV, "", "", "f:1:1: err.encoding.utf16 format=csv"},
		{"a NUL byte", "nis\x00,naam", CSV, "", "", "f:1:4: err.encoding.nul format=csv"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, warn, err := Decode("f", []byte(tc.src), tc.format)
			if got := problemText(err); got != tc.err {
				t.Errorf("error %q, want %q", got, tc.err)
			}
			if string(text) != tc.text {
				t.Errorf("text %q, want %q", text, tc.text)
			}
			if gotWarn := problemText(warn.Err()); gotWarn != tc.warn {
				t.Errorf("warning %q, want %q", gotWarn, tc.warn)
			}
		})
	}
}

func problemText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// FuzzDecode: whatever the bytes, Decode gives valid UTF-8 without U+FFFD,
// or refuses them; text that was UTF-8 comes back unchanged.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"nis,naam\n", "\xef\xbb\xbfZoë", "Zo\xeb", "a\uFFFD", "\xff\xfex", "Zoë\xeb", "\x80\x92\x93"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		text, warn, err := Decode("f", src, CSV)
		if err != nil {
			if text != nil || warn != nil {
				t.Fatal("text or a warning with an error")
			}
			return
		}
		if !utf8.Valid(text) || strings.ContainsRune(string(text), utf8.RuneError) {
			t.Fatalf("%q gave %q", src, text)
		}
		if warn == nil && string(text) != strings.TrimPrefix(string(src), "\xef\xbb\xbf") {
			t.Fatalf("UTF-8 %q changed to %q", src, text)
		}
	})
}
