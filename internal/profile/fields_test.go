package profile_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

func TestKeyKind(t *testing.T) {
	for key, want := range map[string]profile.Kind{
		"gemeente.nis": profile.Text, "gemeente.inwoners": profile.Int, "gemeente.eigen_ocmw": profile.Bool,
		"gemeente.centrumstad": profile.Bool, "overeenkomst.van": profile.Date,
		"overeenkomst.gemeenteraadsbesluit": profile.Date, "ondertekenaars.burgemeester.naam": profile.Text,
		"contactpersonen.gemeente.telefoon": profile.Text, "doelstellingen": profile.List,
		"parameters.taalbeleid.vormen": profile.Param,
		// release 2026.1
		"ocmw.zetel": profile.Text, "overeenkomst.ocmw_raadsbesluit": profile.Date,
		"overeenkomst.collegebesluit": profile.Date, "ondertekenaars.voorzitter_ocmw_raad.naam": profile.Text,
		// not leaves of the schema
		"gemeente": 0, "ondertekenaars.agii": 0, "gemeente.inwonners": 0, "parameters.taalbeleid": 0,
		"parameters.a.b.c": 0, "File": 0, "SHA256": 0, "": 0,
	} {
		got, ok := profile.KeyKind(key)
		if ok != (want != 0) || got != want {
			t.Errorf("KeyKind(%q) = %v, %v; want %v", key, got, ok, want)
		}
	}
}

// sections is what a profile says, without where it came from.
func sections(p *profile.Profile) []any {
	return []any{p.Municipality, p.OCMW, p.Agreement, p.Signers, p.Contacts, p.Goals, p.Params, p.ToConfirm}
}

// TestEncodeRoundTrip: every example profile, written by Encode and read
// again, is the same profile, and Encode is a fixed point.
func TestEncodeRoundTrip(t *testing.T) {
	srcs := map[string][]byte{"testlib": []byte(testlib.Profile), "ocmw": []byte(withOCMW(testlib.Profile))}
	files, _ := filepath.Glob("../../examples/*.toml")
	if len(files) == 0 {
		t.Fatal("no example profiles")
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = src
	}
	for name, src := range srcs {
		p, err := profile.Parse(name, src)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		enc, err := profile.Encode(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		q, err := profile.Parse(name, enc)
		if err != nil {
			t.Fatalf("%s: the encoded profile does not parse: %v\n%s", name, err, enc)
		}
		if !reflect.DeepEqual(sections(p), sections(q)) {
			t.Errorf("%s: round trip changed the profile:\n%+v\n%+v", name, sections(p), sections(q))
		}
		if again, _ := profile.Encode(q); string(again) != string(enc) {
			t.Errorf("%s: Encode is not a fixed point:\n%s\n---\n%s", name, enc, again)
		}
	}
}

const base = `doelstellingen = ["buddies"]

[gemeente]
soort = "gemeente"

[overeenkomst]
van = 2026-01-01
tot = 2031-12-31
plaats = "{naam}"
datum = 2026-03-20

[ondertekenaars]
agii = { naam = "Nguyễn Thị Hoa", functie = "algemeen directeur" }
burgemeester = { naam = "(burgemeester van {naam})" }
algemeen_directeur = { naam = "Łukasz Wróblewski" }

[contactpersonen]
agii = { naam = "Jan Janssens", functie = "regioverantwoordelijke", email = "jan.janssens@agii.example.be", telefoon = "+32 2 000 00 00" }
gemeente = { naam = "An Peeters", functie = "diversiteitsambtenaar", email = "an@{naam}.example.be", telefoon = "052 00 00 00" }

[parameters.buddies]
aantal = 12
`

func cell(v any, col int, name string) profile.Value {
	return profile.Value{V: v, At: profile.Origin{File: "reg.csv", Line: 7, Col: col, Key: name}}
}

func opwijk() map[string]profile.Value {
	return map[string]profile.Value{
		"gemeente.nis":       cell("23060", 1, "nis"),
		"gemeente.naam":      cell("Opwijk", 7, "naam"),
		"gemeente.provincie": cell("Vlaams-Brabant", 14, "provincie"),
		"gemeente.adres":     cell("Ringlaan 20", 29, "adres"),
		"gemeente.inwoners":  cell(int64(15200), 41, "inwoners"),
	}
}

func TestFromFields(t *testing.T) {
	b, err := profile.ParseBase("base.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	row := profile.Origin{File: "reg.csv", Line: 7}
	fields := opwijk()
	fields["gemeente.eigen_ocmw"] = cell(false, 50, "eigen_ocmw")
	fields["overeenkomst.datum"] = cell(nlfmt.Date{Year: 2026, Month: 4, Day: 1}, 55, "overeenkomst.datum")
	fields["parameters.buddies.aantal"] = cell(int64(20), 60, "parameters.buddies.aantal")
	p, err := profile.FromFields(row, b.Expand(strings.NewReplacer("{naam}", "Opwijk").Replace), fields)
	if err != nil {
		t.Fatal(err)
	}
	if p.Municipality.Population != 15200 || p.Municipality.HasOwnOCMW() || p.Agreement.Place != "Opwijk" ||
		p.Agreement.Date.ISO() != "2026-04-01" || p.Signers.Mayor.Name != "(burgemeester van Opwijk)" ||
		p.Params["buddies"]["aantal"] != int64(20) || p.Contacts.Local.Email != "an@Opwijk.example.be" {
		t.Errorf("got %+v", sections(p))
	}
	if b.Agreement.Place != "{naam}" || b.Municipality.NIS != "" || b.Params["buddies"]["aantal"] != int64(12) {
		t.Error("FromFields changed the base profile through Expand's copy")
	}
	// Source is the canonical encoding, and parses back to the same profile.
	q, err := profile.Parse("again.toml", p.Source)
	if err != nil || !reflect.DeepEqual(sections(p), sections(q)) || q.SHA256 != p.SHA256 {
		t.Errorf("Source does not give the profile back: %v\n%s", err, p.Source)
	}
	// Later problems (the rules', say) name the cell, the base's key, or the row.
	for key, want := range map[string]string{
		"gemeente.inwoners":                   "reg.csv:7:41: inwoners: x",
		"doelstellingen":                      "base.toml:1:1: doelstellingen: x",
		"ondertekenaars.burgemeester.naam":    "base.toml:14:18: ondertekenaars.burgemeester.naam: x",
		"parameters.buddies.aantal":           "reg.csv:7:60: parameters.buddies.aantal: x",
		"gemeente.ondernemingsnummer":         "reg.csv:7: gemeente.ondernemingsnummer: x",
		"overeenkomst.gemeenteraadsbesluit":   "reg.csv:7: overeenkomst.gemeenteraadsbesluit: x",
		"contactpersonen.gemeente.email":      "base.toml:19:70: contactpersonen.gemeente.email: x",
		"contactpersonen.agii.telefoon":       "base.toml:18:109: contactpersonen.agii.telefoon: x",
		"parameters.buddies.nog_niet_gegeven": "reg.csv:7: parameters.buddies.nog_niet_gegeven: x",
	} {
		if got := p.Problem(key, "x", nil).Format(diag.Untranslated); got != want {
			t.Errorf("Problem(%s) = %q, want %q", key, got, want)
		}
	}
}

func TestFromFieldsProblems(t *testing.T) {
	b, err := profile.ParseBase("base.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	fields := opwijk()
	fields["gemeente.inwoners"] = cell(int64(-5), 41, "inwoners")
	fields["contactpersonen.gemeente.telefoon"] = cell("bel maar", 70, "contactpersonen.gemeente.telefoon")
	delete(fields, "gemeente.adres")
	_, err = profile.FromFields(profile.Origin{File: "reg.csv", Line: 7}, b.Expand(nil), fields)
	want := "reg.csv:7: gemeente.adres: err.key.required key=gemeente.adres\n" +
		"reg.csv:7:41: inwoners: err.profile.positive key=inwoners\n" +
		"reg.csv:7:70: contactpersonen.gemeente.telefoon: err.value.phone label=contactpersonen.gemeente.telefoon value=bel maar"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}

	// A value of the wrong type, or for a key the profile does not have.
	fields = opwijk()
	fields["gemeente.inwoners"] = cell("veel", 41, "inwoners")
	fields["gemeente.burgemeester"] = cell("Jan", 80, "gemeente.burgemeester")
	fields["ondertekenaars.agii"] = cell("Jan", 90, "ondertekenaars.agii")
	_, err = profile.FromFields(profile.Origin{File: "reg.csv", Line: 7}, b.Expand(nil), fields)
	want = "reg.csv:7:41: inwoners: err.field.type key=gemeente.inwoners\n" +
		"reg.csv:7:80: gemeente.burgemeester: err.toml.unknown_key key=gemeente.burgemeester\n" +
		"reg.csv:7:90: ondertekenaars.agii: err.toml.unknown_key key=ondertekenaars.agii"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestParseBaseIsStrict(t *testing.T) {
	_, err := profile.ParseBase("base.toml", []byte("[gemeente]\ninwonners = 3\n"))
	if err == nil || err.Error() != "base.toml:2:1: gemeente.inwonners: err.toml.unknown_key key=inwonners suggest=inwoners" {
		t.Errorf("got %v", err)
	}
	if _, err := profile.ParseBase("base.toml", []byte("[gemeente]\nsoort = \"gemeente\"\n")); err != nil {
		t.Errorf("an incomplete base profile is refused: %v", err)
	}
}

// TestReplacementCharacterRefused: U+FFFD written as an escape, which the
// file's bytes do not show, is refused at its key in TOML and JSON alike.
func TestReplacementCharacterRefused(t *testing.T) {
	src := strings.Replace(testlib.Profile, `naam = "Zoë Çelik" }`, `naam = "Zo\uFFFD \u00c7elik" }`, 1)
	if src == testlib.Profile {
		t.Fatal("no chair in the profile")
	}
	_, err := profile.Parse("p.toml", []byte(src))
	if err == nil || err.Error() != "p.toml:21:16: ondertekenaars.voorzitter.naam: err.encoding.replacement format=toml" {
		t.Errorf("TOML: %v", err)
	}
	_, err = profile.ParseJSON("p.json", []byte(`{"gemeente": {"naam": "Opw\ufffdjk"}}`))
	if err == nil || !strings.Contains(err.Error(), "gemeente.naam: err.encoding.replacement format=json") {
		t.Errorf("JSON: %v", err)
	}
}
