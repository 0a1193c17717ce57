package httpapi

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
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
