package profile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

const ocmwProfile = `
[ocmw]
zetel = "Ringlaan 22, 1745 Opwijk"

[[te_bevestigen]]
sleutel = "ocmw.zetel"
waarom = "zetel van het OCMW niet in de KBO nagekeken"
`

func withOCMW(src string) string {
	src = strings.Replace(src, "gemeenteraadsbesluit = 2026-02-24", "gemeenteraadsbesluit = 2026-02-24\nocmw_raadsbesluit = 2026-02-25", 1)
	return strings.Replace(src, "[ondertekenaars]", "[ondertekenaars]\nvoorzitter_ocmw_raad = { naam = \"Elif Şahin\" }", 1) + ocmwProfile
}

func TestOCMWKeys(t *testing.T) {
	p, err := profile.Parse("p.toml", []byte(withOCMW(testlib.Profile)))
	if err != nil {
		t.Fatal(err)
	}
	if p.OCMW == nil || p.OCMW.Seat != "Ringlaan 22, 1745 Opwijk" || p.Signers.OCMWChair.Name != "Elif Şahin" ||
		p.Agreement.OCMWDecision.String() != "25 februari 2026" {
		t.Errorf("got %+v %+v", p.OCMW, p.Agreement)
	}
	if len(p.ToConfirmChecked) != 1 || p.ToConfirmChecked[0].Key != "ocmw.zetel" || p.ToConfirmChecked[0].Confirmed() {
		t.Errorf("te_bevestigen: %+v", p.ToConfirmChecked)
	}
	for key, want := range map[string]bool{"ocmw.zetel": true, "ondertekenaars.voorzitter_ocmw_raad.naam": true,
		"overeenkomst.collegebesluit": false, "ocmw.ondernemingsnummer": false, "gemeente.nis": true} {
		if got := p.Has(key); got != want {
			t.Errorf("Has(%s) = %v", key, got)
		}
	}
	for key, want := range map[string]bool{"ocmw.zetel": true, "ondertekenaars.voorzitter_ocmw_raad.naam": true,
		"ocmw.zetl": false, "overeenkomst.datum.jaar": false, "parameters.x.y": true, "gemeente": true} {
		if got := profile.KnownKey(key); got != want {
			t.Errorf("KnownKey(%s) = %v", key, got)
		}
	}
}

func TestOCMWProblems(t *testing.T) {
	noOwn := func(s string) string {
		return strings.Replace(withOCMW(s), "inwoners = 15200", "inwoners = 15200\neigen_ocmw = false", 1)
	}
	for _, c := range []struct {
		name string
		src  string
		keys []string
		id   string
	}{
		{"OCMW keys without an OCMW of its own", noOwn(testlib.Profile),
			[]string{"ocmw", "ondertekenaars.voorzitter_ocmw_raad", "overeenkomst.ocmw_raadsbesluit"}, "err.profile.ocmw_not_own"},
		{"OCMW decision after signing", strings.Replace(withOCMW(testlib.Profile), "ocmw_raadsbesluit = 2026-02-25", "ocmw_raadsbesluit = 2026-04-01", 1),
			[]string{"overeenkomst.ocmw_raadsbesluit"}, "err.profile.decision_after_signing"},
		{"college decision after signing", strings.Replace(testlib.Profile, "gemeenteraadsbesluit = 2026-02-24", "gemeenteraadsbesluit = 2026-02-24\ncollegebesluit = 2026-03-21", 1),
			[]string{"overeenkomst.collegebesluit"}, "err.profile.decision_after_signing"},
		{"OCMW without seat", strings.Replace(withOCMW(testlib.Profile), `zetel = "Ringlaan 22, 1745 Opwijk"`, `ondernemingsnummer = "0212.345.678"`, 1),
			[]string{"ocmw.zetel", "te_bevestigen[0].sleutel"}, ""},
		{"unknown key to confirm", strings.Replace(withOCMW(testlib.Profile), `sleutel = "ocmw.zetel"`, `sleutel = "ocmw.adres"`, 1),
			[]string{"te_bevestigen[0].sleutel"}, "err.confirm.unknown_key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := profile.Parse("p.toml", []byte(c.src))
			var list diag.List
			if !errors.As(err, &list) || len(list) != len(c.keys) {
				t.Fatalf("want %d problems, got %v", len(c.keys), err)
			}
			got := map[string]bool{}
			for _, p := range list {
				if (c.id == "" || p.ID == c.id) && p.Line > 0 {
					got[p.Key] = true
				}
			}
			for _, k := range c.keys {
				if !got[k] {
					t.Errorf("no %s at %s: %v", c.id, k, list)
				}
			}
		})
	}
}
