package profile

import (
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
)

// arrondissements maps the first two digits of a Flemish municipality's NIS
// code (its administrative arrondissement, REFNIS) to its province. Codes
// of Brussels (21) and Wallonia (25, 5x, 6x, 8x, 9x) are not in it: AgII
// works with Flemish municipalities only.
var arrondissements = map[string]string{
	"11": "Antwerpen", "12": "Antwerpen", "13": "Antwerpen",
	"23": "Vlaams-Brabant", "24": "Vlaams-Brabant",
	"31": "West-Vlaanderen", "32": "West-Vlaanderen", "33": "West-Vlaanderen", "34": "West-Vlaanderen",
	"35": "West-Vlaanderen", "36": "West-Vlaanderen", "37": "West-Vlaanderen", "38": "West-Vlaanderen",
	"41": "Oost-Vlaanderen", "42": "Oost-Vlaanderen", "43": "Oost-Vlaanderen", "44": "Oost-Vlaanderen",
	"45": "Oost-Vlaanderen", "46": "Oost-Vlaanderen",
	"71": "Limburg", "72": "Limburg", "73": "Limburg",
}

// Province returns the Flemish province a NIS code belongs to, by its
// arrondissement; ok is false for a code outside Flanders.
func Province(nis string) (name string, ok bool) {
	if len(nis) != 5 {
		return "", false
	}
	name, ok = arrondissements[nis[:2]]
	return name, ok
}

// CheckMunicipality checks the profile's municipality against release lib:
// its NIS code is a Flemish municipality's and lies in the province the
// profile names, and, where the release has a municipal map, the code is on
// it with the same name and province. For a code the map lacks, elsewhere
// (which may be nil) names a release whose map has it.
//
// Municipalities the release refuses for a reason of its own (not served,
// merged away) are the rules' to refuse; call this after those checks.
func (p *Profile) CheckMunicipality(lib *library.Library, elsewhere func(nis string) string) error {
	var probs diag.List
	m := p.Municipality
	prov, ok := Province(m.NIS)
	switch {
	case !ok:
		probs.Add(p.Problem("gemeente.nis", "err.nis.not_flemish", diag.A("nis", m.NIS, "arr", m.NIS[:min(2, len(m.NIS))])))
		return probs.Err()
	case !sameName(m.Province, prov):
		probs.Add(p.Problem("gemeente.provincie", "err.nis.province", diag.A("nis", m.NIS, "want", prov, "got", m.Province)))
	}
	if lib.Municipalities == nil {
		return probs.Err()
	}
	g, ok := lib.Municipalities.Lookup(m.NIS)
	if !ok {
		args := diag.A("nis", m.NIS, "name", m.Name, "release", lib.Version)
		id := "err.nis.not_on_map"
		if elsewhere != nil {
			if other := elsewhere(m.NIS); other != "" {
				id, args["other"] = "err.nis.not_on_map_use", other
			}
		}
		probs.Add(p.Problem("gemeente.nis", id, args))
		return probs.Err()
	}
	if !sameName(m.Name, g.Name) {
		probs.Add(p.Problem("gemeente.naam", "err.nis.name", diag.A("nis", m.NIS, "want", g.Name, "got", m.Name, "release", lib.Version)))
	}
	if !sameName(m.Province, g.Province) && sameName(m.Province, prov) {
		probs.Add(p.Problem("gemeente.provincie", "err.nis.province", diag.A("nis", m.NIS, "want", g.Province, "got", m.Province)))
	}
	return probs.Err()
}

func sameName(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }
