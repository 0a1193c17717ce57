package compare

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
	"github.com/agii/ovk/templates"
)

// framesWith is the embedded templates folder with the default frame's
// text old replaced by new (once).
func framesWith(t testing.TB, old, new string) fs.FS {
	t.Helper()
	src, err := fs.ReadFile(templates.FS, library.DefaultFrame)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(src), old) != 1 {
		t.Fatalf("%s does not contain %q once", library.DefaultFrame, old)
	}
	return fstest.MapFS{library.DefaultFrame: {Data: []byte(strings.Replace(string(src), old, new, 1))}}
}

// TestReleasesFrame compares two in-memory libraries whose frames differ in
// one party sentence: the JSON reports that frame key as changed with the
// word diff, every other key as unchanged, and the text view shows it.
func TestReleasesFrame(t *testing.T) {
	old, err := library.LoadWith(testlib.FS(nil), "oud", templates.FS)
	if err != nil {
		t.Fatal(err)
	}
	new, err := library.LoadWith(testlib.FS(nil), "nieuw", framesWith(t, "hierna “het lokaal bestuur” genoemd,", "hierna “de gemeente” genoemd,"))
	if err != nil {
		t.Fatal(err)
	}
	r := Releases(old, new)
	fc := r.Library.Frame
	if fc == nil {
		t.Fatal("no frame in the report")
	}
	var changed []string
	for _, p := range fc.Parts {
		switch {
		case p.Key == "partij_gemeente":
			got := compactJSON(t, p)
			if !strings.Contains(got, `"key":"partij_gemeente","status":"changed","text":{"deleted_words":3,"inserted_words":2,`) ||
				!strings.Contains(got, `hierna “"},{"op":"delete","text":"het lokaal bestuur"},{"op":"insert","text":"de gemeente"},{"op":"equal","text":"” genoemd,"}]}}`) {
				t.Errorf("partij_gemeente: %s", got)
			}
			changed = append(changed, p.Key)
		case p.Status != Unchanged || p.Text != nil:
			t.Errorf("%s: %s, want unchanged", p.Key, compactJSON(t, p))
		}
	}
	if len(changed) != 1 || len(fc.Parts) != 13 {
		t.Errorf("changed %v among %d parts, want [partij_gemeente] among 13", changed, len(fc.Parts))
	}
	if r.Same() {
		t.Error("Same() is true for two different frames")
	}
	var b bytes.Buffer
	if err := WriteText(&b, r, l10n.For("nl").T, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "~ Kader: partij_gemeente [gewijzigd]") || !strings.Contains(b.String(), "[-het lokaal bestuur-]{+de gemeente+}") {
		t.Errorf("text view:\n%s", b.String())
	}

	same := Releases(old, old)
	if !same.Same() || same.Library.Frame.changed() {
		t.Errorf("a release against itself: %s", compactJSON(t, same.Library))
	}
}
