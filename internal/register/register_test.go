package register

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
)

const header = "nis,naam,provincie,adres,inwoners\n"

func load(t *testing.T, csv string) *Register {
	t.Helper()
	reg, err := ReadCSV("reg.csv", strings.NewReader(csv), Base{Name: "base.toml", Src: DefaultBase})
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return reg
}

// problems renders an entry's or a register's error as the CLI would,
// untranslated.
func problems(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func TestRowsBecomeProfiles(t *testing.T) {
	reg := load(t, "\xef\xbb\xbfnis;naam;provincie;adres;inwoners;eigen_ocmw;overeenkomst.datum;doelstellingen;parameters.taalbeleid.vormen;parameters.taalbeleid.oefensessies_per_jaar\n"+
		"23060;Opwijk;Vlaams-Brabant;Ringlaan 20, 1745 Opwijk;15.000;nee;20/03/2026;\"analyse_instroomcijfers; taalbeleid\";\"een taalcafé; conversatietafels\";40\n")
	if len(reg.Entries) != 1 {
		t.Fatalf("%d entries", len(reg.Entries))
	}
	e := reg.Entries[0]
	if e.Err != nil {
		t.Fatalf("row failed: %v", e.Err)
	}
	want := `doelstellingen = ["analyse_instroomcijfers", "taalbeleid"]
te_bevestigen = [{ sleutel = "overeenkomst.datum", waarom = "Ontwerpdatum van het basisprofiel: vul per gemeente de datum van ondertekening in." }, { sleutel = "overeenkomst.collegebesluit", waarom = "Ontwerpdatum van het basisprofiel: vul per gemeente de datum van het besluit van het college van burgemeester en schepenen in, of overeenkomst.gemeenteraadsbesluit als de gemeenteraad besliste." }, { sleutel = "ondertekenaars.burgemeester.naam", waarom = "Plaatshouder van het basisprofiel, geen naam: geef per gemeente de kolom ondertekenaars.burgemeester.naam (of ondertekenaars.voorzitter.naam met overeenkomst.gemeenteraadsbesluit). Zolang hij er staat, mag de overeenkomst niet ondertekend worden." }, { sleutel = "ondertekenaars.algemeen_directeur.naam", waarom = "Plaatshouder van het basisprofiel, geen naam: geef per gemeente de kolom ondertekenaars.algemeen_directeur.naam. Zolang hij er staat, mag de overeenkomst niet ondertekend worden." }, { sleutel = "contactpersonen.gemeente.naam", waarom = "Plaatshouder van het basisprofiel: geef per gemeente de kolommen contactpersonen.gemeente.naam, .functie, .email en .telefoon." }]

[contactpersonen]
agii = { email = "lokaal.integratiebeleid@agii.example.be", functie = "adviseur lokaal integratiebeleid", naam = "Ana-María Núñez", telefoon = "+32 2 000 00 01" }
gemeente = { email = "integratie@opwijk.example.be", functie = "beleidsmedewerker integratie", naam = "(in te vullen: contactpersoon van Opwijk)", telefoon = "+32 2 000 00 00" }

[gemeente]
adres = "Ringlaan 20, 1745 Opwijk"
eigen_ocmw = false
inwoners = 15000
naam = "Opwijk"
nis = "23060"
provincie = "Vlaams-Brabant"
soort = "gemeente"

[ondertekenaars]
agii = { functie = "algemeen directeur", naam = "Anneleen Van den Broeck-D'hondt" }
algemeen_directeur = { naam = "(in te vullen: algemeen directeur van Opwijk)" }
burgemeester = { naam = "(in te vullen: burgemeester van Opwijk)" }

[overeenkomst]
collegebesluit = 2025-12-15
datum = 2026-03-20
plaats = "Opwijk"
tot = 2031-12-31
van = 2026-01-01

[parameters.analyse_instroomcijfers]
rapport_datum = 2026-06-30

[parameters.taalbeleid]
oefensessies_per_jaar = 40
vormen = ["een taalcafé", "conversatietafels"]
`
	if got := string(e.Profile.Source); got != want {
		t.Errorf("generated profile:\n%s\nwant:\n%s", got, want)
	}
	if e.Source != "reg.csv:2" || e.NIS != "23060" || e.Name != "Opwijk" || e.Profile.Municipality.HasOwnOCMW() {
		t.Errorf("entry %+v", e)
	}
}

// TestRelease2026Keys: the keys release 2026.1 added to the profile are
// register columns without the register knowing them.
func TestRelease2026Keys(t *testing.T) {
	reg := load(t, "nis,naam,provincie,adres,inwoners,ocmw.zetel,overeenkomst.ocmw_raadsbesluit,overeenkomst.collegebesluit,ondertekenaars.voorzitter_ocmw_raad.naam\n"+
		"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000,\"Ringlaan 22, 1745 Opwijk\",25/12/2025,2025-12-20,Elif Şahin\n"+
		"23027,Halle,Vlaams-Brabant,Markt 2,40000,,gisteren,,\n")
	p := reg.Entries[0].Profile
	if p == nil {
		t.Fatal(reg.Entries[0].Err)
	}
	if p.OCMW == nil || p.OCMW.Seat != "Ringlaan 22, 1745 Opwijk" || p.Agreement.OCMWDecision.ISO() != "2025-12-25" ||
		p.Agreement.CollegeDecision.ISO() != "2025-12-20" || p.Signers.OCMWChair.Name != "Elif Şahin" {
		t.Errorf("got %+v %+v %+v", p.OCMW, p.Agreement, p.Signers.OCMWChair)
	}
	if got := problems(reg.Entries[1].Err); got != "reg.csv:3:43: overeenkomst.ocmw_raadsbesluit: err.register.value type=date value=gisteren" {
		t.Errorf("got %q", got)
	}
}

func TestSameRowSameProfileBytes(t *testing.T) {
	a := load(t, header+"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n")
	b := load(t, header+"24062,Leuven,Vlaams-Brabant,Markt 1,100000\n23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n")
	if a.Entries[0].Profile.SHA256 != b.Entries[1].Profile.SHA256 {
		t.Error("the profile of a row depends on its position in the register")
	}
}

func TestRowProblemsNameRowAndColumn(t *testing.T) {
	reg := load(t, header+
		"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,veel\n"+ // 2: not a number
		"99999,Nergens,Limburg,Dorp 1,100\n"+ // 3: no Flemish arrondissement: the release's to refuse, as for a profile file
		"41002,Aalst,Limburg,Markt 3,89000\n"+ // 4: wrong province: idem
		"24062,Leuven,Vlaams-Brabant,Markt 1\n"+ // 5: a field short
		"23027,Halle,Vlaams-Brabant,Markt 2,40000\n"+ // 6: duplicate of 8
		"2306,Kort,Vlaams-Brabant,Markt 1,100\n"+ // 7: malformed NIS
		"23027,Halle,Vlaams-Brabant,Markt 2,40000\n"+ // 8
		"31005,Brugge,West-Vlaanderen,Burg 12,-5\n"+ // 9: validation by profile.Parse
		"44087,Lochristi,Oost-Vlaanderen,Dorp-West 52,30000\n") // 10: fine
	want := []string{
		"reg.csv:2:41: inwoners: err.register.value type=int value=veel",
		"",
		"",
		"reg.csv:5: err.register.field_count got=4 want=5",
		"reg.csv:6: nis: err.register.duplicate_nis nis=23027 others=reg.csv:8",
		"reg.csv:7:1: nis: err.nis.invalid nis=2306",
		"reg.csv:8: nis: err.register.duplicate_nis nis=23027 others=reg.csv:6",
		"reg.csv:9:38: inwoners: err.profile.positive key=inwoners",
		"",
	}
	if len(reg.Entries) != len(want) {
		t.Fatalf("%d entries, want %d", len(reg.Entries), len(want))
	}
	for i, e := range reg.Entries {
		if got := problems(e.Err); got != want[i] {
			t.Errorf("row %d: got %q\nwant %q", i+2, got, want[i])
		}
		if (e.Err == nil) != (e.Profile != nil) {
			t.Errorf("row %d: profile %v with error %v", i+2, e.Profile != nil, e.Err)
		}
	}
	if n := len(reg.Profiles()); n != 3 {
		t.Errorf("%d profiles, want 3", n)
	}
}

func TestHeaderProblemsRefuseTheRegister(t *testing.T) {
	for _, tc := range []struct{ csv, want string }{
		{"nis,naam\n23060,Opwijk\n",
			"reg.csv:1: err.register.columns_missing missing=provincie required=nis, naam, provincie"},
		{"nis,naam,provincie,inwonres\n",
			"reg.csv:1:20: err.register.column_unknown column=inwonres"},
		{"nis,naam,provincie,adres,inwoners,gemeente.adres\n",
			"reg.csv:1:35: err.register.column_duplicate column=gemeente.adres other=adres"},
		{"nis,naam,provincie,inwoners\n23060,Opwijk,Vlaams-Brabant,1\n",
			"reg.csv:1: gemeente.adres: err.register.column_needed base=base.toml column=adres"},
		{"", "reg.csv:1: err.register.empty"},
		{header, "reg.csv:1: err.register.empty"},
	} {
		_, err := ReadCSV("reg.csv", strings.NewReader(tc.csv), Base{Name: "base.toml", Src: DefaultBase})
		if got := problems(err); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.csv, got, tc.want)
		}
	}
}

func TestBrokenBaseProfile(t *testing.T) {
	_, err := ReadCSV("reg.csv", strings.NewReader(header), Base{Name: "base.toml", Src: []byte("[gemeente\n")})
	var list diag.List
	if !errors.As(err, &list) || list[0].File != "base.toml" || list[0].ID != "err.toml.syntax" {
		t.Errorf("got %v", err)
	}
}

func TestProblemFromBaseNamesBase(t *testing.T) {
	base := strings.Replace(string(DefaultBase), `telefoon = "+32 2 000 00 00"`, `telefoon = "bel maar"`, 1)
	reg, err := ReadCSV("reg.csv", strings.NewReader(header+"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n"),
		Base{Name: "base.toml", Src: []byte(base)})
	if err != nil {
		t.Fatal(err)
	}
	got := problems(reg.Entries[0].Err)
	if !strings.HasPrefix(got, "base.toml:42:") || !strings.Contains(got, "contactpersonen.gemeente.telefoon: err.value.phone") {
		t.Errorf("got %q", got)
	}
}

func TestLocateLaterProblems(t *testing.T) {
	reg := load(t, "nis,naam,provincie,adres,inwoners,doelstellingen\n23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000,geen_doel\n")
	e := reg.Entries[0]
	err := diag.List{e.Profile.Problem("doelstellingen", "err.goal.unknown", diag.A("id", "geen_doel"))}
	if got := problems(err); got != "reg.csv:2:47: doelstellingen: err.goal.unknown id=geen_doel" {
		t.Errorf("got %q", got)
	}
}

func TestFolderRegister(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.toml"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "b.toml"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "c.toml"), []byte("[gemeente]\nnis = 1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a profile"), 0o644)
	reg, err := Load(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Entries) != 3 {
		t.Fatalf("%d entries", len(reg.Entries))
	}
	a, c := filepath.Join(dir, "a.toml"), filepath.Join(dir, "c.toml")
	if got := problems(reg.Entries[0].Err); got != a+": nis: err.register.duplicate_nis nis=23060 others="+filepath.Join(dir, "b.toml") {
		t.Errorf("a: %q", got)
	}
	if got := problems(reg.Entries[2].Err); !strings.HasPrefix(got, c+":2:") {
		t.Errorf("c: %q", got)
	}
	if _, err := Load(dir, "base.toml"); problems(err) != "base.toml: err.register.base_with_folder register="+dir {
		t.Errorf("--base with a folder: %v", err)
	}
	if _, err := Load(t.TempDir(), ""); err == nil {
		t.Error("an empty folder was accepted")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{"Sint-Genesius-Rode": "sint-genesius-rode", "Beveren-Kruibeke-Zwijndrecht": "beveren-kruibeke-zwijndrecht",
		"Zoë's Dorp": "zoes-dorp", "  Heist-op-den-Berg ": "heist-op-den-berg", "Ŝ": "s"} {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFieldColumns(t *testing.T) {
	for _, tc := range []struct {
		line string
		sep  rune
		want []int
	}{
		{`a,b,c`, ',', []int{1, 3, 5}},
		{`44087,"Dorp, 1",30,x`, ',', []int{1, 7, 17, 20}},
		{`"a ""b"", c",Zoë,d`, ',', []int{1, 14, 18}},
		{`a;;c`, ';', []int{1, 3, 4}},
		{`a, b,`, ',', []int{1, 4, 6}},
	} {
		if got := fieldColumns(tc.line, tc.sep, len(tc.want)); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestLoadWithBase(t *testing.T) {
	dir := t.TempDir()
	reg := filepath.Join(dir, "reg.csv")
	base := filepath.Join(dir, "base.toml")
	os.WriteFile(reg, []byte(header+"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000\n"), 0o644)
	os.WriteFile(base, []byte(strings.Replace(string(DefaultBase), "datum  = 2026-01-01", "datum  = 2026-05-04", 1)), 0o644)
	r, err := Load(reg, base)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Entries[0].Profile; p == nil || p.Agreement.Date.ISO() != "2026-05-04" || r.Base != base || r.Name != reg {
		t.Errorf("entry %+v, register %s with base %s", r.Entries[0], r.Name, r.Base)
	}
	if _, err := Load(reg, filepath.Join(dir, "nope.toml")); !errors.As(err, new(*os.PathError)) {
		t.Errorf("missing base: %v", err)
	}
}

func TestPlaceholders(t *testing.T) {
	fill := placeholders(map[string]string{"naam": "Sint-Genesius-Rode", "nis": "23101", "adres": "Wezembeekstraat 15"})
	for in, want := range map[string]string{
		"burgemeester van {naam}": "burgemeester van Sint-Genesius-Rode",
		"info@{slug}.example.be":  "info@sint-genesius-rode.example.be",
		"{nis} {naam}, {adres}":   "23101 Sint-Genesius-Rode, Wezembeekstraat 15",
		"{onbekend} en {{naam}}":  "{onbekend} en {Sint-Genesius-Rode}",
		"geen plaatshouder {open": "geen plaatshouder {open",
		"":                        "",
	} {
		if got := fill(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
