package document_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/testlib"
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
		got, err := m.Document()
		if err != nil {
			t.Fatal(err)
		}
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

// TestManifestV1 reads the /1 manifest of every example, drafted under
// every shipped release: the agreement rebuilt from its text is the
// assembled one, except for what the text does not keep (chapter ids) and
// the capitals of the title and the chapter titles.
func TestManifestV1(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.toml")
	n := 0
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cat.All() {
		rel := r.Version()
		d, err := r.Drafter()
		if err != nil {
			t.Fatal(err)
		}
		d = d.Unbounded() // a profile of the examples' period under every release
		for _, file := range files {
			p, err := ovk.LoadProfile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := d.Prepare(p)
			if err != nil {
				continue // not served, merged, or not valid under this release
			}
			n++
			m := testlib.ManifestV1(res.Doc)
			got, err := m.Document()
			if err != nil {
				t.Fatalf("%s @ %s: %v", file, rel, err)
			}
			if !m.Legacy() {
				t.Error("a /1 manifest is legacy")
			}
			want := *res.Doc
			want.Meta = document.Meta{}
			want.Title = strings.ToUpper(want.Title)
			want.Chapters = append([]document.Chapter(nil), want.Chapters...)
			for i := range want.Chapters {
				want.Chapters[i].ID = ""
				want.Chapters[i].Title = strings.ToUpper(want.Chapters[i].Title)
			}
			got.Meta = document.Meta{}
			if !reflect.DeepEqual(*got, want) {
				g, _ := json.MarshalIndent(got, "", " ")
				w, _ := json.MarshalIndent(&want, "", " ")
				t.Errorf("%s @ %s: rebuilt from the text:\n%s\nassembled:\n%s", file, rel, firstDiff(string(g), string(w)), "")
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d agreements read back", n)
	}
	t.Logf("%d agreements read back", n)
}

// firstDiff shows the first line where a and b differ, with context.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d: %q\nwant    %q", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(la), len(lb))
}

// TestManifestEdited: an agreement whose article was edited after drafting
// (its SHA-256 no longer the recorded one), or whose articles are not the
// listed clauses, is refused.
func TestManifestEdited(t *testing.T) {
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ovk.LoadProfile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(&res.Doc.Meta.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	read := func(b []byte) error {
		var m document.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		_, err := m.Document()
		return err
	}
	if err := read(b); err != nil {
		t.Fatalf("as drafted: %v", err)
	}
	first := res.Doc.Chapters[0].Articles[0].Paragraphs[0].Text
	edited := strings.Replace(string(b), first[:20], first[:20]+" niet", 1)
	if edited == string(b) {
		t.Fatal("nothing edited")
	}
	if err := read([]byte(edited)); !errors.Is(err, document.ErrManifestText) || !strings.Contains(err.Error(), "article 1 ") {
		t.Errorf("edited article: %v", err)
	}
	id := res.Doc.Chapters[0].Articles[0].ClauseID
	swapped := strings.Replace(string(b), `"number":1,"clause_id":"`+id+`"`, `"number":1,"clause_id":"iets_anders"`, 1)
	if swapped == string(b) {
		t.Fatal("no article 1 to swap")
	}
	if err := read([]byte(swapped)); !errors.Is(err, document.ErrManifestText) {
		t.Errorf("another clause: %v", err)
	}
}

// TestManifestV1Damaged: a /1 text that lacks an article's heading, or a
// clause listed twice, is refused.
func TestManifestV1Damaged(t *testing.T) {
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	d, err := cat.Drafter("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := ovk.LoadProfile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	m := testlib.ManifestV1(res.Doc)
	m.Text = strings.Replace(m.Text, "Artikel 3. ", "Artikel 3: ", 1)
	if _, err := m.Document(); !errors.Is(err, document.ErrManifestText) || !strings.Contains(err.Error(), "Artikel 3.") {
		t.Errorf("missing heading: %v", err)
	}
	m = testlib.ManifestV1(res.Doc)
	m.Clauses = append(m.Clauses, m.Clauses[0])
	if _, err := m.Document(); !errors.Is(err, document.ErrManifestText) {
		t.Errorf("clause twice: %v", err)
	}
}
