package register

import (
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/profile"
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

// checkMunicipality checks what a register knows beyond a profile's own
// checks: the NIS code is a Flemish municipality's (its arrondissement
// exists) and lies in the province the profile names.
func checkMunicipality(p *profile.Profile) error {
	m := p.Municipality
	var probs diag.List
	add := func(key, id string, args map[string]any) { probs.Add(p.Problem(key, id, args)) }
	prov, ok := Province(m.NIS)
	switch {
	case !ok:
		add("gemeente.nis", "err.register.nis_unknown", diag.A("nis", m.NIS, "arr", m.NIS[:2]))
	case !strings.EqualFold(strings.TrimSpace(m.Province), prov):
		add("gemeente.provincie", "err.register.province", diag.A("nis", m.NIS, "want", prov, "got", m.Province))
	}
	return probs.Err()
}
