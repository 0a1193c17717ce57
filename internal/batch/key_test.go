package batch

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/rules"
	"github.com/agii/ovk/templates"
)

// copyFS copies the files of fsys, with edit applied to each file's text.
func copyFS(t *testing.T, fsys fs.FS, edit func(name, src string) string) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		out[name] = &fstest.MapFile{Data: []byte(edit(name, string(src)))}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// drafterWith opens release 2025.1 with its clause files and the frame
// templates edited.
func drafterWith(t *testing.T, clauseEdit, frameEdit func(name, src string) string) *draft.Drafter {
	t.Helper()
	rel, err := fs.Sub(clauses.FS, "2025.1")
	if err != nil {
		t.Fatal(err)
	}
	lib, err := library.LoadWith(copyFS(t, rel, clauseEdit), "clauses/2025.1", copyFS(t, templates.FS, frameEdit))
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(lib)
	if err != nil {
		t.Fatal(err)
	}
	return &draft.Drafter{Lib: lib, Engine: eng}
}

func same(_, src string) string { return src }

func actions(m *Manifest) map[string]string {
	out := map[string]string{}
	for _, it := range m.Items {
		if it.Status == OK {
			out[it.NIS] = it.Action
		}
	}
	return out
}

func all(action string, nis ...string) map[string]string {
	out := map[string]string{}
	for _, n := range nis {
		out[n] = action
	}
	return out
}

// TestKeyIsWhatWasAssembled: the incremental key is the assembled
// agreement, so an edit of the frame template (which no clause file or
// release version shows) redrafts every agreement, and an edit of a
// clause's TOML that changes no agreement text (a comment) redrafts none.
func TestKeyIsWhatWasAssembled(t *testing.T) {
	out := t.TempDir()
	reg := loadRegister(t, mixed)
	served := []string{"23060", "24062", "73111"}
	step := func(what string, d *draft.Drafter, want map[string]string) *Manifest {
		t.Helper()
		m := runOnce(t, d, reg, out, false)
		if got := actions(m); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
		return m
	}
	first := step("first run", drafterWith(t, same, same), all(Drafted, served...))
	step("unchanged rerun", drafterWith(t, same, same), all(Unchanged, served...))

	reworded := func(name, src string) string {
		if !strings.Contains(src, `"Tussen ondergetekenden:"`) {
			return src
		}
		return strings.Replace(src, `"Tussen ondergetekenden:"`, `"Tussen de ondergetekenden:"`, 1)
	}
	changed := step("frame template reworded", drafterWith(t, same, reworded), all(Drafted, served...))
	for i, it := range changed.Items {
		if it.Status == OK && (it.Key == first.Items[i].Key || it.SHA256 == first.Items[i].SHA256) {
			t.Errorf("%s: key or PDF unchanged after a frame edit", it.NIS)
		}
	}
	step("rerun after the frame edit", drafterWith(t, same, reworded), all(Unchanged, served...))

	commented := func(name, src string) string {
		if strings.HasSuffix(name, ".toml") && name != library.HeaderFile {
			return "# opmerking van de jurist, zonder gevolg voor de tekst\n" + src
		}
		return src
	}
	step("comment in every clause file", drafterWith(t, commented, reworded), all(Unchanged, served...))
}
