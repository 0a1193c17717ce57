package assemble_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/testlib"
)

// TestRecordedDate: a date parameter with termijn = false records a fact
// (when a protocol was concluded): it may lie before the policy period, but
// not after the signature (20 maart 2026 in the test profile).
func TestRecordedDate(t *testing.T) {
	edits := map[string]string{"buddies.toml": testlib.Replace("buddies.toml", "label = \"Streefdatum\"\nverplicht = true",
		"label = \"Streefdatum\"\nverplicht = true\ntermijn = false")}
	before := strings.Replace(testlib.Profile, "datum = 2027-06-30", "datum = 2024-05-01", 1)
	if _, err := draftWith(t, edits, nil, before); err != nil {
		t.Errorf("a recorded date before the period: %v", err)
	}
	if _, err := draft(t, before); err == nil {
		t.Error("a deadline before the period was accepted")
	}
	after := strings.Replace(testlib.Profile, "datum = 2027-06-30", "datum = 2026-04-01", 1)
	_, err := draftWith(t, edits, nil, after)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.value.date_after_signing" || list[0].Key != "parameters.buddies.datum" {
		t.Fatalf("a recorded date after the signature: %v", err)
	}
	if msg := l10n.For("nl").Problem(list[0]); !strings.Contains(msg, "1 april 2026 valt na de ondertekening (20 maart 2026)") {
		t.Errorf("message: %s", msg)
	}
	if msg := l10n.For("en").Problem(list[0]); !strings.Contains(msg, "is after the signing date") {
		t.Errorf("message: %s", msg)
	}
}
