package profile_test

import (
	"testing"

	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

// FuzzParse: any bytes give a profile or a problem list, never a panic, and
// a problem always names the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(testlib.Profile))
	f.Add([]byte("[gemeente]\nnis = \"23060\"\n"))
	f.Add([]byte("doelstellingen = [\"a\", \"a\"]\n[parameters.a]\nx = { naam = 1 }\n"))
	f.Add([]byte(testlib.Profile + "\n[ocmw]\nzetel = \"x\"\n\n[[te_bevestigen]]\nsleutel = \"ocmw.zetel\"\nwaarom = \"y\"\nbevestigd_op = 2026-01-01\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := profile.Parse("f.toml", src)
		if err == nil && p == nil {
			t.Fatal("nil profile without error")
		}
		if err != nil && err.Error() == "" {
			t.Fatal("empty error")
		}
		if p != nil {
			p.Texts()
			p.Unconfirmed()
			for _, key := range []string{"ocmw.zetel", "ondertekenaars.voorzitter_ocmw_raad.naam", "parameters.a.x", "gemeente"} {
				p.Has(key)
			}
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	f.Add([]byte(`{"gemeente":{"nis":"23060"}}`))
	f.Add([]byte(`{"parameters":{"a":{"b":[1,2.5,{"c":"d"}]}}}`))
	f.Add([]byte(`{"ocmw":{"zetel":"x"},"te_bevestigen":[{"sleutel":"ocmw.zetel","waarom":"y"}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		p, err := profile.ParseJSON("f.json", src)
		if err == nil && p == nil {
			t.Fatal("nil profile without error")
		}
	})
}
