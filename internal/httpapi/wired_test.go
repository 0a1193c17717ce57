package httpapi

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/profile"
)

func diffReq(body string, header ...string) req {
	r := post(mediaJSON, []byte(body), header...)
	r.path = "/v1/diff"
	return r
}

// opwijkBoth is the Opwijk profile as JSON without the parameter that
// release 2020.1 lacks, so that both releases can draft it.
func opwijkBoth(t *testing.T) string {
	return string(replace(t, opwijkJSON(t), `"gegevensuitwisseling": {
      "protocol_datum": "2025-10-14",
      "protocol_vindplaats": "de websites van het AgII en van de gemeente Opwijk"
    },
    `, ""))
}

func TestDiffReleases(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, diffReq(`{"from": "2020.1", "to": "2025.1"}`))
	od, _ := embeddedDrafter("2020.1")
	nd, _ := embeddedDrafter("2025.1")
	want := compare.Releases(od.Lib, nd.Lib)
	want.Old.Name, want.New.Name = "2020.1", "2025.1"
	var buf bytes.Buffer
	if err := compare.WriteJSON(&buf, want); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaJSON || rec.Body.String() != buf.String() {
		t.Errorf("%d %s: the report is not review's: %.300s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}

	rec = a.do(t, diffReq(`{"from": "2020.1", "to": "2025.1"}`, "Accept", "text/html", "Accept-Language", "en"))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" ||
		!strings.Contains(rec.Body.String(), `<html lang="en"`) {
		t.Errorf("HTML: %d %s %.200s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	rec = a.do(t, diffReq(`{"from": "2020.1", "to": "2025.1"}`, "Accept", "application/pdf"))
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="redline.pdf"` {
		t.Errorf("redline: %d %s", rec.Code, rec.Header())
	}
}

func TestDiffAgreements(t *testing.T) {
	a := newAPI(t, Options{})
	both := opwijkBoth(t)
	rec := a.do(t, diffReq(`{"from": "2020.1", "to": "2025.1", "profile": `+both+`}`))
	var got compare.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %.300s", rec.Code, rec.Body)
	}
	if got.Mode != compare.ModeAgreements || got.Summary == (compare.Summary{}) {
		t.Errorf("mode %s, summary %+v", got.Mode, got.Summary)
	}

	// The same comparison from the two PDFs. Release 2020.1 does not draft
	// an agreement dated 2026 (its validity window), so the PDFs are
	// drafted past the window, as a comparison does.
	pdfOf := func(release string) string {
		d, err := embeddedDrafter(release)
		if err != nil {
			t.Fatal(err)
		}
		p, err := profile.ParseJSON("opwijk.json", []byte(both))
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Unbounded().Prepare(p)
		if err != nil {
			t.Fatalf("draft %s: %v", release, err)
		}
		data, err := draft.Bytes(res.Doc, draft.PDF)
		if err != nil {
			t.Fatal(err)
		}
		return base64.StdEncoding.EncodeToString(data)
	}
	rec = a.do(t, diffReq(`{"old_pdf": "`+pdfOf("2020.1")+`", "new_pdf": "`+pdfOf("2025.1")+`"}`))
	var fromPDF compare.Report
	if err := json.Unmarshal(rec.Body.Bytes(), &fromPDF); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %.300s", rec.Code, rec.Body)
	}
	if fromPDF.Summary != got.Summary || len(fromPDF.Clauses) != len(got.Clauses) {
		t.Errorf("from PDFs %+v, from the profile %+v", fromPDF.Summary, got.Summary)
	}

	// Two profiles: the old one drafted under van, the new one under the default release.
	rec = a.do(t, diffReq(`{"from": "2020.1", "old": `+both+`, "new": `+string(opwijkJSON(t))+`}`))
	if rec.Code != http.StatusOK {
		t.Errorf("two profiles: %d %.300s", rec.Code, rec.Body)
	}
}

func TestDiffErrors(t *testing.T) {
	a := newAPI(t, Options{})
	opwijk := string(opwijkJSON(t))
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
		field      string
	}{
		{"nothing to compare", `{}`, 422, CodeInvalidRequest, ""},
		{"one release", `{"from": "2020.1"}`, 422, CodeInvalidRequest, ""},
		{"profile and sides", `{"from": "2020.1", "to": "2025.1", "profile": ` + opwijk + `, "old": ` + opwijk + `}`, 422, CodeInvalidRequest, ""},
		{"one side", `{"old": ` + opwijk + `}`, 422, CodeInvalidRequest, ""},
		{"unknown release", `{"from": "2020.1", "to": "2099.1"}`, 400, CodeUnknownRelease, "to"},
		{"unknown field", `{"from": "2020.1", "to": "2025.1", "tot": "x"}`, 422, CodeInvalidRequest, ""},
		{"malformed", `{"from": "2020.1",}`, 400, CodeMalformed, ""},
		{"profile invalid under a release", `{"from": "2020.1", "to": "2025.1", "profile": ` + opwijk + `}`, 422,
			CodeInvalidProfile, "profile.parameters.gegevensuitwisseling.protocol_datum"},
		{"not an ovk PDF", `{"old_pdf": "aGFsbG8=", "new": ` + opwijk + `}`, 422, CodeInvalidPDF, "old_pdf"},
		{"not base64", `{"old_pdf": "%%%", "new": ` + opwijk + `}`, 422, CodeInvalidRequest, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := diffReq(tc.body, "Accept-Language", "en")
			r.invalid = true
			eb := errorBody(t, a.do(t, r), tc.status, tc.code)
			if tc.field != "" && (len(eb.Details) == 0 || eb.Details[0].Field != tc.field) {
				t.Errorf("details %+v, want field %s", eb.Details, tc.field)
			}
		})
	}
}

func batchReq(csv string, header ...string) req {
	r := post(mediaCSV, []byte(csv), header...)
	r.path = "/v1/batch?ontwerp=true"
	return r
}

func TestBatch(t *testing.T) {
	a := newAPI(t, Options{})
	csv := "nis,naam,provincie,adres,inwoners,ocmw.zetel,overeenkomst.ocmw_raadsbesluit,ondertekenaars.voorzitter.naam,parameters.samenvoeging.rechtsvoorgangers\n" +
		"23060,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000,\"Ringlaan 20, 1745 Opwijk\",2025-12-15,Jan Peeters,\n" +
		"11002,Antwerpen,Antwerpen,\"Grote Markt 1, 2000 Antwerpen\",530000,,,,\n" +
		"2306,Fout,Vlaams-Brabant,\"Markt 1\",100,,,,\n" +
		"44087,Lochristi,Oost-Vlaanderen,\"Dorp-West 52, 9080 Lochristi\",23000,\"Dorp-West 52, 9080 Lochristi\",2025-12-15,Els Claeys,de gemeenten Lochristi en Wachtebeke\n"
	rec := a.do(t, batchReq(csv))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaZip ||
		rec.Header().Get("Content-Disposition") != `attachment; filename="ovk-2026-1.zip"` {
		t.Fatalf("%d %s %.300s", rec.Code, rec.Header(), rec.Body)
	}
	zr, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	sort.Strings(names)
	if strings.Join(names, " ") != "23060-opwijk.pdf 44087-lochristi.pdf manifest.csv manifest.json" {
		t.Errorf("zip holds %v", names)
	}
	if !bytes.HasPrefix(files["23060-opwijk.pdf"], []byte("%PDF-")) {
		t.Error("23060-opwijk.pdf is not a PDF")
	}
	var m batch.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Release != "2026.1" || !m.Complete || m.Counts.Total != 4 || m.Counts.OK != 2 || m.Counts.NotServed != 1 || m.Counts.Failed != 1 {
		t.Errorf("manifest: %+v", m)
	}
	for _, it := range m.Items {
		if it.Status == batch.Failed && !strings.Contains(it.Error, "ongeldige NIS-code 2306") {
			t.Errorf("failed item's error in Dutch: %q", it.Error)
		}
	}
	if len(a.s.sem) != 0 || len(a.s.batchSem) != 0 {
		t.Error("slot leaked")
	}
}

func TestBatchErrors(t *testing.T) {
	a := newAPI(t, Options{MaxBatchBody: 200})
	csv := "nis,naam,provincie,adres,inwoners\n23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n"
	for _, tc := range []struct {
		name   string
		r      req
		status int
		code   string
	}{
		{"wrong content type", post(mediaJSON, []byte(csv)), 415, CodeMediaType},
		{"not a zip", batchReq(csv, "Accept", "application/json"), 406, CodeNotAcceptable},
		{"broken header", batchReq("nis,naam\n23060,Opwijk\n"), 422, CodeInvalidRegister},
		{"over the limit", batchReq(csv + strings.Repeat("23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n", 10)), 413, CodeBodyTooLarge},
		{"unknown release", batchReq(csv), 400, CodeUnknownRelease},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "wrong content type" {
				tc.r.path = "/v1/batch"
			}
			if tc.name == "unknown release" {
				tc.r.path += "&release=2099.1"
			}
			tc.r.invalid = true
			errorBody(t, a.do(t, tc.r), tc.status, tc.code)
		})
	}
	a.s.batchSem <- struct{}{}
	rec := a.do(t, batchReq(csv))
	errorBody(t, rec, http.StatusTooManyRequests, CodeBusy)
	if rec.Header().Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", rec.Header().Get("Retry-After"))
	}
}
