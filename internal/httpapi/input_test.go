package httpapi

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The two municipalities every front end refuses alike (see the CLI's
// input_test.go): the API refuses them as a profile and as register rows.
var badMunicipalities = []struct {
	name, old, new, jsonOld, jsonNew, field string
	line                                    int
}{
	{"NIS 99999", `nis       = "23060"`, `nis       = "99999"`, `"nis": "23060"`, `"nis": "99999"`, "gemeente.nis", 12},
	{"Opwijk in Limburg", `provincie = "Vlaams-Brabant"`, `provincie = "Limburg"`,
		`"provincie": "Vlaams-Brabant"`, `"provincie": "Limburg"`, "gemeente.provincie", 15},
}

func TestAPIRefusesWhatBatchRefuses(t *testing.T) {
	a := newAPI(t, Options{})
	for _, tc := range badMunicipalities {
		t.Run(tc.name, func(t *testing.T) {
			eb := errorBody(t, a.do(t, tomlReq(replace(t, example(t, "23060-opwijk"), tc.old, tc.new))),
				http.StatusUnprocessableEntity, CodeInvalidProfile)
			if len(eb.Details) != 1 || eb.Details[0].Field != tc.field || eb.Details[0].Line != tc.line {
				t.Errorf("TOML: details %+v", eb.Details)
			}
			eb = errorBody(t, a.do(t, jsonReq(replace(t, opwijkJSON(t), tc.jsonOld, tc.jsonNew))),
				http.StatusUnprocessableEntity, CodeInvalidProfile)
			if len(eb.Details) != 1 || eb.Details[0].Field != tc.field {
				t.Errorf("JSON: details %+v", eb.Details)
			}
		})
	}
	// The same two as register rows: not drafted, each with its cell.
	rec := a.do(t, batchReq("nis,naam,provincie,adres,inwoners\n"+
		"99999,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000\n"+
		"23060,Opwijk,Limburg,\"Ringlaan 20, 1745 Opwijk\",15000\n", "Accept-Language", "en"))
	if rec.Code != http.StatusOK {
		t.Fatalf("%d %.300s", rec.Code, rec.Body)
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var manifest string
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, ".pdf") {
			t.Errorf("%s was drafted", f.Name)
		}
		if f.Name == "manifest.csv" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			manifest = string(b)
		}
	}
	for _, want := range []string{
		"NIS code 99999 is not the code of a Flemish municipality", "register.csv:2,",
		"NIS code 23060 lies in the province Vlaams-Brabant, not in Limburg", "register.csv:3,",
	} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest.csv lacks %q:\n%s", want, manifest)
		}
	}
}

// TestAPITextEncodings: a TOML profile or CSV register sent as
// Windows-1252 is drafted with a Warning header saying so; a JSON profile,
// or a body that is neither UTF-8 nor Windows-1252, is refused with the
// line, column and fix.
func TestAPITextEncodings(t *testing.T) {
	a := newAPI(t, Options{})
	cp := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	opwijk := strings.Replace(string(example(t, "23060-opwijk")), "Łukasz", "Lukasz", 1)

	rec := a.do(t, tomlReq(cp(opwijk), "Accept", mediaText, "Accept-Language", "en"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Zoë Çelik") || strings.ContainsRune(rec.Body.String(), '\uFFFD') {
		t.Fatalf("%d %.300s", rec.Code, rec.Body)
	}
	firstAccent := strings.IndexFunc(opwijk, func(r rune) bool { return r >= 0x80 })
	line := strings.Count(opwijk[:firstAccent], "\n") + 1
	if w := rec.Header().Get(headerWarning); !strings.HasPrefix(w, fmt.Sprintf(`199 ovk "%s:%d:`, bodyTOML, line)) ||
		!strings.Contains(w, "read as Windows-1252") {
		t.Errorf("Warning %q", w)
	}

	mixed := []byte(strings.Replace(opwijk, `plaats = "Opwijk"`, "plaats = \"Opw\xefjk\"", 1))
	eb := errorBody(t, a.do(t, tomlReq(mixed, "Accept-Language", "en")), http.StatusUnprocessableEntity, CodeInvalidProfile)
	plaats := strings.Count(opwijk[:strings.Index(opwijk, `plaats = "Opwijk"`)], "\n") + 1
	if len(eb.Details) != 1 || eb.Details[0].Line != plaats || eb.Details[0].Column != 14 ||
		!strings.Contains(eb.Details[0].Message, "save the file as UTF-8") {
		t.Errorf("details %+v", eb.Details)
	}

	// Every line with an accented letter is named.
	jsonSrc := strings.Replace(string(opwijkJSON(t)), "Łukasz", "Lukasz", 1)
	accented := 0
	for _, line := range strings.Split(jsonSrc, "\n") {
		if strings.IndexFunc(line, func(r rune) bool { return r >= 0x80 }) >= 0 {
			accented++
		}
	}
	jsonCP := cp(jsonSrc)
	eb = errorBody(t, a.do(t, req{method: http.MethodPost, path: "/v1/agreements", body: jsonCP,
		header: map[string]string{"Content-Type": mediaJSON, "Accept-Language": "en"}, invalid: true}),
		http.StatusUnprocessableEntity, CodeInvalidProfile)
	if len(eb.Details) != accented || accented == 0 || eb.Details[0].Line == 0 || !strings.Contains(eb.Details[0].Message, "send the profile as UTF-8") {
		t.Errorf("JSON details %+v", eb.Details)
	}

	// (semicolons, as Excel writes them: the OpenAPI document's CSV reader
	// takes commas only, so only the responses are validated)
	r := batchReq(string(cp("nis;naam;provincie;adres;inwoners;contactpersonen.gemeente.naam\n"+
		"23060;Opwijk;Vlaams-Brabant;Ringlaan 20, 1745 Opwijk;15000;Zoë Çelik\n")), "Accept-Language", "en")
	r.invalid = true
	rec = a.do(t, r)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Header().Get(headerWarning), "read as Windows-1252") {
		t.Errorf("batch: %d %q", rec.Code, rec.Header().Get(headerWarning))
	}
	r = batchReq("nis;naam;provincie\n23060;Op\x81wijk;Vlaams-Brabant\n", "Accept-Language", "en")
	r.invalid = true
	eb = errorBody(t, a.do(t, r), http.StatusUnprocessableEntity, CodeInvalidRegister)
	if len(eb.Details) != 1 || eb.Details[0].Line != 2 || eb.Details[0].Column != 9 || !strings.Contains(eb.Details[0].Message, "save it as CSV UTF-8") {
		t.Errorf("register details %+v", eb.Details)
	}
}
