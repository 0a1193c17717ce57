package library_test

import (
	"errors"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

// TestHardCodedRefs runs the rule on sentences of the shipped releases and
// of the legal review, both ways.
func TestHardCodedRefs(t *testing.T) {
	for _, s := range []string{
		"Alleen op basis van een protocol en met toepassing van artikel 20 van het decreet bezorgt het AgII het lokaal bestuur",
		"een protocol vereist als bedoeld in artikel 8, § 1, van het decreet van 18 juli 2008 betreffende het elektronische bestuurlijke gegevensverkeer;",
		"De verwerking steunt op artikel 6, lid 1, e), van de AVG.",
		"De verwerking van die gegevens steunt op artikel 6.1, c) of e), van de AVG.",
		"§ Artikel 27 van het decreet regelt de inburgeringsplicht.",
		"artikel 11 van de wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie voorziet in het geïndividualiseerd project",
		"Het lokaal bestuur voert een integratiebeleid als bedoeld in hoofdstuk 5 van het decreet en betrekt het AgII",
		"zij zijn geen gezamenlijke verwerkingsverantwoordelijken in de zin van artikel 26 van de AVG en treden niet op als verwerker",
		"documenten ondertekend door de voorzitter en de algemeen directeur (DLB art. 279, § 1, tweede lid)",
		"overeenkomstig artikel 279, § 1, tweede lid, van het Decreet over het lokaal bestuur",
		"de artikelen 5 tot en met 9 van de wet van 8 december 1992",
		"overeenkomstig art. 8, § 1, e-govdecreet",
		"Zij heeft uitwerking met ingang van 1 januari 2026, met uitzondering van {{artikel \"gegevensuitwisseling\"}}, dat pas uitwerking heeft vanaf de inwerkingtreding.",
		"De lokale doelstellingen zijn opgenomen in {{hoofdstuk \"doelstellingen\"}}.",
		"Dit artikel vormt het thematische luik antiracisme van deze overeenkomst.",
		"op grond van dit artikel worden geen persoonsgegevens uitgewisseld; vanaf die melding is § 2 van toepassing.",
	} {
		if refs := library.HardCodedRefs(s); len(refs) != 0 {
			t.Errorf("allowed sentence refused (%v): %s", refs, s)
		}
	}
	for s, want := range map[string]string{
		"Zij heeft uitwerking met ingang van 1 januari 2026, met uitzondering van artikel 6, dat pas uitwerking heeft vanaf de inwerkingtreding.": "artikel 6",
		"De lokale doelstellingen en acties zijn opgenomen in hoofdstuk 4.":                                                                       "hoofdstuk 4",
		"uitsluitend voor de doeleinden bedoeld in artikel 6, § 2, 3°.":                                                                           "artikel 6, § 2, 3°",
		"Zie art. 7, § 2.":                          "art. 7, § 2",
		"de artikelen 7 en 8 van deze overeenkomst": "artikelen 7 en 8",
		"in de zin van artikel 26 van de AVG en treden niet op als verwerker in de zin van artikel 28.": "artikel 28",
		"De bepalingen van hoofdstuk IV blijven van toepassing.":                                        "hoofdstuk IV",
		"Artikel 9 is niet van toepassing op {{.gemeente.aanduiding}}.":                                 "Artikel 9",
		"overeenkomstig\nartikel\n12 van deze overeenkomst":                                             "artikel 12",
	} {
		refs := library.HardCodedRefs(s)
		if len(refs) != 1 || refs[0].Text != want {
			t.Errorf("%q: got %v, want %q", s, refs, want)
		}
	}
}

func TestHardCodedRefIsALoadProblemAtItsPosition(t *testing.T) {
	_, err := library.Load(testlib.FS(map[string]string{"voorwerp.toml": testlib.Replace("voorwerp.toml",
		"{{.gemeente.aanduiding}}.", "{{.gemeente.aanduiding}}.\nDe doelstellingen staan in\nhoofdstuk 2; zie ook artikel 3 van het decreet.")}), "lib")
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 {
		t.Fatalf("want one problem, got %v", err)
	}
	p := list[0]
	if p.ID != "err.text.hard_ref" || p.File != "lib/voorwerp.toml" || p.Line != 10 || p.Col != 1 || p.Args["ref"] != "hoofdstuk 2" {
		t.Errorf("got %+v", p)
	}
}

// FuzzHardCodedRefs: any text gives references that lie inside it, never a
// panic.
func FuzzHardCodedRefs(f *testing.F) {
	f.Add("met uitzondering van artikel 6, § 2, 3°, dat")
	f.Add("artikel 8, § 1, van het decreet {{artikel \"x\"}} hoofdstuk IV")
	f.Add("art. 6.1, c) of e), van de AVG; DLB art. 279")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range library.HardCodedRefs(s) {
			if r.Offset < 0 || r.Offset >= len(s) || r.Text == "" {
				t.Fatalf("%q: %+v", s, r)
			}
		}
	})
}
