package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/docx"
)

// TestDOCX drafts an agreement as DOCX, verifies it, and asks for a
// redline as DOCX; every response is checked against the OpenAPI document.
func TestDOCX(t *testing.T) {
	a := newAPI(t, Options{})
	rec := a.do(t, tomlReq(example(t, "23060-opwijk"), "Accept", mediaDOCX))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaDOCX {
		t.Fatalf("POST /v1/agreements as DOCX: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="23060-opwijk.docx"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	doc := rec.Body.Bytes()
	e, err := docx.ReadEmbedded(bytes.NewReader(doc), int64(len(doc)))
	if err != nil || e.Manifest.Reference != "AgII-OVK-2026-23060" {
		t.Fatalf("embedded manifest: %v %+v", err, e)
	}

	rec = a.do(t, req{method: http.MethodPost, path: "/v1/verify", body: doc,
		header: map[string]string{"Content-Type": mediaDOCX, "Accept": mediaJSON}})
	var v struct{ Outcome string }
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &v) != nil || v.Outcome != "identical" {
		t.Errorf("POST /v1/verify of the DOCX: %d %s", rec.Code, rec.Body)
	}

	// Two DOCX documents compared (the *_pdf fields take either).
	other := a.do(t, tomlReq(example(t, "73028-herstappe"), "Accept", mediaDOCX)).Body.Bytes()
	body, _ := json.Marshal(map[string]any{"old_pdf": doc, "new_pdf": other})
	rec = a.do(t, req{method: http.MethodPost, path: "/v1/diff", body: body,
		header: map[string]string{"Content-Type": mediaJSON, "Accept": mediaDOCX}})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != mediaDOCX || !bytes.HasPrefix(rec.Body.Bytes(), []byte("PK\x03\x04")) {
		t.Fatalf("POST /v1/diff as DOCX: %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, "redline.docx") {
		t.Errorf("Content-Disposition %q", cd)
	}
	// Another unknown type is still refused.
	rec = a.do(t, tomlReq(example(t, "23060-opwijk"), "Accept", "application/vnd.oasis.opendocument.text"))
	if rec.Code != http.StatusNotAcceptable {
		t.Errorf("Accept ODT: %d, want 406", rec.Code)
	}
}
