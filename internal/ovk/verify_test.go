package ovk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/testlib"
)

// verifyPDF drafts the Opwijk example with the catalog's default release.
func verifyPDF(t *testing.T, cat *Catalog) (*Agreement, []byte) {
	t.Helper()
	p, err := LoadProfile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := cat.Prepare("", p)
	if err != nil {
		t.Fatal(err)
	}
	data, err := a.Bytes(PDF)
	if err != nil {
		t.Fatal(err)
	}
	return a, data
}

// TestVerifyOutcomes: a fresh PDF is identical; one drafted by another ovk
// version, and one written with an old (ovk-manifest/1) manifest, are the
// same content in other bytes; under a library edited after drafting the
// PDF differs, and the change is named in the words of diff and impact.
func TestVerifyOutcomes(t *testing.T) {
	cat, err := Open(Embedded)
	if err != nil {
		t.Fatal(err)
	}
	a, data := verifyPDF(t, cat)
	res, err := cat.Verify("", "opwijk.pdf", data, diag.Untranslated)
	if err != nil || res.Outcome != Identical || res.Changes != nil || res.Drafted.LibraryVersion != a.Release() {
		t.Fatalf("fresh PDF: %+v, %v", res, err)
	}

	tool := draft.Version
	draft.Version = "0.0.9"
	_, older := verifyPDF(t, cat)
	draft.Version = tool
	res, err = cat.Verify("", "older.pdf", older, diag.Untranslated)
	if err != nil || res.Outcome != SameContent || res.Drafted.ToolVersion != "0.0.9" || res.Now.ToolVersion != tool {
		t.Errorf("another ovk version: %+v, %v", res, err)
	}

	doc := *a.res.Doc
	doc.Meta.Manifest = testlib.ManifestV1(a.res.Doc)
	var v1 bytes.Buffer
	if err := pdf.Render(&v1, &doc); err != nil {
		t.Fatal(err)
	}
	res, err = cat.Verify("", "v1.pdf", v1.Bytes(), diag.Untranslated)
	if err != nil || res.Outcome != SameContent {
		t.Errorf("an ovk-manifest/1 PDF: %+v, %v", res, err)
	}

	lib := filepath.Join(t.TempDir(), a.Release())
	if err := os.CopyFS(lib, os.DirFS("../../clauses/"+a.Release())); err != nil {
		t.Fatal(err)
	}
	dur, err := os.ReadFile(filepath.Join(lib, "duur.toml"))
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(dur), "niet stilzwijgend verlengd", "stilzwijgend verlengd", 1)
	if edited == string(dur) {
		t.Fatal("duur.toml does not say 'niet stilzwijgend verlengd' any more; adapt the test")
	}
	if err := os.WriteFile(filepath.Join(lib, "duur.toml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	edCat, err := Open(DirSource(lib))
	if err != nil {
		t.Fatal(err)
	}
	res, err = edCat.Verify("", "opwijk.pdf", data, diag.Untranslated)
	if err != nil || res.Outcome != Differs || len(res.Changes) != 1 || res.Changes[0].Clause != "duur" ||
		res.Changes[0].Status != Changed || !strings.HasPrefix(res.Changes[0].Why, "msg.impact.text ") {
		t.Errorf("edited library: %+v, %v", res, err)
	}
}
