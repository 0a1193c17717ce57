package library_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

func TestLoadValid(t *testing.T) {
	lib, err := library.Load(testlib.FS(nil), "lib")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, c := range lib.Clauses {
		ids = append(ids, c.ID)
	}
	want := []string{"voorwerp", "ocmw", "geen_ocmw", "buddies", "analyse", "groot", "klein"}
	if len(ids) != len(want) {
		t.Fatalf("order: got %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("order: got %v, want %v", ids, want)
		}
	}
	if lib.Version != "1.0" || lib.Effective.ISO() != "2025-01-01" || len(lib.Recitals) != 2 {
		t.Errorf("header: %+v", lib)
	}
	if m, ok := lib.MergedInto("73083"); !ok || m.NIS != "73111" {
		t.Errorf("MergedInto(73083) = %v, %v", m, ok)
	}
	if _, ok := lib.NotServedBy("11002"); !ok {
		t.Error("Antwerpen should not be served")
	}
	p := lib.Clause("buddies").Param("budget")
	if p.Default == nil || p.Default.Text != "5.000 euro" {
		t.Errorf("budget default: %+v", p.Default)
	}
}

// TestLoadProblems checks that each kind of bad library input is reported
// with its file, line, key and message id.
func TestLoadProblems(t *testing.T) {
	for _, c := range []struct {
		name  string
		edits map[string]string
		file  string
		line  int
		key   string
		id    string
	}{
		{"malformed TOML", map[string]string{"analyse.toml": "id = \"analyse\"\nversie = = 1\n"},
			"lib/analyse.toml", 2, "", "err.toml.syntax"},
		{"unknown key", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", "titel =", "titl = \"x\"\ntitel =")},
			"lib/analyse.toml", 3, "titl", "err.toml.unknown_key"},
		{"unknown key in parameter", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "min = 1", "minimum = 1")},
			"lib/ocmw.toml", 20, "parameter[0].minimum", "err.toml.unknown_key"},
		{"wrong type", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", "versie = 1", "versie = \"een\"")},
			"lib/analyse.toml", 2, "versie", "err.toml.type"},
		{"unknown clause id in vereist", map[string]string{"buddies.toml": testlib.Replace("buddies.toml", `vereist = ["analyse"]`, `vereist = ["analyze"]`)},
			"lib/buddies.toml", 7, "vereist", "err.clause.unknown_id"},
		{"cycle in vereist", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", "volgorde = 20", "volgorde = 20\nvereist = [\"buddies\"]")},
			"lib/analyse.toml", 7, "vereist", "err.clause.cycle"},
		{"unknown kind", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", `soort = "optioneel"`, `soort = "facultatief"`)},
			"lib/analyse.toml", 4, "soort", "err.clause.kind"},
		{"mandatory with condition", map[string]string{"voorwerp.toml": testlib.Replace("voorwerp.toml", "volgorde = 10", "volgorde = 10\nvoorwaarde = \"eigen_ocmw\"")},
			"lib/voorwerp.toml", 7, "voorwaarde", "err.clause.mandatory_condition"},
		{"unknown parameter type", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", `soort = "geheel_getal"`, `soort = "getal"`)},
			"lib/ocmw.toml", 17, "parameter[0].soort", "err.param.type"},
		{"default of wrong type", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "standaard = 30", "standaard = \"dertig\"")},
			"lib/ocmw.toml", 19, "parameter[0].standaard", "err.value.type"},
		{"default out of range", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "standaard = 30", "standaard = 300")},
			"lib/ocmw.toml", 19, "parameter[0].standaard", "err.value.max"},
		{"broken template", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", "instroomcijfers.\"", "{{if}}.\"")},
			"lib/analyse.toml", 7, "tekst", "err.text.template"},
		{"unknown chapter", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", `hoofdstuk = "doelen"`, `hoofdstuk = "doel"`)},
			"lib/analyse.toml", 5, "hoofdstuk", "err.clause.chapter"},
		{"duplicate order", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", "volgorde = 20", "volgorde = 10")},
			"lib/buddies.toml", 6, "volgorde", "err.clause.order_duplicate"},
		{"duplicate id", map[string]string{"analyse2.toml": testlib.Replace("analyse.toml", "volgorde = 20", "volgorde = 25")},
			"lib/analyse2.toml", 1, "id", "err.clause.duplicate_id"},
		{"header: bad NIS", map[string]string{"library.toml": testlib.Replace("", `nis = "11002"`, `nis = "1102"`)},
			"lib/library.toml", 24, "niet_bediend[0].nis", "err.nis.invalid"},
		{"header: missing version", map[string]string{"library.toml": testlib.Replace("", `versie = "1.0"`, ``)},
			"lib/library.toml", 0, "versie", "err.key.required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			lib, err := library.Load(testlib.FS(c.edits), "lib")
			if lib == nil && c.id != "err.library.no_header" {
				t.Error("Load returned no partial library to go on checking")
			}
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want a diag.List, got %v", err)
			}
			for _, p := range list {
				if p.ID == c.id && p.File == c.file && p.Line == c.line && (c.key == "" || p.Key == c.key) {
					return
				}
			}
			t.Errorf("want %s:%d: %s: %s, got:\n%v", c.file, c.line, c.key, c.id, list)
		})
	}
}

func TestLoadReportsAllProblemsAtOnce(t *testing.T) {
	_, err := library.Load(testlib.FS(map[string]string{
		"analyse.toml": testlib.Replace("analyse.toml", `soort = "optioneel"`, `soort = "x"`),
		"klein.toml":   testlib.Replace("klein.toml", "titel =", "titl = \"\"\ntitel ="),
	}), "lib")
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 { // the unknown key does not hide klein from groot's sluit_uit
		t.Fatalf("want 2 problems, got %v", err)
	}
	if list[0].File != "lib/analyse.toml" || list[1].File != "lib/klein.toml" {
		t.Errorf("problems not sorted by file: %v", list)
	}
}

func TestConvert(t *testing.T) {
	lib, err := library.Load(testlib.FS(nil), "lib")
	if err != nil {
		t.Fatal(err)
	}
	b := lib.Clause("buddies")
	for _, c := range []struct {
		param string
		raw   any
		text  string
		id    string
	}{
		{"aantal", int64(1250), "1.250", ""},
		{"aantal", int64(0), "", "err.value.min"},
		{"aantal", "twaalf", "", "err.value.type"},
		{"aantal", float64(12), "12", ""},
		{"aantal", 12.5, "", "err.value.type"},
		{"budget", 25451.73, "25.451,73 euro", ""},
		{"budget", int64(-1), "", "err.value.amount"},
		{"datum", "2027-06-30", "30 juni 2027", ""},
		{"datum", "30/06/2027", "", "err.value.date"},
		{"coordinator", map[string]any{"naam": "Zoë", "email": "zoe@example.be"}, "Zoë, zoe@example.be", ""},
		{"coordinator", map[string]any{"naam": "Zoë", "email": "zoe@"}, "", "err.value.email"},
		{"coordinator", map[string]any{"email": "zoe@example.be"}, "", "err.person.name"},
		{"coordinator", map[string]any{"naam": "Zoë", "gsm": "1"}, "", "err.person.unknown_key"},
		{"partners", []any{"a", "b"}, "a; b", ""},
		{"partners", []any{"a", int64(2)}, "", "err.value.type"},
	} {
		v, id, _ := b.Param(c.param).Convert(c.raw)
		if id != c.id || v.Text != c.text {
			t.Errorf("%s(%v): got %q, %q; want %q, %q", c.param, c.raw, v.Text, id, c.text, c.id)
		}
	}
}

func TestValidEmailPhone(t *testing.T) {
	for s, want := range map[string]bool{"a@b.be": true, "Zoë <a@b.be>": false, "a@b": false, "ab.be": false} {
		if library.ValidEmail(s) != want {
			t.Errorf("ValidEmail(%q) != %v", s, want)
		}
	}
	for s, want := range map[string]bool{"+32 2 000 00 00": true, "052/00.00.00": true, "call me": false, "12": false} {
		if library.ValidPhone(s) != want {
			t.Errorf("ValidPhone(%q) != %v", s, want)
		}
	}
}

func TestHeaderToConfirmAndFrame(t *testing.T) {
	src := testlib.Header + `kader = "overeenkomst.toml"

[[te_bevestigen]]
sleutel = "agii.zetel"
waarom = "het adres staat niet in een publieke bron; controleer in de KBO"

[[te_bevestigen]]
sleutel = "agii.naam"
waarom = "x"
bevestigd_door = "Jan Janssens"
bevestigd_op = 2025-11-02
`
	// kader must stand before the tables: put it at the top.
	src = "kader = \"overeenkomst.toml\"\n" + strings.Replace(src, "kader = \"overeenkomst.toml\"\n", "", 1)
	lib, err := library.Load(testlib.FS(map[string]string{"library.toml": src}), "lib")
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.ToConfirm) != 2 || lib.ToConfirm[0].Key != "agii.zetel" || lib.ToConfirm[0].Confirmed() || !lib.ToConfirm[1].Confirmed() {
		t.Errorf("te_bevestigen: %+v", lib.ToConfirm)
	}
	for _, c := range []struct {
		name, src, key, id string
	}{
		{"unknown key to confirm", testlib.Header + "\n[[te_bevestigen]]\nsleutel = \"agii.zetl\"\nwaarom = \"x\"\n", "te_bevestigen[0].sleutel", "err.confirm.unknown_key"},
		{"confirmed without date", testlib.Header + "\n[[te_bevestigen]]\nsleutel = \"agii.zetel\"\nwaarom = \"x\"\nbevestigd_door = \"x\"\n", "te_bevestigen[0]", "err.confirm.incomplete"},
		{"missing frame", "kader = \"geen.toml\"\n" + testlib.Header, "kader", "err.library.frame_missing"},
		{"frame with a folder", "kader = \"../x.toml\"\n" + testlib.Header, "kader", "err.library.frame_name"},
		{"requirement without reason", testlib.Header + "\n[[vereist]]\nsleutel = \"ocmw.zetel\"\n", "vereist[0].waarom", "err.key.required"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := library.Load(testlib.FS(map[string]string{"library.toml": c.src}), "lib")
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 || list[0].Key != c.key || list[0].ID != c.id || list[0].Line == 0 {
				t.Errorf("got %v", err)
			}
		})
	}
}

func TestClausePositions(t *testing.T) {
	for _, c := range []struct {
		line string
		col  int
	}{
		{`voorwaarde = "eigen_ocmw"`, 15},
		{`voorwaarde   = 'eigen_ocmw'`, 17},
		{`voorwaarde = """eigen_ocmw"""`, 17},
	} {
		lib, err := library.Load(testlib.FS(map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", `voorwaarde = "eigen_ocmw"`, c.line)}), "lib")
		if err != nil {
			t.Fatal(err)
		}
		cl := lib.Clause("ocmw")
		if p := cl.ValuePos("voorwaarde"); p.Line != 5 || p.Col != c.col {
			t.Errorf("%s: ValuePos = %+v, want 5:%d", c.line, p, c.col)
		}
		if p := cl.Pos("voorwaarde"); p.Line != 5 || p.Col != 1 {
			t.Errorf("%s: Pos = %+v", c.line, p)
		}
		if p := cl.Problem("voorwaarde", "x", nil); p.File != "lib/ocmw.toml" || p.Line != 5 || cl.FileName() != "lib/ocmw.toml" {
			t.Errorf("Problem = %+v", p)
		}
	}
}

func TestDeadlineOnlyForDates(t *testing.T) {
	_, err := library.Load(testlib.FS(map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "max = 90", "max = 90\ntermijn = false")}), "lib")
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.param.deadline_not_date" || list[0].Key != "parameter[0].termijn" || list[0].Line == 0 {
		t.Errorf("got %v", err)
	}
}
