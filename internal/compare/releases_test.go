package compare

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

// releasePair compares the test library with the test library after edits.
func releasePair(t *testing.T, edits map[string]string) *Report {
	t.Helper()
	old, err := library.Load(testlib.FS(nil), "oud")
	if err != nil {
		t.Fatal(err)
	}
	new, err := library.Load(testlib.FS(edits), "nieuw")
	if err != nil {
		t.Fatal(err)
	}
	return Releases(old, new)
}

func compactJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return string(bytes.TrimSpace(b.Bytes()))
}

func clauseDiff(t *testing.T, r *Report, id string) ClauseDiff {
	t.Helper()
	for _, c := range r.Clauses {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no clause %q in the report", id)
	return ClauseDiff{}
}

// buddiesEdited is buddies.toml with the type of "budget" changed and the
// parameter "partners" removed (with its use in the text).
var buddiesEdited = strings.NewReplacer(
	" Partners: {{opsomming .partners}}.", "",
	"[[parameter]]\nnaam = \"partners\"\nsoort = \"lijst\"\nlabel = \"Partners\"\nstandaard = [\"het OCMW\", \"de bibliotheek\"]\n", "",
	"naam = \"budget\"\nsoort = \"bedrag\"", "naam = \"budget\"\nsoort = \"geheel_getal\"",
).Replace(testlib.Clauses["buddies.toml"])

// TestReleasePairs builds library pairs with one known change each and
// asserts the JSON of the changed clause and the summary exactly.
func TestReleasePairs(t *testing.T) {
	for _, c := range []struct {
		name    string
		edits   map[string]string
		id      string
		want    string
		summary Summary
	}{
		{"added", map[string]string{"taal.toml": `id = "taal"
versie = 1
titel = "Taalbeleid"
soort = "optioneel"
hoofdstuk = "doelen"
volgorde = 50
tekst = "Het lokaal bestuur voert een taalbeleid."
`}, "taal",
			`{"id":"taal","status":"added","old":null,"new":{"version":1,"title":"Taalbeleid","position":8,"chapter":"doelen","order":50,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"text":{"deleted_words":0,"inserted_words":6,"redline":[{"op":"insert","text":"Het lokaal bestuur voert een taalbeleid."}]}}}`,
			Summary{Added: 1, Unchanged: 7}},
		{"removed", map[string]string{"geen_ocmw.toml": ""}, "geen_ocmw",
			`{"id":"geen_ocmw","status":"removed","old":{"version":1,"title":"Geen eigen OCMW","position":3,"chapter":"algemeen","order":30,"kind":"voorwaardelijk"},"new":null,"moved":false,"renumbered":false,"changes":{"condition":{"old":"!eigen_ocmw","new":""},"params":[{"name":"dienstverlener","status":"removed","old":{"type":"tekst","label":"Dienstverlener","required":true,"default":null},"new":null}],"text":{"deleted_words":10,"inserted_words":0,"redline":[{"op":"delete","text":"De gemeente heeft geen eigen OCMW; {{.dienstverlener}} neemt die taken waar."}]}}}`,
			Summary{Removed: 1, Unchanged: 6}},
		{"reworded text", map[string]string{"analyse.toml": testlib.Replace("analyse.toml",
			`versie = 1`, `versie = 2`)[:0] + `id = "analyse"
versie = 2
titel = "Analyse van de instroomcijfers"
soort = "optioneel"
hoofdstuk = "doelen"
volgorde = 20
tekst = "Het AgII analyseert jaarlijks de cijfers van de instroom."
`}, "analyse",
			`{"id":"analyse","status":"changed","old":{"version":1,"title":"Analyse van de instroomcijfers","position":5,"chapter":"doelen","order":20,"kind":"optioneel"},"new":{"version":2,"title":"Analyse van de instroomcijfers","position":5,"chapter":"doelen","order":20,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"version":{"old":1,"new":2},"text":{"deleted_words":2,"inserted_words":6,"redline":[{"op":"equal","text":"Het AgII analyseert "},{"op":"delete","text":"de instroomcijfers"},{"op":"insert","text":"jaarlijks de cijfers van de instroom"},{"op":"equal","text":"."}]}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"moved", map[string]string{"geen_ocmw.toml": testlib.Replace("geen_ocmw.toml", "hoofdstuk = \"algemeen\"\nvolgorde = 30", "hoofdstuk = \"doelen\"\nvolgorde = 50")}, "geen_ocmw",
			`{"id":"geen_ocmw","status":"moved","old":{"version":1,"title":"Geen eigen OCMW","position":3,"chapter":"algemeen","order":30,"kind":"voorwaardelijk"},"new":{"version":1,"title":"Geen eigen OCMW","position":7,"chapter":"doelen","order":50,"kind":"voorwaardelijk"},"moved":true,"renumbered":false}`,
			Summary{Moved: 1, Unchanged: 6}},
		{"condition changed", map[string]string{"groot.toml": testlib.Replace("groot.toml", `voorwaarde = "inwoners >= 50000 || centrumstad"`, `voorwaarde = "inwoners >= 20000"`)}, "groot",
			`{"id":"groot","status":"changed","old":{"version":1,"title":"Netwerk voor grote steden","position":6,"chapter":"doelen","order":30,"kind":"optioneel"},"new":{"version":1,"title":"Netwerk voor grote steden","position":6,"chapter":"doelen","order":30,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"condition":{"old":"inwoners >= 50000 || centrumstad","new":"inwoners >= 20000"}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"parameter changed", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "standaard = 30\nmin = 1", "standaard = 14\nverplicht = true\nmin = 1")}, "ocmw",
			`{"id":"ocmw","status":"value_changed","old":{"version":2,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"new":{"version":2,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"moved":false,"renumbered":false,"changes":{"params":[{"name":"termijn","status":"changed","old":{"type":"geheel_getal","label":"Termijn in dagen","required":false,"default":"30","min":"1","max":"90"},"new":{"type":"geheel_getal","label":"Termijn in dagen","required":true,"default":"14","min":"1","max":"90"},"fields":[{"field":"required","old":"false","new":"true"},{"field":"default","old":"30","new":"14"}]}]}}`,
			Summary{ValueChanged: 1, Unchanged: 6}},
		{"parameter type changed and parameter removed", map[string]string{"buddies.toml": buddiesEdited}, "buddies",
			`{"id":"buddies","status":"changed","old":{"version":1,"title":"Buddies","position":4,"chapter":"doelen","order":10,"kind":"optioneel"},"new":{"version":1,"title":"Buddies","position":4,"chapter":"doelen","order":10,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"params":[{"name":"budget","status":"changed","old":{"type":"bedrag","label":"Budget","required":false,"default":"5.000 euro"},"new":{"type":"geheel_getal","label":"Budget","required":false,"default":"5.000"},"fields":[{"field":"type","old":"bedrag","new":"geheel_getal"},{"field":"default","old":"5.000 euro","new":"5.000"}]},{"name":"partners","status":"removed","old":{"type":"lijst","label":"Partners","required":false,"default":"het OCMW; de bibliotheek"},"new":null}],"text":{"deleted_words":1,"inserted_words":0,"redline":[{"op":"equal","text":"Het lokaal bestuur zet {{.aantal}} buddies in tegen {{.datum}}, met een budget van {{.budget}}; contact: {{.coordinator.naam}} ({{.coordinator.email}})."},{"op":"delete","text":" Partners: {{opsomming .partners}}."}]}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"kind changed", map[string]string{"analyse.toml": testlib.Replace("analyse.toml", `soort = "optioneel"`, `soort = "verplicht"`)}, "analyse",
			`{"id":"analyse","status":"changed","old":{"version":1,"title":"Analyse van de instroomcijfers","position":5,"chapter":"doelen","order":20,"kind":"optioneel"},"new":{"version":1,"title":"Analyse van de instroomcijfers","position":5,"chapter":"doelen","order":20,"kind":"verplicht"},"moved":false,"renumbered":false,"changes":{"kind":{"old":"optioneel","new":"verplicht"}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"legal references and requirements", map[string]string{"klein.toml": testlib.Replace("klein.toml", `volgorde = 40`, "volgorde = 40\nvereist = [\"analyse\"]\nrechtsgronden = [\"Decreet van 7 juni 2013, art. 20\"]")}, "klein",
			`{"id":"klein","status":"changed","old":{"version":1,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"new":{"version":1,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"requires":{"added":["analyse"],"removed":[]},"legal_refs":{"added":["Decreet van 7 juni 2013, art. 20"],"removed":[]}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"reflow only", map[string]string{"ocmw.toml": testlib.Replace("ocmw.toml", "§ Het OCMW verwijst door binnen {{.termijn}} dagen.", "§ Het OCMW   verwijst\n  door binnen {{ .termijn }}\ndagen.")}, "ocmw",
			`{"id":"ocmw","status":"unchanged","old":{"version":2,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"new":{"version":2,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"moved":false,"renumbered":false}`,
			Summary{Unchanged: 7}},
		{"text changed without a new version", map[string]string{"klein.toml": testlib.Replace("klein.toml", "een regionaal netwerk", "een provinciaal netwerk")}, "klein",
			`{"id":"klein","status":"changed","old":{"version":1,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"new":{"version":1,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"text":{"deleted_words":1,"inserted_words":1,"redline":[{"op":"equal","text":"Het lokaal bestuur sluit aan bij een "},{"op":"delete","text":"regionaal"},{"op":"insert","text":"provinciaal"},{"op":"equal","text":" netwerk."}]}}}`,
			Summary{Changed: 1, Unchanged: 6}},
		{"version only", map[string]string{"klein.toml": testlib.Replace("klein.toml", "versie = 1", "versie = 2")}, "klein",
			`{"id":"klein","status":"version_only","old":{"version":1,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"new":{"version":2,"title":"Netwerk voor kleine gemeenten","position":7,"chapter":"doelen","order":40,"kind":"optioneel"},"moved":false,"renumbered":false,"changes":{"version":{"old":1,"new":2}}}`,
			Summary{VersionOnly: 1, Unchanged: 6}},
		// structure review 7.1: a reflow with a new version is "version only"
		{"reflow with a new version", map[string]string{"ocmw.toml": reflowedOCMW}, "ocmw",
			`{"id":"ocmw","status":"version_only","old":{"version":2,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"new":{"version":3,"title":"Doorverwijzing door het OCMW","position":2,"chapter":"algemeen","order":20,"kind":"voorwaardelijk"},"moved":false,"renumbered":false,"changes":{"version":{"old":2,"new":3}}}`,
			Summary{VersionOnly: 1, Unchanged: 6}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := releasePair(t, c.edits)
			if got := compactJSON(t, clauseDiff(t, r, c.id)); got != c.want {
				t.Errorf("clause %s:\n got %s\nwant %s", c.id, got, c.want)
			}
			if r.Summary != c.summary {
				t.Errorf("summary %+v, want %+v", r.Summary, c.summary)
			}
			for _, other := range r.Clauses {
				if other.ID != c.id && other.Status != Unchanged {
					t.Errorf("clause %s reported %s, but only %s was edited", other.ID, other.Status, c.id)
				}
			}
		})
	}
}

func TestReleaseOrder(t *testing.T) {
	r := releasePair(t, map[string]string{"geen_ocmw.toml": "", "taal.toml": `id = "taal"
versie = 1
titel = "Taal"
soort = "optioneel"
hoofdstuk = "algemeen"
volgorde = 5
tekst = "Taal."
`})
	var ids []string
	for _, c := range r.Clauses {
		ids = append(ids, c.ID+":"+string(c.Status))
	}
	want := "taal:added voorwerp:unchanged ocmw:unchanged geen_ocmw:removed buddies:unchanged analyse:unchanged groot:unchanged klein:unchanged"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
}

func TestReleaseHeader(t *testing.T) {
	hdr := testlib.Replace("library.toml", `versie = "1.0"`, `versie = "1.1"`)
	hdr = replaceOnce(t, hdr, `"het decreet bestaat;"`, `"het decreet bestaat en is gewijzigd;"`)
	hdr = replaceOnce(t, hdr, `titel = "Lokale doelstellingen"`, `titel = "Lokale doelen"`)
	hdr = replaceOnce(t, hdr, "[[fusie]]", "[[fusie]]\nnis = \"44088\"\nnaam = \"Merelbeke-Melle\"\nsinds = 2025-01-01\nvoorgangers = [\"44040\", \"44043\"]\n\n[[fusie]]")
	hdr += "\n[[vereist]]\nsleutel = \"ocmw.zetel\"\nvoorwaarde = \"eigen_ocmw\"\nwaarom = \"Het OCMW is partij.\"\n" +
		"\n[[te_bevestigen]]\nsleutel = \"agii.zetel\"\nwaarom = \"Niet nagegaan.\"\n"
	r := releasePair(t, map[string]string{"library.toml": hdr})
	if r.Library.Frame.changed() {
		t.Errorf("frame changed: %s", compactJSON(t, r.Library.Frame))
	}
	r.Library.Frame = nil // TestReleasesFrame covers the frame
	want := `{"fields":[{"field":"version","old":"1.0","new":"1.1"}],"recitals":{"deleted_words":0,"inserted_words":3,"redline":[{"op":"equal","text":"het decreet bestaat"},{"op":"insert","text":" en is gewijzigd"},{"op":"equal","text":";\n\n{{.gemeente.naam}} wil samenwerken."}]},"chapters":[{"key":"doelen","status":"changed","old":"Lokale doelstellingen","new":"Lokale doelen"}],"not_served":[],"mergers":[{"key":"44088","status":"added","old":null,"new":"Merelbeke-Melle, sinds 2025-01-01, voorgangers 44040, 44043"}],` +
		`"requirements":[{"key":"ocmw.zetel","status":"added","old":null,"new":"voorwaarde: eigen_ocmw; waarom: Het OCMW is partij."}],` +
		`"to_confirm":[{"key":"agii.zetel","status":"added","old":null,"new":"Niet nagegaan. (niet bevestigd)"}]}`
	if got := compactJSON(t, r.Library); got != want {
		t.Errorf("header:\n got %s\nwant %s", got, want)
	}
	if r.Summary != (Summary{Unchanged: 7}) {
		t.Errorf("summary %+v", r.Summary)
	}
}

func replaceOnce(t *testing.T, s, old, new string) string {
	t.Helper()
	if !bytes.Contains([]byte(s), []byte(old)) {
		t.Fatalf("%q not found", old)
	}
	return string(bytes.Replace([]byte(s), []byte(old), []byte(new), 1))
}

// reflowedOCMW is ocmw.toml with a new version and one line break moved in
// its text: the rendered text is the same (structure review 7.1).
var reflowedOCMW = strings.Replace(testlib.Replace("ocmw.toml", "§ Het OCMW verwijst door binnen {{.termijn}} dagen.",
	"§ Het OCMW verwijst\ndoor binnen {{.termijn}} dagen."), "versie = 2", "versie = 3", 1)
