package register

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/agii/ovk/internal/profile"
)

// FuzzReadCSV: any bytes give a register (with failed entries where rows
// are bad) or an error, never a panic; every entry has a profile or an
// error, and every profile's embedded source parses back to that profile.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("nis,naam,provincie,adres,inwoners\n23060,Opwijk,Vlaams-Brabant,\"Ringlaan 20, 1745 Opwijk\",15000\n"))
	f.Add([]byte("\xef\xbb\xbfnis;naam;provincie;adres;inwoners;eigen_ocmw;overeenkomst.datum;doelstellingen\n" +
		"23060;Opwijk;Vlaams-Brabant;Ringlaan 20;15.000;nee;20/03/2026;\"a; b\"\n"))
	f.Add([]byte("nis,naam\n1,2\n"))
	f.Add([]byte("nis,naam,provincie,adres,inwoners,parameters.x.y,ondertekenaars.burgemeester.naam\n11002,A,Antwerpen,x,1,\"q\"\"\",Zoë\n"))
	// Windows-1252 as Excel writes it; UTF-8 with one Windows-1252 byte; a
	// byte Windows-1252 lacks; a replacement character; the 2026.1 keys.
	f.Add([]byte("nis;naam;provincie;adres;inwoners;contactpersonen.gemeente.naam\n23060;Opwijk;Vlaams-Brabant;Ringlaan 20;15000;Zo\xeb \xc7elik\n"))
	f.Add([]byte("nis,naam,provincie,adres,inwoners\n23060,Zoë,Vlaams-Brabant,Ringlaan 20,15000\n23027,Zo\xeb,Vlaams-Brabant,Markt 2,40000\n"))
	f.Add([]byte("nis,naam,provincie\n23060,Op\x81wijk,Vlaams-Brabant\n"))
	f.Add([]byte("nis,naam,provincie,adres,inwoners\n23060,Opw\uFFFDjk,Vlaams-Brabant,Ringlaan 20,15000\n"))
	f.Add([]byte("nis,naam,provincie,adres,inwoners,ocmw.zetel,overeenkomst.ocmw_raadsbesluit,ondertekenaars.voorzitter_ocmw_raad.naam\n" +
		"23060,Opwijk,Vlaams-Brabant,Ringlaan 20,15000,Ringlaan 22,15/12/2025,Elif Şahin\n"))
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
			if e.Profile == nil {
				continue
			}
			if bytes.ContainsRune(e.Profile.Source, '\uFFFD') {
				t.Fatalf("entry %d: U+FFFD in the profile", i)
			}
			q, err := profile.Parse("again.toml", e.Profile.Source)
			if err != nil {
				t.Fatalf("entry %d: its source does not parse: %v\n%s", i, err, e.Profile.Source)
			}
			p := e.Profile
			if !reflect.DeepEqual([]any{p.Municipality, p.Agreement, p.Signers, p.Contacts, p.Goals, p.Params},
				[]any{q.Municipality, q.Agreement, q.Signers, q.Contacts, q.Goals, q.Params}) {
				t.Fatalf("entry %d: its source gives another profile:\n%s", i, p.Source)
			}
		}
	})
}
