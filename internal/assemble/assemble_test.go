package assemble_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

func TestParseMarkup(t *testing.T) {
	got := assemble.ParseMarkup(`
§ Het AgII
  verbindt zich ertoe:
- de cijfers te
  analyseren;
- te overleggen.

§ Het lokaal bestuur

Een lid zonder nummer.
- los punt
`)
	want := []document.Paragraph{
		{Label: "§ 1.", Text: "Het AgII verbindt zich ertoe:", Items: []document.Item{
			{Label: "1°", Text: "de cijfers te analyseren;"}, {Label: "2°", Text: "te overleggen."}}},
		{Label: "§ 2.", Text: "Het lokaal bestuur"},
		{Text: "Een lid zonder nummer.", Items: []document.Item{{Label: "1°", Text: "los punt"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func draft(t *testing.T, src string) (*document.Document, error) {
	t.Helper()
	return draftWith(t, nil, nil, src)
}

func TestAssemble(t *testing.T) {
	doc, err := draft(t, testlib.Profile)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var numbers []int
	for _, ch := range doc.Chapters {
		for _, a := range ch.Articles {
			ids = append(ids, a.ClauseID)
			numbers = append(numbers, a.Number)
		}
	}
	if !reflect.DeepEqual(ids, []string{"voorwerp", "ocmw", "buddies", "analyse"}) || !reflect.DeepEqual(numbers, []int{1, 2, 3, 4}) {
		t.Fatalf("articles: %v %v", ids, numbers)
	}
	if len(doc.Chapters) != 2 || doc.Chapters[1].Number != 2 || doc.Chapters[1].Title != "Lokale doelstellingen" {
		t.Errorf("chapters: %+v", doc.Chapters)
	}
	text := document.Text(doc)
	for _, want := range []string{
		"Het lokaal bestuur zet 12 buddies in tegen 30 juni 2027, met een budget van 5.000 euro; contact: Zoë Çelik (zoe.celik@opwijk.example.be). Partners: het OCMW en de bibliotheek.",
		"§ 1. Het OCMW verwijst door binnen 30 dagen.",
		"    1° wisselen gegevens uit;",
		"Deze overeenkomst regelt de samenwerking met de gemeente Opwijk.",
		"in uitvoering van het gemeenteraadsbesluit van 24 februari 2026",
		"Opgemaakt te Opwijk op 20 maart 2026 in twee exemplaren",
		"Artikel 3. Buddies",
		"HOOFDSTUK 2. LOKALE DOELSTELLINGEN",
		"Łukasz Wróblewski",
	} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), strings.Join(strings.Fields(want), " ")) {
			t.Errorf("text lacks %q", want)
		}
	}
	m := doc.Meta.Manifest
	if m.LibraryVersion != "1.0" || len(m.Clauses) != 4 || m.Clauses[2].ID != "buddies" || m.Clauses[2].Article != 3 ||
		m.Agreement.Chapters[1].Articles[0].Params["aantal"] != "12" || len(m.Clauses[2].SHA256) != 64 || document.Text(m.Agreement) != text {
		t.Errorf("manifest: %+v", m)
	}
	for i, ch := range []document.Article{doc.Chapters[0].Articles[0], doc.Chapters[1].Articles[1]} {
		if want := articleHash(ch); m.Clauses[[]int{0, 3}[i]].SHA256 != want {
			t.Errorf("hash of article %d: %s, want %s", ch.Number, m.Clauses[[]int{0, 3}[i]].SHA256, want)
		}
	}
	if m.Rules[3].Reason != "vereist door buddies" || m.Rules[1].Reason != "voorwaarde eigen_ocmw is waar (eigen_ocmw = true)" {
		t.Errorf("rule of analyse: %q", m.Rules[3].Reason)
	}
	if doc.Reference != "AgII-OVK-2026-23060" {
		t.Errorf("reference %q", doc.Reference)
	}
}

func TestAssembleMayorSigns(t *testing.T) {
	src := strings.Replace(testlib.Profile, "gemeenteraadsbesluit = 2026-02-24\n", "", 1)
	src = strings.Replace(src, `voorzitter = { naam = "Zoë Çelik" }`, `burgemeester = { naam = "Zoë Çelik" }`, 1)
	doc, err := draft(t, src)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(document.Text(doc)), " ")
	if !strings.Contains(text, "Zoë Çelik, burgemeester, en Łukasz Wróblewski, algemeen directeur, hierna “het lokaal bestuur” genoemd") ||
		strings.Contains(text, "gemeenteraadsbesluit") {
		t.Errorf("signatories wrong:\n%s", text[:1500])
	}
}

func TestAssembleParamProblems(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new string
		key, id  string
	}{
		{"missing mandatory parameter", "aantal = 12\n", "", "parameters.buddies", "err.param.required"},
		{"invalid date", "datum = 2027-06-30", `datum = "morgen"`, "parameters.buddies.datum", "err.value.date"},
		{"value below minimum", "aantal = 12", "aantal = 0", "parameters.buddies.aantal", "err.value.min"},
		{"wrong type", "aantal = 12", "aantal = \"twaalf\"", "parameters.buddies.aantal", "err.value.type"},
		{"invalid e-mail in a person", "zoe.celik@opwijk.example.be", "zoe.celik", "parameters.buddies.coordinator", "err.value.email"},
		{"invalid amount", "aantal = 12", "aantal = 12\nbudget = -5", "parameters.buddies.budget", "err.value.amount"},
		{"unknown parameter", "aantal = 12", "aantal = 12\naantl = 3", "parameters.buddies.aantl", "err.param.unknown"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := draft(t, strings.Replace(testlib.Profile, c.old, c.new, 1))
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want problems, got %v", err)
			}
			if len(list) != 1 {
				t.Errorf("want exactly one problem, got %v", list)
			}
			for _, p := range list {
				if p.ID == c.id && p.Key == c.key && p.Line > 0 {
					return
				}
			}
			t.Errorf("want %s: %s, got %v", c.key, c.id, list)
		})
	}
}

func TestCheckTextsFindsReservedParameterNames(t *testing.T) {
	for _, name := range []string{"gemeente", "ondertekenaars", "overeenkomst"} {
		lib, err := library.Load(testlib.FS(map[string]string{
			"geen_ocmw.toml": testlib.Replace("geen_ocmw.toml", `naam = "dienstverlener"`, `naam = "`+name+`"`),
		}), "lib")
		if err != nil {
			t.Fatal(err)
		}
		probs := assemble.CheckTexts(lib)
		found := false
		for _, p := range probs {
			found = found || p.ID == "err.param.reserved" && p.Key == "parameter[0].naam" && p.Line == 10
		}
		if !found {
			t.Errorf("%s: got %v", name, probs)
		}
	}
}

func TestCheckTextsFindsUnknownNames(t *testing.T) {
	lib, err := library.Load(testlib.FS(map[string]string{
		"analyse.toml": testlib.Replace("analyse.toml", "instroomcijfers.\"", "instroomcijfers van {{.jaar}}.\""),
	}), "lib")
	if err != nil {
		t.Fatal(err)
	}
	probs := assemble.CheckTexts(lib)
	if len(probs) != 1 || probs[0].File != "lib/analyse.toml" || probs[0].Key != "tekst" || probs[0].Line != 7 {
		t.Errorf("got %v", probs)
	}
}

func TestTextFuncs(t *testing.T) {
	m := library.TextFuncs["meervoud"].(func(string, string, string) string)
	if m("1", "dag", "dagen") != "1 dag" || m("14", "dag", "dagen") != "14 dagen" || m("1.250", "dag", "dagen") != "1.250 dagen" {
		t.Error("meervoud")
	}
	h := library.TextFuncs["hoofdletter"].(func(string) string)
	if h("de stad Halle") != "De stad Halle" || h("ëen") != "Ëen" || h("") != "" {
		t.Error("hoofdletter")
	}
}

// articleHash is how the manifest's per-article SHA-256 is defined: over the
// article's plain-text rendering.
func articleHash(a document.Article) string {
	var b strings.Builder
	document.WriteArticle(&b, a)
	h := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(h[:])
}
