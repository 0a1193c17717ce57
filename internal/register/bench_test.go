package register

import (
	"fmt"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/profile"
)

// renewalCSV is a register of n made-up Flemish municipalities with the
// columns a renewal gives per municipality (address, population, kind,
// signatories, a contact, goals and a parameter), generated here so that
// the benchmark needs no data from outside the repository.
func renewalCSV(n int) string {
	arrs := []string{"11", "12", "13", "23", "24", "31", "32", "33", "34", "35", "36", "37", "38", "41", "42", "43", "44", "45", "46", "71", "72", "73"}
	var s strings.Builder
	s.WriteString("nis,naam,provincie,adres,inwoners,soort,centrumstad,eigen_ocmw,inburgeraars_per_jaar," +
		"doelstellingen,ondertekenaars.burgemeester.naam,contactpersonen.gemeente.email,overeenkomst.datum," +
		"parameters.analyse_instroomcijfers.rapport_datum\n")
	for i := 0; i < n; i++ {
		nis := fmt.Sprintf("%s%03d", arrs[i%len(arrs)], 200+i)
		prov, _ := profile.Province(nis)
		kind := "gemeente"
		if i%9 == 0 {
			kind = "stad"
		}
		fmt.Fprintf(&s, "%s,Gemeente %d,%s,\"Dorpsplein %d, %s\",%d,%s,%s,ja,%d,analyse_instroomcijfers,Zoë Peeters %d,"+
			"integratie@gemeente%d.example.be,%02d/03/2026,30/06/2026\n",
			nis, i, prov, i+1, nis[:4], 5000+i*1733, kind, map[bool]string{true: "ja", false: "nee"}[i%13 == 0], i%7*10, i, i, 1+i%28)
	}
	return s.String()
}

// BenchmarkReadCSV loads a 285-row register (the size of the Flemish
// renewal), every row a checked profile.
func BenchmarkReadCSV(b *testing.B) {
	src := renewalCSV(285)
	for b.Loop() {
		reg, err := ReadCSV("bench.csv", strings.NewReader(src), Base{Name: "base.toml", Src: DefaultBase})
		if err != nil {
			b.Fatal(err)
		}
		if n := len(reg.Profiles()); n != 285 {
			b.Fatalf("%d profiles: %v", n, reg.Entries[0].Err)
		}
	}
}
