package httpapi

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/agii/ovk/internal/ovk"
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
