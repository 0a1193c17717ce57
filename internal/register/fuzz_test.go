package register

import (
	"bytes"
	"os"
	"testing"
)

// FuzzReadCSV: any bytes give a register (with failed entries where rows
// are bad) or an error, never a panic; every entry has a profile or an error.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("nis,naam,provincie,adres,inwoners\n23060,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000\n"))
	f.Add([]byte("\xef\xbb\xbfnis;naam;provincie;adres;inwoners;eigen_ocmw;overeenkomst.datum;doelstellingen\n" +
		"23060;Opwijk;Vlaams-Brabant;Ringlaan 20;15.000;nee;20/03/2026;\"a; b\"\n"))
	f.Add([]byte("nis,naam\n1,2\n"))
	f.Add([]byte("nis,naam,provincie,adres,inwoners,parameters.x.y,ondertekenaars.burgemeester.naam\n11002,A,Antwerpen,x,1,\"q\"\"\",Zoë\n"))
	if src, err := os.ReadFile("../../examples/register.csv"); err == nil {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		reg, err := ReadCSV("f.csv", bytes.NewReader(src), Base{Name: "base.toml", Src: DefaultBase})
		if err != nil {
			if reg != nil {
				t.Fatal("a register and an error")
			}
			return
		}
		for i, e := range reg.Entries {
			if (e.Profile == nil) == (e.Err == nil) {
				t.Fatalf("entry %d: want exactly one of profile and error", i)
			}
		}
	})
}
