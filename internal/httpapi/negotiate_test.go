package httpapi

import "testing"

func TestNegotiate(t *testing.T) {
	offers := []string{mediaPDF, mediaJSON, mediaText}
	for accept, want := range map[string]string{
		"":                                  mediaPDF,
		"*/*":                               mediaPDF,
		"application/json":                  mediaJSON,
		"text/plain":                        mediaText,
		"text/*":                            mediaText,
		"application/*":                     mediaPDF,
		"text/html, application/json;q=0.9": mediaJSON,
		"application/pdf;q=0.5, text/plain": mediaText,
		"*/*;q=0.1, application/json":       mediaJSON,
		"application/json;q=0, */*":         mediaPDF,
		"image/png":                         "",
		"application/pdf;q=0":               "",
		"garbage;;;":                        "",
		"text/plain;q=abc":                  mediaText,
	} {
		if got := negotiate(accept, offers...); got != want {
			t.Errorf("negotiate(%q) = %q, want %q", accept, got, want)
		}
	}
}

func TestFileName(t *testing.T) {
	for _, tc := range []struct{ nis, name, ascii, disposition string }{
		{"23060", "Opwijk", "23060-opwijk.pdf",
			`attachment; filename="23060-opwijk.pdf"; filename*=UTF-8''23060-opwijk.pdf`},
		{"73111", "Tongeren-Borgloon", "73111-tongeren-borgloon.pdf",
			`attachment; filename="73111-tongeren-borgloon.pdf"; filename*=UTF-8''73111-tongeren-borgloon.pdf`},
		{"44086", "Nazareth-De Pinte", "44086-nazareth-de-pinte.pdf",
			`attachment; filename="44086-nazareth-de-pinte.pdf"; filename*=UTF-8''44086-nazareth-de-pinte.pdf`},
		{"57081", "Écaussinnes", "57081-ecaussinnes.pdf",
			`attachment; filename="57081-ecaussinnes.pdf"; filename*=UTF-8''57081-%C3%A9caussinnes.pdf`},
		{"11999", `'s "Gravenwezel"/..\`, "11999-s-gravenwezel.pdf",
			`attachment; filename="11999-s-gravenwezel.pdf"; filename*=UTF-8''11999-s-gravenwezel.pdf`},
		{"", "", "overeenkomst.pdf", `attachment; filename="overeenkomst.pdf"; filename*=UTF-8''overeenkomst.pdf`},
	} {
		if got := fileName(tc.nis, tc.name, ".pdf"); got != tc.ascii {
			t.Errorf("fileName(%q, %q) = %q, want %q", tc.nis, tc.name, got, tc.ascii)
		}
		if got := contentDisposition(tc.nis, tc.name, ".pdf"); got != tc.disposition {
			t.Errorf("contentDisposition(%q, %q) =\n%s, want\n%s", tc.nis, tc.name, got, tc.disposition)
		}
	}
}

func TestPosition(t *testing.T) {
	src := []byte("{\n  \"naam\": \"Zoë\" x\n}")
	for _, tc := range []struct{ i, line, col int }{
		{0, 1, 1}, {1, 1, 2}, {2, 2, 1}, {19, 2, 17}, {21, 3, 1}, {len(src), 3, 2}, {-3, 1, 1}, {999, 3, 2},
	} {
		if line, col := position(src, tc.i); line != tc.line || col != tc.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tc.i, line, col, tc.line, tc.col)
		}
	}
}

func TestJSONSyntax(t *testing.T) {
	for src, want := range map[string][2]int{
		"{\n  \"naam\": \"Zoë\" x\n}": {2, 17},
		"{\"a\": 1,}":                 {1, 9},
		"{\"a\": [1, 2":               {1, 12},
		"":                            {1, 1},
	} {
		probs := jsonSyntax([]byte(src))
		if len(probs) != 1 || probs[0].Line != want[0] || probs[0].Col != want[1] || probs[0].ID != idJSONSyntax {
			t.Errorf("%q: %+v, want %d:%d", src, probs, want[0], want[1])
		}
	}
	if probs := jsonSyntax([]byte(`{"a": 1}`)); probs != nil {
		t.Errorf("valid JSON: %+v", probs)
	}
}
