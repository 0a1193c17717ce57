package httpapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/profile"
)

func verifyReq(pdf []byte, query string) req {
	return req{method: http.MethodPost, path: "/v1/verify" + query, body: pdf,
		header: map[string]string{"Content-Type": mediaPDF, "Accept": mediaJSON}}
}

// TestVerify: a PDF drafted through the API verifies as identical; under a
// release whose window does not hold its date it cannot be redrafted, and
// the error names the release to use; bytes that are no ovk PDF are a 422.
func TestVerify(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, tomlReq(example(t, "23060-opwijk")))
	if rec.Code != http.StatusOK {
		t.Fatalf("draft: %d %s", rec.Code, rec.Body)
	}
	pdf := rec.Body.Bytes()

	var got ovk.VerifyResult
	rec = a.do(t, verifyReq(pdf, ""))
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if got.Schema != "ovk-verify/2" || got.Outcome != ovk.Identical || got.Release != "2026.1" || got.File != bodyPDF {
		t.Errorf("fresh PDF: %+v", got)
	}

	rec = a.do(t, verifyReq(pdf, "?release=2020.1"))
	got = ovk.VerifyResult{}
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if got.Outcome != ovk.CannotRedraft || got.Error == nil || len(got.Error.Details) != 1 ||
		got.Error.Details[0].Field != "overeenkomst.datum" || got.Error.Details[0].Code != "err.release.window.after_use" {
		t.Errorf("under 2020.1: %s", rec.Body)
	}

	errorBody(t, a.do(t, verifyReq([]byte("%PDF-1.4 not really"), "")), http.StatusUnprocessableEntity, CodeInvalidPDF)
	errorBody(t, a.do(t, verifyReq(pdf, "?release=1999")), http.StatusBadRequest, CodeUnknownRelease)
}

// TestVerifyDiffers: a PDF drafted under 2025.1 and verified under 2026.1
// differs, and its changes name the clauses in the words of diff and
// impact (the response is checked against the OpenAPI document).
func TestVerifyDiffers(t *testing.T) {
	a := newAPI(t, Options{})
	d, err := draft.OpenEmbedded("2025.1")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Parse("halle.toml", example(t, "23027-halle"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := draft.Bytes(res.Doc, draft.PDF)
	if err != nil {
		t.Fatal(err)
	}
	rec := a.do(t, verifyReq(pdf, "?release=2026.1"))
	var got ovk.VerifyResult
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != http.StatusOK {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	statuses := map[ovk.Status]int{}
	for _, c := range got.Changes {
		statuses[c.Status]++
		if c.Why == "" || strings.Contains(c.Why, "nieuw in release") {
			t.Errorf("change without a reason: %+v", c)
		}
	}
	if got.Outcome != ovk.Differs || got.Drafted.LibraryVersion != "2025.1" || got.Now.LibraryVersion != "2026.1" ||
		statuses[ovk.Added] == 0 || statuses[ovk.Changed] == 0 {
		t.Errorf("2025.1 PDF under 2026.1: %s", rec.Body)
	}
}
