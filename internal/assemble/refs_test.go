package assemble_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
	"github.com/agii/ovk/internal/testlib"
	"github.com/agii/ovk/templates"
)

// draftWith drafts profile src under the test library with edits, framed
// by frames (the embedded templates when nil).
func draftWith(t *testing.T, edits map[string]string, frames fstest.MapFS, src string) (*document.Document, error) {
	t.Helper()
	var lib *library.Library
	var err error
	if frames == nil {
		lib, err = library.Load(testlib.FS(edits), "lib")
	} else {
		lib, err = library.LoadWith(testlib.FS(edits), "lib", frames)
	}
	if err != nil {
		t.Fatal(err)
	}
	if probs := assemble.CheckTexts(lib); len(probs) > 0 {
		t.Fatal(probs)
	}
	eng, err := rules.New(lib)
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	sel, err := eng.Select(p)
	if err != nil {
		return nil, err
	}
	return assemble.Assemble(lib, p, sel, "test")
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestReferencesNameThisAgreementsNumbers(t *testing.T) {
	edits := map[string]string{"voorwerp.toml": testlib.Replace("voorwerp.toml", "{{.gemeente.aanduiding}}.",
		`{{.gemeente.aanduiding}}. {{hoofdletter (hoofdstuk "doelen")}} bevat de doelstellingen; {{artikel "analyse"}} regelt de analyse.{{if opgenomen "groot"}} Zie {{artikel "groot"}}.{{end}}`)}
	doc, err := draftWith(t, edits, nil, testlib.Profile)
	if err != nil {
		t.Fatal(err)
	}
	// voorwerp, ocmw, buddies, analyse: analyse is article 4 in chapter 2.
	want := "Hoofdstuk 2 bevat de doelstellingen; artikel 4 regelt de analyse."
	if got := flat(document.Text(doc)); !strings.Contains(got, want) || strings.Contains(got, "Zie artikel") {
		t.Errorf("text lacks %q or has the conditional sentence:\n%s", want, got)
	}
	// Without OCMW the ocmw clause drops out and geen_ocmw comes in: the number stays 4.
	src := strings.Replace(testlib.Profile, "inwoners = 15200", "inwoners = 15200\neigen_ocmw = false", 1)
	src = strings.Replace(src, "[parameters.buddies]", "[parameters.geen_ocmw]\ndienstverlener = \"het OCMW van Aalst\"\n\n[parameters.buddies]", 1)
	if doc, err = draftWith(t, edits, nil, src); err != nil {
		t.Fatal(err)
	}
	if got := flat(document.Text(doc)); !strings.Contains(got, "artikel 4 regelt") {
		t.Errorf("renumbered reference wrong:\n%s", got)
	}
}

func TestReferenceToAbsentClauseIsRefused(t *testing.T) {
	for _, c := range []struct {
		name, ref, id string
		reason        string
	}{
		{"optional clause not chosen", `{{artikel "klein"}}`, "klein", "niet gekozen"},
		{"chapter without clauses", `{{hoofdstuk "doelen"}}`, "doelen", "geen enkele clausule van hoofdstuk doelen is opgenomen"},
	} {
		t.Run(c.name, func(t *testing.T) {
			edits := map[string]string{"voorwerp.toml": testlib.Replace("voorwerp.toml", "{{.gemeente.aanduiding}}.",
				"{{.gemeente.aanduiding}}, zie "+c.ref+".")}
			src := testlib.Profile
			if c.id == "doelen" { // no local goals: the chapter is empty
				src = strings.Replace(src, `doelstellingen = ["buddies"]`, `doelstellingen = []`, 1)
				src = src[:strings.Index(src, "[parameters.buddies]")]
			}
			_, err := draftWith(t, edits, nil, src)
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			p := list[0]
			msg := l10n.For("nl").Problem(p)
			if p.ID != "err.ref.absent" || p.File != "lib/voorwerp.toml" || p.Key != "tekst" ||
				!strings.Contains(msg, "voorwerp verwijst met "+c.ref) || !strings.Contains(msg, c.reason) {
				t.Errorf("got %s", msg)
			}
			if en := l10n.For("en").Problem(p); !strings.Contains(en, "refers with "+c.ref) {
				t.Errorf("English: %s", en)
			}
		})
	}
}

func TestReferenceToUnknownIDIsALintProblem(t *testing.T) {
	lib, err := library.Load(testlib.FS(map[string]string{"analyse.toml": testlib.Replace("analyse.toml",
		"instroomcijfers.\"", "instroomcijfers volgens {{artikel `voorwerpp`}}.\"")}), "lib")
	if err != nil {
		t.Fatal(err)
	}
	probs := assemble.CheckTexts(lib)
	if len(probs) != 1 || probs[0].ID != "err.ref.unknown_target" || probs[0].File != "lib/analyse.toml" || probs[0].Line != 7 {
		t.Errorf("got %v", probs)
	}
}

func TestVoluit(t *testing.T) {
	v := library.TextFuncs["voluit"].(func(any) (string, error))
	for in, want := range map[any]string{0: "nul", 1: "één", 3: "drie", 20: "twintig", 21: "21", "12": "twaalf", "1.250": "1.250", int64(-2): "-2"} {
		if got, err := v(in); err != nil || got != want {
			t.Errorf("voluit(%v) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := v("twaalf"); err == nil {
		t.Error("voluit of a word should fail")
	}
}

const ocmwFrame = `titel = "Samenwerkingsovereenkomst"
ondertitel = "met {{.gemeente.aanduiding}}"
referentie = "R-{{.gemeente.nis}}"
partijen_inleiding = "Tussen:"
partij_agii = "Het {{.agii.naam}},"
partijen_tussen = "en"
partij_gemeente = "{{hoofdletter .gemeente.aanduiding}}{{if .gemeente.eigen_ocmw}},{{else}}, hierna “het lokaal bestuur” genoemd,{{end}}"
partij_ocmw = '''{{if .gemeente.eigen_ocmw}}en

{{hoofdletter .ocmw.aanduiding}}, met zetel te {{.ocmw.zetel}}, vertegenwoordigd door {{.ondertekenaars.voorzitter_ocmw_raad.naam}}, in uitvoering van het besluit van {{.overeenkomst.ocmw_raadsbesluit}},

hierna samen “het lokaal bestuur” genoemd,{{end}}'''
partijen_slot = "hierna “de partijen”."
overwegingen_inleiding = "Overwegende dat:"
overeengekomen = "Wordt overeengekomen (release {{.release.versie}} van {{.release.van_kracht}}):"
slot = "Opgemaakt op {{.overeenkomst.datum}} in {{if .gemeente.eigen_ocmw}}drie{{else}}twee{{end}} exemplaren."
handtekening_agii = "Voor het {{.agii.naam}}"
handtekening_gemeente = "Voor {{.gemeente.aanduiding}}"
handtekening_ocmw = "{{if .gemeente.eigen_ocmw}}Voor {{.ocmw.aanduiding}}{{end}}"
`

func TestOCMWParty(t *testing.T) {
	frames := fstest.MapFS{"ocmw.toml": {Data: []byte(ocmwFrame)}}
	edits := map[string]string{"library.toml": testlib.Replace("library.toml", `bibliotheek = "test"`, `bibliotheek = "test"`+"\nkader = \"ocmw.toml\"")}
	src := strings.Replace(testlib.Profile, "[overeenkomst]", "[ocmw]\nzetel = \"Ringlaan 22, 1745 Opwijk\"\n\n[overeenkomst]\nocmw_raadsbesluit = 2026-02-24", 1)
	src = strings.Replace(src, "[ondertekenaars]", "[ondertekenaars]\nvoorzitter_ocmw_raad = { naam = \"Elif Şahin\" }", 1)
	doc, err := draftWith(t, edits, frames, src)
	if err != nil {
		t.Fatal(err)
	}
	text := flat(document.Text(doc))
	for _, want := range []string{
		"Het openbaar centrum voor maatschappelijk welzijn van Opwijk, met zetel te Ringlaan 22, 1745 Opwijk, vertegenwoordigd door Elif Şahin, in uitvoering van het besluit van 24 februari 2026,",
		"hierna samen “het lokaal bestuur” genoemd,",
		"in drie exemplaren",
		"release 1.0 van 1 januari 2025",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if len(doc.Signatures) != 3 {
		t.Fatalf("signatures: %+v", doc.Signatures)
	}
	// The chair of the gemeenteraad signs for the OCMW: by law he or she
	// chairs the raad voor maatschappelijk welzijn (voorzitter_ocmw_raad is not read).
	o := doc.Signatures[2]
	if o.Party != "Voor het openbaar centrum voor maatschappelijk welzijn van Opwijk" || len(o.Signers) != 2 ||
		o.Signers[0].Name != "Zoë Çelik" || o.Signers[0].Function != "voorzitter van de raad voor maatschappelijk welzijn" ||
		o.Signers[1].Function != "algemeen directeur" {
		t.Errorf("OCMW block: %+v", o)
	}

	// Without an OCMW of its own: no OCMW party and no OCMW signature.
	src = strings.Replace(testlib.Profile, "inwoners = 15200", "inwoners = 15200\neigen_ocmw = false", 1)
	src = strings.Replace(src, "[parameters.buddies]", "[parameters.geen_ocmw]\ndienstverlener = \"het OCMW van Aalst\"\n\n[parameters.buddies]", 1)
	if doc, err = draftWith(t, edits, frames, src); err != nil {
		t.Fatal(err)
	}
	text = flat(document.Text(doc))
	if len(doc.Signatures) != 2 || strings.Contains(text, "maatschappelijk welzijn") || !strings.Contains(text, "in twee exemplaren") {
		t.Errorf("without OCMW: %d blocks\n%s", len(doc.Signatures), text)
	}
}

// The old frame has no OCMW parts: old releases draft as before.
func TestDefaultFrameHasNoOCMWParts(t *testing.T) {
	lib, err := library.Load(testlib.FS(nil), "lib")
	if err != nil {
		t.Fatal(err)
	}
	if lib.Frame == nil || lib.Frame.File != "templates/"+library.DefaultFrame || lib.Frame.PartyOCMW != nil || lib.Frame.SignatureOCMW != nil {
		t.Errorf("frame: %+v", lib.Frame)
	}
	if _, err := templates.FS.Open(library.DefaultFrame); err != nil {
		t.Error(err)
	}
}

func TestRequiredKeys(t *testing.T) {
	edits := map[string]string{"library.toml": testlib.Header + `
[[vereist]]
sleutel = "ondertekenaars.voorzitter_ocmw_raad.naam"
voorwaarde = "eigen_ocmw"
waarom = "het OCMW ondertekent via de voorzitter van de raad voor maatschappelijk welzijn (DLB art. 279)"

[[vereist]]
sleutel = "overeenkomst.ocmw_raadsbesluit"
voorwaarde = "eigen_ocmw"
waarom = "de overeenkomst vermeldt het besluit van de raad voor maatschappelijk welzijn"
`}
	_, err := draftWith(t, edits, nil, testlib.Profile)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want two problems, got %v", err)
	}
	for i, key := range []string{"overeenkomst.ocmw_raadsbesluit", "ondertekenaars.voorzitter_ocmw_raad.naam"} {
		p := list[i]
		if p.ID != "err.require.missing" || p.Key != key || p.Line == 0 {
			t.Errorf("problem %d: %+v", i, p)
		}
	}
	if msg := l10n.For("nl").Problem(list[1]); !strings.Contains(msg, "DLB art. 279") || !strings.HasPrefix(msg, "p.toml:") {
		t.Errorf("message: %s", msg)
	}
	// The condition does not hold without an OCMW of its own.
	src := strings.Replace(testlib.Profile, "inwoners = 15200", "inwoners = 15200\neigen_ocmw = false", 1)
	src = strings.Replace(src, "[parameters.buddies]", "[parameters.geen_ocmw]\ndienstverlener = \"het OCMW van Aalst\"\n\n[parameters.buddies]", 1)
	if _, err := draftWith(t, edits, nil, src); err != nil {
		t.Errorf("without OCMW: %v", err)
	}
	// An unknown key in [[vereist]] is a library problem.
	lib, err := library.Load(testlib.FS(map[string]string{"library.toml": testlib.Header + "\n[[vereist]]\nsleutel = \"ocmw.zetl\"\nwaarom = \"x\"\n"}), "lib")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rules.New(lib); err == nil || !strings.Contains(err.Error(), "err.require.unknown_key") {
		t.Errorf("unknown key: %v", err)
	}
}

// TestReferencesConcurrently: agreements with references drafted at the
// same time from one library (as the batch does) each get their own
// numbering.
func TestReferencesConcurrently(t *testing.T) {
	edits := map[string]string{"voorwerp.toml": testlib.Replace("voorwerp.toml", "{{.gemeente.aanduiding}}.",
		`{{.gemeente.aanduiding}}. Zie {{artikel "analyse"}}.`)}
	lib, err := library.Load(testlib.FS(edits), "lib")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := rules.New(lib)
	if err != nil {
		t.Fatal(err)
	}
	noOCMW := strings.Replace(testlib.Profile, "inwoners = 15200", "inwoners = 15200\neigen_ocmw = false", 1)
	noOCMW = strings.Replace(noOCMW, "[parameters.buddies]", "[parameters.geen_ocmw]\ndienstverlener = \"het OCMW van Aalst\"\n\n[parameters.buddies]", 1)
	// Only the analysis chosen: no buddies article before it.
	analyseOnly := strings.Replace(testlib.Profile, `doelstellingen = ["buddies"]`, `doelstellingen = ["analyse"]`, 1)
	analyseOnly = analyseOnly[:strings.Index(analyseOnly, "[parameters.buddies]")]
	cases := map[string]string{testlib.Profile: "Zie artikel 4.", analyseOnly: "Zie artikel 3.", noOCMW: "Zie artikel 4."}
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		go func() {
			for src, want := range cases {
				p, err := profile.Parse("p.toml", []byte(src))
				if err != nil {
					errs <- err
					return
				}
				sel, err := eng.Select(p)
				if err != nil {
					errs <- err
					return
				}
				doc, err := assemble.Assemble(lib, p, sel, "test")
				if err != nil {
					errs <- err
					return
				}
				if !strings.Contains(flat(document.Text(doc)), want) {
					errs <- errors.New("wrong reference in " + p.String())
					return
				}
			}
			errs <- nil
		}()
	}
	for i := 0; i < 40; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
