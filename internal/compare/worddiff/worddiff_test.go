package worddiff

import (
	"reflect"
	"strings"
	"testing"
)

func texts(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

func TestTokenize(t *testing.T) {
	for in, want := range map[string][]string{
		"een boete van 50 euro tot 5.000 euro.":         {"een", "boete", "van", "50", "euro", "tot", "5.000", "euro", "."},
		"art. 6.1, c) en e), van de AVG;":               {"art", ".", "6.1", ",", "c", ")", "en", "e", ")", ",", "van", "de", "AVG", ";"},
		"Anneleen Van den Broeck-D'hondt (OCMW-cliënt)": {"Anneleen", "Van", "den", "Broeck-D'hondt", "(", "OCMW-cliënt", ")"},
		"integratie- en inburgeringsbeleid":             {"integratie", "-", "en", "inburgeringsbeleid"},
		"op de {{ .meldingstermijn_dagen }}e dag":       {"op", "de", "{{.meldingstermijn_dagen}}", "e", "dag"},
		"§ 2.\n1° het rijksregisternummer;\n\n§ 3. Zij": {"§", "2", ".", "\n", "1", "°", "het", "rijksregisternummer", ";", "\n\n", "§", "3", ".", "Zij"},
		"0,5 % of € 1.250,50":                           {"0,5", "%", "of", "€", "1.250,50"},
		"Zoë Çelik, Łukasz Wróblewski, Nguyễn Thị Hoa":  {"Zoë", "Çelik", ",", "Łukasz", "Wróblewski", ",", "Nguyễn", "Thị", "Hoa"},
	} {
		if got := texts(tokenize(in)); !reflect.DeepEqual(got, want) {
			t.Errorf("tokenize(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

func TestTemplateActions(t *testing.T) {
	if !Same("binnen {{.termijn}} dagen", "binnen {{ .termijn  }} dagen") {
		t.Error("spaces inside an action are a change")
	}
	if Same("binnen {{.termijn}} dagen", "binnen {{- .termijn}} dagen") {
		t.Error("a trim marker, which glues words together, is no change")
	}
}

func TestTokenizeNFC(t *testing.T) {
	composed, decomposed := "Zo\u00eb", "Zoe\u0308"
	if !Same(composed, decomposed) {
		t.Errorf("%q and %q are canonically equivalent but differ", composed, decomposed)
	}
}

func TestWordDiff(t *testing.T) {
	for _, c := range []struct {
		name, old, new string
		want           []Segment
		del, ins       int
	}{
		{"replacement", "het primaire inburgeringstraject, bedoeld", "het traject, bedoeld",
			[]Segment{{Equal, "het "}, {Delete, "primaire inburgeringstraject"}, {Insert, "traject"}, {Equal, ", bedoeld"}}, 2, 1},
		{"insertion", "integratie en inburgering.", "integratie en inburgering, zoals gewijzigd.",
			[]Segment{{Equal, "integratie en inburgering"}, {Insert, ", zoals gewijzigd"}, {Equal, "."}}, 0, 2},
		{"deletion", "door een overheidsinstantie sinds 26 juni 2018 een protocol", "door een overheidsinstantie een protocol",
			[]Segment{{Equal, "door een overheidsinstantie"}, {Delete, " sinds 26 juni 2018"}, {Equal, " een protocol"}}, 4, 0},
		{"number", "uiterlijk op de 30e dag", "uiterlijk op de 14e dag",
			[]Segment{{Equal, "uiterlijk op de "}, {Delete, "30e"}, {Insert, "14e"}, {Equal, " dag"}}, 1, 1},
		{"small equality absorbed", "wijst de inburgeringsplichtigen op die verplichting", "wijst de inburgeraars op die verplichtingen",
			[]Segment{{Equal, "wijst de "}, {Delete, "inburgeringsplichtigen"}, {Insert, "inburgeraars"}, {Equal, " op die "}, {Delete, "verplichting"}, {Insert, "verplichtingen"}}, 2, 2},
		{"new point on its own line", "- a;\n- c.", "- a;\n- b;\n- c.",
			[]Segment{{Equal, "- a;\n"}, {Insert, "- b;\n"}, {Equal, "- c."}}, 0, 1},
	} {
		segs, del, ins := Diff(c.old, c.new)
		if !reflect.DeepEqual(segs, c.want) || del != c.del || ins != c.ins {
			t.Errorf("%s:\n got %q (-%d +%d)\nwant %q (-%d +%d)", c.name, segs, del, ins, c.want, c.del, c.ins)
		}
		if got := Join(segs, Delete); got != c.old {
			t.Errorf("%s: old side %q, want %q", c.name, got, c.old)
		}
		if got := Join(segs, Insert); got != c.new {
			t.Errorf("%s: new side %q, want %q", c.name, got, c.new)
		}
	}
}

func TestRenumberedLabelsAreNoChange(t *testing.T) {
	old := "§ 1. Het AgII bezorgt:\n1° het rijksregisternummer;\n2° de vermelding.\n\n§ 2. Zolang § 2 geldt."
	new := "§ 1. Het AgII bezorgt:\n1° het rijksregisternummer;\n2° het attest;\n3° de vermelding.\n\n§ 2. Zolang § 3 geldt."
	segs, del, ins := Diff(old, new)
	want := []Segment{{Equal, "§ 1. Het AgII bezorgt:\n1° het rijksregisternummer;\n"}, {Insert, "2° het attest;\n"},
		{Equal, "3° de vermelding.\n\n§ 2. Zolang § "}, {Delete, "2"}, {Insert, "3"}, {Equal, " geldt."}}
	if !reflect.DeepEqual(segs, want) || del != 1 || ins != 3 {
		t.Errorf("got %q (-%d +%d)\nwant %q", segs, del, ins, want)
	}
}

// FuzzWordDiff checks that a redline always gives back both texts, token for
// token, and never panics.
func FuzzWordDiff(f *testing.F) {
	for _, s := range [][2]string{
		{"het primaire inburgeringstraject, bedoeld", "het traject, bedoeld"},
		{"§ 1. a;\n1° b;\n2° c.", "§ 1. a;\n1° b;\n2° x;\n3° c."},
		{"{{.a}} en {{ .b", "{{.a}}{{- .b}}"},
		{"5.000 euro", "5.000,50 euro"},
		{"", "nieuw"},
		{"\xff\xfe ongeldig", "geldig"},
		{"Zoe\u0308 D'hondt-Çelik", "Zoë D’hondt"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, old, new string) {
		segs, _, _ := Diff(old, new)
		if segs == nil {
			if !Same(old, new) {
				t.Fatalf("no redline for different texts %q, %q", old, new)
			}
			return
		}
		keys := func(s string) string {
			var b strings.Builder
			for _, t := range tokenize(s) {
				b.WriteString(t.key + "\x00")
			}
			return b.String()
		}
		if got := Join(segs, Delete); keys(got) != keys(old) {
			t.Errorf("old side %q, want %q", got, old)
		}
		if got := Join(segs, Insert); keys(got) != keys(new) {
			t.Errorf("new side %q, want %q", got, new)
		}
	})
}
