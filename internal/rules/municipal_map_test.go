package rules_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// shipped opens the shipped releases, each engine knowing the others' maps
// as a catalogue would tell it.
func shipped(t *testing.T) map[string]*rules.Engine {
	t.Helper()
	matches, _ := fs.Glob(clauses.FS, "*/"+library.HeaderFile)
	libs := map[string]*library.Library{}
	var order []string
	for _, m := range matches {
		dir := strings.TrimSuffix(m, "/"+library.HeaderFile)
		sub, _ := fs.Sub(clauses.FS, dir)
		lib, err := library.Load(sub, "clauses/"+dir)
		if err != nil {
			t.Fatal(err)
		}
		libs[lib.Version] = lib
		order = append(order, lib.Version)
	}
	engines := map[string]*rules.Engine{}
	for v, lib := range libs {
		e, err := rules.New(lib)
		if err != nil {
			t.Fatal(err)
		}
		e.Elsewhere = func(nis string) string {
			for i := len(order) - 1; i >= 0; i-- {
				if o := order[i]; o != v {
					if _, ok := libs[o].Municipalities.Lookup(nis); ok {
						return o
					}
				}
			}
			return ""
		}
		engines[v] = e
	}
	return engines
}

// municipalProfile is a valid profile for municipality nis, name, province.
func municipalProfile(t *testing.T, nis, name, province string) *profile.Profile {
	t.Helper()
	src := `[gemeente]
nis = "` + nis + `"
naam = "` + name + `"
soort = "gemeente"
provincie = "` + province + `"
adres = "Markt 1"
inwoners = 15000

[overeenkomst]
van = 2020-01-01
tot = 2025-12-31
plaats = "` + name + `"
datum = 2020-03-20

[ondertekenaars]
agii = { naam = "Nguyễn Thị Hoa", functie = "algemeen directeur" }
burgemeester = { naam = "An Peeters" }
algemeen_directeur = { naam = "Jan Janssens" }

[contactpersonen]
agii = { naam = "Elif Şahin", functie = "accountmanager", email = "elif.sahin@agii.example.be", telefoon = "+32 2 000 00 00" }
gemeente = { naam = "Piet Claes", functie = "diensthoofd", email = "piet.claes@example.be", telefoon = "+32 11 00 00 00" }
`
	p, err := profile.Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestMunicipalMaps: each release drafts only the municipalities of its
// own map, and says which release to use instead.
func TestMunicipalMaps(t *testing.T) {
	engines := shipped(t)
	nl, en := l10n.For("nl"), l10n.For("en")
	for _, c := range []struct {
		name, release        string
		nis, naam, provincie string
		key, id              string
		nlWants, enWants     string
	}{
		{"2020.1 refuses a municipality formed in 2025", "2020.1", "73111", "Tongeren-Borgloon", "Limburg",
			"gemeente.nis", "err.nis.not_on_map_use", "bestond niet in de gemeentelijke indeling van release 2020.1: onder die release bestaat de gemeente niet",
			"The map of release 2026.1 has it"},
		{"2025.1 refuses a code that has never existed", "2025.1", "23999", "Nergensdorp", "Vlaams-Brabant",
			"gemeente.nis", "err.nis.not_on_map", "bestond niet in de gemeentelijke indeling van release 2025.1", "did not exist"},
		{"name must match the map", "2025.1", "23060", "Opwyk", "Vlaams-Brabant",
			"gemeente.naam", "err.nis.name", "heet in de indeling van release 2025.1 Opwijk, niet Opwyk", "is called Opwijk"},
		{"province must match the code", "2025.1", "23060", "Opwijk", "Limburg",
			"gemeente.provincie", "err.nis.province", "ligt in de provincie Vlaams-Brabant, niet in Limburg", "lies in the province Vlaams-Brabant"},
		{"a code outside Flanders", "2025.1", "99999", "Ergens", "Limburg",
			"gemeente.nis", "err.nis.not_flemish", "geen code van een Vlaamse gemeente", "not the code of a Flemish municipality"},
		{"Brussels", "2020.1", "21004", "Brussel", "Brussel",
			"gemeente.nis", "err.nis.not_flemish", "arrondissement 21", "arrondissement 21"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := engines[c.release].Select(municipalProfile(t, c.nis, c.naam, c.provincie))
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			p := list[0]
			if p.Key != c.key || p.ID != c.id || p.File != "p.toml" || p.Line == 0 || p.Col == 0 {
				t.Errorf("got %+v", p)
			}
			if msg := nl.Problem(p); !strings.Contains(msg, c.nlWants) {
				t.Errorf("nl: %s", msg)
			}
			if msg := en.Problem(p); !strings.Contains(msg, c.enWants) {
				t.Errorf("en: %s", msg)
			}
		})
	}
	// Both releases draft what their maps hold.
	for release, g := range map[string][3]string{"2020.1": {"73009", "Borgloon", "Limburg"}, "2025.1": {"73111", "Tongeren-Borgloon", "Limburg"}} {
		if _, err := engines[release].Select(municipalProfile(t, g[0], g[1], g[2])); err != nil {
			t.Errorf("%s %s: %v", release, g[1], err)
		}
	}
}

// TestMergedAndNotServed: a merged-away code names its successor, unless
// AgII does not serve the successor (legal review M19); Antwerpen and Gent
// stay refused in every release.
func TestMergedAndNotServed(t *testing.T) {
	engines := shipped(t)
	nl, en := l10n.For("nl"), l10n.For("en")
	say := func(l *l10n.Localizer, err error) string {
		var m *rules.MergedError
		var ns *rules.NotServedError
		switch {
		case errors.As(err, &m):
			return l.T(m.MessageID(), m.Args())
		case errors.As(err, &ns):
			return l.T(ns.MessageID(), ns.Args())
		}
		return "no refusal: " + strings.TrimSpace(err.Error())
	}
	for _, c := range []struct {
		name, release, nis, naam, provincie string
		nlWants, enWants                    string
	}{
		{"Borgloon after the merger", "2025.1", "73009", "Borgloon", "Limburg",
			"opgegaan in 73111 Tongeren-Borgloon. Stel de overeenkomst op voor Tongeren-Borgloon.", "merged into 73111 Tongeren-Borgloon"},
		{"Borsbeek into Antwerpen, which AgII does not serve", "2025.1", "11007", "Borsbeek", "Antwerpen",
			"opgegaan in 11002 Antwerpen, dat het AgII niet bedient. Er wordt geen overeenkomst opgesteld; beëindig de lopende overeenkomst met Borsbeek.",
			"which AgII does not serve. No agreement is drafted; end the running agreement with Borsbeek."},
		{"Borgloon under 2026.1", "2026.1", "73009", "Borgloon", "Limburg",
			"opgegaan in 73111 Tongeren-Borgloon. Stel de overeenkomst op voor Tongeren-Borgloon.", "merged into 73111 Tongeren-Borgloon"},
		{"Borsbeek under 2026.1", "2026.1", "11007", "Borsbeek", "Antwerpen",
			"Er wordt geen overeenkomst opgesteld; beëindig de lopende overeenkomst met Borsbeek.", "No agreement is drafted"},
		{"Antwerpen in 2020.1", "2020.1", "11002", "Antwerpen", "Antwerpen", "wordt niet door het AgII bediend", "is not served by AgII"},
		{"Gent in 2025.1", "2025.1", "44021", "Gent", "Oost-Vlaanderen", "wordt niet door het AgII bediend", "is not served by AgII"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := engines[c.release].Select(municipalProfile(t, c.nis, c.naam, c.provincie))
			if err == nil {
				t.Fatal("not refused")
			}
			if msg := say(nl, err); !strings.Contains(msg, c.nlWants) {
				t.Errorf("nl: %s", msg)
			}
			if msg := say(en, err); !strings.Contains(msg, c.enWants) {
				t.Errorf("en: %s", msg)
			}
		})
	}
}

// TestShippedMapsAgreeWithArrondissements: every row of every shipped map
// lies in the province its NIS code's arrondissement says.
func TestShippedMapsAgreeWithArrondissements(t *testing.T) {
	for release, want := range map[string]int{"2020.1": 300, "2025.1": 285, "2026.1": 285} {
		src, err := fs.ReadFile(clauses.FS, release+"/gemeenten.csv")
		if err != nil {
			t.Fatal(err)
		}
		m, err := library.ParseMap(release, src)
		if err != nil {
			t.Fatal(err)
		}
		if m.Len() != want {
			t.Errorf("%s: %d municipalities, want %d", release, m.Len(), want)
		}
		for _, g := range m.All() {
			if prov, ok := profile.Province(g.NIS); !ok || prov != g.Province {
				t.Errorf("%s: %s %s in %s, arrondissement says %s", release, g.NIS, g.Name, g.Province, prov)
			}
		}
	}
}
