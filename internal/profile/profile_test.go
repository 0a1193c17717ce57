package profile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

func TestParseValid(t *testing.T) {
	p, err := profile.Parse("p.toml", []byte(testlib.Profile))
	if err != nil {
		t.Fatal(err)
	}
	if p.Municipality.Name != "Opwijk" || !p.Municipality.HasOwnOCMW() || p.Agreement.From.String() != "1 januari 2026" {
		t.Errorf("got %+v", p)
	}
	if p.Agreement.CouncilDecision == nil || p.Agreement.CouncilDecision.String() != "24 februari 2026" {
		t.Errorf("council decision: %v", p.Agreement.CouncilDecision)
	}
	if len(p.SHA256) != 64 || p.Signers.Agency.Name != "Nguyễn Thị Hoa" {
		t.Errorf("hash or name: %q %q", p.SHA256, p.Signers.Agency.Name)
	}
}

func TestParseProblems(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new string
		line     int
		key, id  string
	}{
		{"malformed TOML", `naam = "Opwijk"`, `naam = "Opwijk`, 5, "", "err.toml.syntax"},
		{"typo in a key", `inwoners = 15200`, `inwonners = 15200`, 9, "gemeente.inwonners", "err.toml.unknown_key"},
		{"wrong type", `inwoners = 15200`, `inwoners = "veel"`, 9, "gemeente.inwoners", "err.toml.type"},
		{"date as string", `van = 2026-01-01`, `van = "2026-01-01"`, 13, "overeenkomst.van", "err.toml.date"},
		{"invalid date", `van = 2026-01-01`, `van = 2026-02-30`, 13, "", "err.toml.date"},
		{"invalid NIS", `nis = "23060"`, `nis = "2306"`, 4, "gemeente.nis", "err.nis.invalid"},
		{"missing name", `naam = "Opwijk"`, `naam = ""`, 5, "gemeente.naam", "err.key.required"},
		{"bad kind", `soort = "gemeente"`, `soort = "dorp"`, 6, "gemeente.soort", "err.profile.kind"},
		{"period reversed", `tot = 2031-12-31`, `tot = 2025-12-31`, 14, "overeenkomst.tot", "err.profile.period"},
		{"council decision after signing", `gemeenteraadsbesluit = 2026-02-24`, `gemeenteraadsbesluit = 2026-04-24`, 17, "overeenkomst.gemeenteraadsbesluit", "err.profile.council_after_signing"},
		{"chair missing with council decision", `voorzitter = { naam = "Zoë Çelik" }`, ``, 19, "ondertekenaars", "err.profile.chair_required"},
		{"mayor missing without council decision", `gemeenteraadsbesluit = 2026-02-24`, ``, 19, "ondertekenaars", "err.profile.mayor_required"},
		{"invalid e-mail", `email = "jan.janssens@agii.example.be"`, `email = "jan.janssens(at)agii"`, 25, "contactpersonen.agii.email", "err.value.email"},
		{"invalid phone", `telefoon = "052 00 00 00"`, `telefoon = "bel maar"`, 26, "contactpersonen.gemeente.telefoon", "err.value.phone"},
		{"unknown key in a person", `voorzitter = { naam = "Zoë Çelik" }`, `voorzitter = { naam = "Zoë Çelik", gsm = "1" }`, 21, "ondertekenaars.voorzitter.gsm", "err.toml.unknown_key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(testlib.Profile, c.old) {
				t.Fatalf("%q not in the profile", c.old)
			}
			src := strings.Replace(testlib.Profile, c.old, c.new, 1)
			_, err := profile.Parse("p.toml", []byte(src))
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range list {
				if p.ID == c.id && p.Line == c.line && (c.key == "" || p.Key == c.key) && p.File == "p.toml" {
					return
				}
			}
			t.Errorf("want p.toml:%d: %s: %s, got:\n%v", c.line, c.key, c.id, list)
		})
	}
}

func TestParseJSONMatchesTOML(t *testing.T) {
	js := `{"doelstellingen":["buddies"],
	"gemeente":{"nis":"23060","naam":"Opwijk","soort":"gemeente","provincie":"Vlaams-Brabant","adres":"Ringlaan 20, 1745 Opwijk","inwoners":15200,"inburgeraars_per_jaar":40},
	"overeenkomst":{"van":"2026-01-01","tot":"2031-12-31","plaats":"Opwijk","datum":"2026-03-20","gemeenteraadsbesluit":"2026-02-24"},
	"ondertekenaars":{"agii":{"naam":"Nguyễn Thị Hoa","functie":"algemeen directeur"},"voorzitter":{"naam":"Zoë Çelik"},"algemeen_directeur":{"naam":"Łukasz Wróblewski"}},
	"contactpersonen":{"agii":{"naam":"Jan Janssens","functie":"regioverantwoordelijke","email":"jan.janssens@agii.example.be","telefoon":"+32 2 000 00 00"},
	  "gemeente":{"naam":"Anneleen Van den Broeck-D'hondt","functie":"diversiteitsambtenaar","email":"anneleen@opwijk.example.be","telefoon":"052 00 00 00"}},
	"parameters":{"buddies":{"aantal":12,"datum":"2027-06-30","coordinator":{"naam":"Zoë Çelik","email":"zoe.celik@opwijk.example.be"}}}}`
	pj, err := profile.ParseJSON("p.json", []byte(js))
	if err != nil {
		t.Fatal(err)
	}
	pt, _ := profile.Parse("p.toml", []byte(testlib.Profile))
	if pj.Municipality != pt.Municipality || pj.Agreement.To != pt.Agreement.To || *pj.Signers.Chair != *pt.Signers.Chair {
		t.Errorf("JSON and TOML differ:\n%+v\n%+v", pj, pt)
	}
	if n, ok := pj.Params["buddies"]["aantal"].(int64); !ok || n != 12 {
		t.Errorf("JSON integer parameter: %#v", pj.Params["buddies"]["aantal"])
	}
	for _, c := range []struct {
		old, new string
		want     diag.Problem
	}{
		{`"inwoners"`, `"inwonners"`, diag.Problem{File: "p.json", Line: 2, Col: 127, Key: "gemeente.inwonners", ID: "err.toml.unknown_key"}},
		{`"inwoners":15200`, `"inwoners":"veel"`, diag.Problem{File: "p.json", Line: 2, Col: 127, Key: "gemeente.inwoners", ID: "err.json.type"}},
		{`"van":"2026-01-01"`, `"van":"1/1/2026"`, diag.Problem{File: "p.json", ID: "err.json"}},
		{`{"doelstellingen"`, `{"doelstellingen":,`, diag.Problem{File: "p.json", Line: 1, Col: 19, ID: "err.json"}},
	} {
		_, err := profile.ParseJSON("p.json", []byte(strings.Replace(js, c.old, c.new, 1)))
		var list diag.List
		if !errors.As(err, &list) || len(list) != 1 {
			t.Fatalf("%s: want one problem, got %v", c.new, err)
		}
		got := list[0]
		got.Args, got.Detail = nil, ""
		if got.File != c.want.File || got.Key != c.want.Key || got.ID != c.want.ID || (c.want.Line > 0 && (got.Line != c.want.Line || got.Col != c.want.Col)) {
			t.Errorf("%s: got %+v, want %+v", c.new, got, c.want)
		}
	}
}

func TestTexts(t *testing.T) {
	p, _ := profile.Parse("p.toml", []byte(testlib.Profile))
	found := map[string]string{}
	for _, f := range p.Texts() {
		found[f.Key] = f.Value
	}
	if found["parameters.buddies.coordinator.naam"] != "Zoë Çelik" || found["ondertekenaars.algemeen_directeur.naam"] != "Łukasz Wróblewski" {
		t.Errorf("Texts misses values: %v", found)
	}
}
