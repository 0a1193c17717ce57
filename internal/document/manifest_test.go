package document_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/ovk"
)

// TestManifestCarriesTheAgreement drafts every example, writes its manifest
// as JSON and reads it back: the agreement it carries is the assembled
// model, field for field, and renders the same plain text.
func TestManifestCarriesTheAgreement(t *testing.T) {
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("../../examples/*.toml")
	if len(files) == 0 {
		t.Fatal("no examples")
	}
	for _, file := range files {
		p, err := ovk.LoadProfile(file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		b, err := json.Marshal(&res.Doc.Meta.Manifest)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), `"text":"SAMENWERKINGSOVEREENKOMST`) {
			t.Errorf("%s: the manifest still carries the plain text", file)
		}
		var m document.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m.Schema != document.ManifestSchema {
			t.Errorf("%s: schema %q", file, m.Schema)
		}
		got := m.Document()
		want := *res.Doc
		want.Meta = document.Meta{}
		gotBody := *got
		gotBody.Meta = document.Meta{}
		if !reflect.DeepEqual(gotBody, want) {
			t.Errorf("%s: the agreement read back differs from the assembled one", file)
		}
		if document.Text(got) != document.Text(res.Doc) {
			t.Errorf("%s: the text rendered from the manifest differs", file)
		}
		if got.Meta.LibraryVersion != d.Lib.Version || got.Meta.ProfileSHA256 != p.SHA256 || got.Meta.Manifest.Reference != res.Doc.Reference {
			t.Errorf("%s: meta %+v", file, got.Meta)
		}
		n := 0
		for _, ch := range res.Doc.Chapters {
			for _, a := range ch.Articles {
				c := m.Clauses[n]
				var sb strings.Builder
				document.WriteArticle(&sb, a)
				sum := sha256.Sum256([]byte(sb.String()))
				if c.ID != a.ClauseID || c.Version != a.ClauseVersion || c.Article != a.Number || c.SHA256 != hex.EncodeToString(sum[:]) {
					t.Errorf("%s: clause %d: %+v", file, n, c)
				}
				n++
			}
		}
		if n != len(m.Clauses) {
			t.Errorf("%s: %d clauses for %d articles", file, len(m.Clauses), n)
		}
	}
}

// TestManifestV1HasNoDocument: a /1 manifest carries only the text.
func TestManifestV1HasNoDocument(t *testing.T) {
	m := document.Manifest{Schema: document.ManifestSchemaV1, Text: "SAMENWERKINGSOVEREENKOMST\n"}
	if m.Document() != nil {
		t.Error("a /1 manifest has no agreement model")
	}
}
