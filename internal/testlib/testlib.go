// Package testlib builds small clause libraries and profiles in memory for
// tests of the pipeline's packages.
package testlib

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/library"
)

// Header is a valid library.toml.
const Header = `bibliotheek = "test"
versie = "1.0"
van_kracht = 2025-01-01
beleid = "testbeleid"
status = "goedgekeurd"
goedgekeurd_door = "testraad"
goedgekeurd_op = 2024-12-01
besluit = "testbesluit"
overwegingen = ["het decreet bestaat;", "{{.gemeente.naam}} wil samenwerken."]

[agii]
naam = "Agentschap Integratie en Inburgering"
zetel = "Brussel"

[[hoofdstuk]]
id = "algemeen"
titel = "Algemene bepalingen"

[[hoofdstuk]]
id = "doelen"
titel = "Lokale doelstellingen"

[[niet_bediend]]
nis = "11002"
naam = "Antwerpen"
reden = "Antwerpen voert het beleid zelf uit."

[[fusie]]
nis = "73111"
naam = "Tongeren-Borgloon"
sinds = 2025-01-01
voorgangers = ["73009", "73083"]
`

// Clauses are valid clause files, keyed by file name.
var Clauses = map[string]string{
	"voorwerp.toml": `id = "voorwerp"
versie = 1
titel = "Voorwerp"
soort = "verplicht"
hoofdstuk = "algemeen"
volgorde = 10
tekst = '''
Deze overeenkomst regelt de samenwerking met {{.gemeente.aanduiding}}.
'''
`,
	"ocmw.toml": `id = "ocmw"
versie = 2
titel = "Doorverwijzing door het OCMW"
soort = "voorwaardelijk"
voorwaarde = "eigen_ocmw"
hoofdstuk = "algemeen"
volgorde = 20
tekst = '''
§ Het OCMW verwijst door binnen {{.termijn}} dagen.

§ De partijen:
- wisselen gegevens uit;
- overleggen.
'''
[[parameter]]
naam = "termijn"
soort = "geheel_getal"
label = "Termijn in dagen"
standaard = 30
min = 1
max = 90
`,
	"geen_ocmw.toml": `id = "geen_ocmw"
versie = 1
titel = "Geen eigen OCMW"
soort = "voorwaardelijk"
voorwaarde = "!eigen_ocmw"
hoofdstuk = "algemeen"
volgorde = 30
tekst = "De gemeente heeft geen eigen OCMW; {{.dienstverlener}} neemt die taken waar."
[[parameter]]
naam = "dienstverlener"
soort = "tekst"
label = "Dienstverlener"
verplicht = true
`,
	"buddies.toml": `id = "buddies"
versie = 1
titel = "Buddies"
soort = "optioneel"
hoofdstuk = "doelen"
volgorde = 10
vereist = ["analyse"]
tekst = "Het lokaal bestuur zet {{.aantal}} buddies in tegen {{.datum}}, met een budget van {{.budget}}; contact: {{.coordinator.naam}} ({{.coordinator.email}}). Partners: {{opsomming .partners}}."
[[parameter]]
naam = "aantal"
soort = "geheel_getal"
label = "Aantal buddies"
verplicht = true
min = 1
[[parameter]]
naam = "datum"
soort = "datum"
label = "Streefdatum"
verplicht = true
[[parameter]]
naam = "budget"
soort = "bedrag"
label = "Budget"
standaard = 5000
[[parameter]]
naam = "coordinator"
soort = "persoon"
label = "Coördinator"
verplicht = true
[[parameter]]
naam = "partners"
soort = "lijst"
label = "Partners"
standaard = ["het OCMW", "de bibliotheek"]
`,
	"analyse.toml": `id = "analyse"
versie = 1
titel = "Analyse van de instroomcijfers"
soort = "optioneel"
hoofdstuk = "doelen"
volgorde = 20
tekst = "Het AgII analyseert de instroomcijfers."
`,
	"groot.toml": `id = "groot"
versie = 1
titel = "Netwerk voor grote steden"
soort = "optioneel"
voorwaarde = "inwoners >= 50000 || centrumstad"
hoofdstuk = "doelen"
volgorde = 30
sluit_uit = ["klein"]
tekst = "Het lokaal bestuur leidt een stedelijk netwerk."
`,
	"klein.toml": `id = "klein"
versie = 1
titel = "Netwerk voor kleine gemeenten"
soort = "optioneel"
hoofdstuk = "doelen"
volgorde = 40
tekst = "Het lokaal bestuur sluit aan bij een regionaal netwerk."
`,
}

// FS returns a library with the valid files, with edits applied: each
// edit maps a file name to new content ("" deletes the file).
func FS(edits map[string]string) fstest.MapFS {
	fs := fstest.MapFS{"library.toml": {Data: []byte(Header)}}
	for name, src := range Clauses {
		fs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	for name, src := range edits {
		if src == "" {
			delete(fs, name)
			continue
		}
		fs[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fs
}

// Replace returns Clauses[file] with old replaced by new, once.
func Replace(file, old, new string) string {
	src, ok := Clauses[file]
	if !ok {
		src = Header
	}
	if !strings.Contains(src, old) {
		panic("testlib.Replace: " + old + " not in " + file)
	}
	return strings.Replace(src, old, new, 1)
}

// Profile is a valid profile for Opwijk choosing buddies.
const Profile = `doelstellingen = ["buddies"]

[gemeente]
nis = "23060"
naam = "Opwijk"
soort = "gemeente"
provincie = "Vlaams-Brabant"
adres = "Ringlaan 20, 1745 Opwijk"
inwoners = 15200
inburgeraars_per_jaar = 40

[overeenkomst]
van = 2026-01-01
tot = 2031-12-31
plaats = "Opwijk"
datum = 2026-03-20
gemeenteraadsbesluit = 2026-02-24

[ondertekenaars]
agii = { naam = "Nguyễn Thị Hoa", functie = "algemeen directeur" }
voorzitter = { naam = "Zoë Çelik" }
algemeen_directeur = { naam = "Łukasz Wróblewski" }

[contactpersonen]
agii = { naam = "Jan Janssens", functie = "regioverantwoordelijke", email = "jan.janssens@agii.example.be", telefoon = "+32 2 000 00 00" }
gemeente = { naam = "Anneleen Van den Broeck-D'hondt", functie = "diversiteitsambtenaar", email = "anneleen@opwijk.example.be", telefoon = "052 00 00 00" }

[parameters.buddies]
aantal = 12
datum = 2027-06-30
coordinator = { naam = "Zoë Çelik", email = "zoe.celik@opwijk.example.be" }
`

// Municipality is the i-th municipality AgII serves on the 2025 municipal
// map of the shipped releases (every one but Antwerpen and Gent), for
// registers with made-up figures; past the end it is a made-up one.
func Municipality(t testing.TB, i int) library.Municipality {
	t.Helper()
	src, err := fs.ReadFile(clauses.FS, "2025.1/gemeenten.csv")
	if err != nil {
		t.Fatal(err)
	}
	m, err := library.ParseMap("gemeenten.csv", src)
	if err != nil {
		t.Fatal(err)
	}
	var served []library.Municipality
	for _, g := range m.All() {
		if g.NIS != "11002" && g.NIS != "44021" {
			served = append(served, g)
		}
	}
	if i < len(served) {
		return served[i]
	}
	arr := []struct{ code, province string }{{"11", "Antwerpen"}, {"23", "Vlaams-Brabant"}, {"31", "West-Vlaanderen"},
		{"41", "Oost-Vlaanderen"}, {"71", "Limburg"}}[i%5]
	return library.Municipality{NIS: fmt.Sprintf("%s%03d", arr.code, 200+i), Name: fmt.Sprintf("Gemeente %d", i), Province: arr.province}
}
