package assemble_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

// TestDatesAgainstThePeriod: every date parameter lies within the policy
// period (2026-01-01 … 2031-12-31 in the test profile), at the value's
// position and with a fix.
func TestDatesAgainstThePeriod(t *testing.T) {
	for _, c := range []struct {
		name, old, new, key, id, wants string
		line                           int
	}{
		{"deadline before the period starts", "datum = 2027-06-30", "datum = 2019-06-30", "parameters.buddies.datum",
			"err.value.date_before_period", "30 juni 2019 ligt vóór het begin van de beleidsperiode (1 januari 2026)", 0},
		{"deadline after the period ends", "datum = 2027-06-30", "datum = 2032-03-20", "parameters.buddies.datum",
			"err.value.date_after_period", "kies een datum van 1 januari 2026 tot en met 31 december 2031", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := strings.Replace(testlib.Profile, c.old, c.new, 1)
			_, err := draft(t, src)
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			p := list[0]
			line := 1 + strings.Count(src[:strings.Index(src, c.new)], "\n")
			if p.ID != c.id || p.Key != c.key || p.File != "p.toml" || p.Line != line || p.Col != 1 {
				t.Errorf("got %+v, want line %d", p, line)
			}
			if msg := l10n.For("nl").Problem(p); !strings.Contains(msg, c.wants) {
				t.Errorf("message: %s", msg)
			}
		})
	}
	// A default date of the library outside the period: the profile must give one.
	edits := map[string]string{"buddies.toml": testlib.Replace("buddies.toml", "label = \"Streefdatum\"\nverplicht = true",
		"label = \"Streefdatum\"\nstandaard = 2025-06-30")}
	src := strings.Replace(testlib.Profile, "datum = 2027-06-30\n", "", 1)
	_, err := draftWith(t, edits, nil, src)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.value.date_before_period_default" ||
		list[0].Key != "parameters.buddies" || list[0].Line == 0 {
		t.Fatalf("default date: %v", err)
	}
	if msg := l10n.For("en").Problem(list[0]); !strings.Contains(msg, "give parameters.buddies.datum with a date from 1 januari 2026") {
		t.Errorf("message: %s", msg)
	}
}

func TestSigningDateAgainstThePeriod(t *testing.T) {
	src := strings.Replace(testlib.Profile, "datum = 2026-03-20", "datum = 2032-03-20", 1)
	_, err := profile.Parse("p.toml", []byte(src))
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.profile.signing_after_period" ||
		list[0].Key != "overeenkomst.datum" || list[0].Line != 16 {
		t.Fatalf("got %v", err)
	}
}
