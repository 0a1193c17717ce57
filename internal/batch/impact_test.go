package batch

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

type change struct{ kind, clause, why string }

// TestImpact2020To2025 previews the renewal of a small register: what
// changes per municipality and why, and the counts per clause.
func TestImpact2020To2025(t *testing.T) {
	im, err := CompareReleases(context.Background(), ImpactOptions{From: openRelease(t, "2020.1"), To: openRelease(t, "2025.1"),
		Register: loadRegister(t, "testdata/impact.csv")})
	if err != nil {
		t.Fatal(err)
	}
	changes := func(i int) []change {
		var out []change
		for _, c := range im.Municipalities[i].Changes {
			out = append(out, change{string(c.Kind), c.Clause, c.Why})
		}
		return out
	}
	opwijk := []change{
		{"text", "definities", "msg.impact.text from=1 to=2"},
		{"text", "verbintenissen_agii", "msg.impact.text from=1 to=2"},
		{"params", "contactpersonen", "msg.impact.param from=30 name=meldingstermijn_dagen to=14"},
		{"text", "gegevensuitwisseling", "msg.impact.text from=1 to=2"},
		{"params", "gegevensuitwisseling", "msg.impact.param from= name=protocol_status to=in_voorbereiding"},
		{"added", "inburgeringsplicht", "why.mandatory by= condition= values=; msg.impact.was release=2020.1 why=why.condition_false by= condition=inburgeraars_per_jaar > 0 values=inburgeraars_per_jaar = 0"},
		{"moved", "verwerking_persoonsgegevens", "msg.impact.moved from=ocmw to=slot"},
		{"removed", "overgangsbepaling", "msg.impact.dropped_from_release release=2025.1"},
		{"recitals", "", "msg.impact.recitals from=2020.1 to=2025.1"},
	}
	if got := changes(0); !reflect.DeepEqual(got, opwijk) {
		t.Errorf("Opwijk:\n%v\nwant\n%v", got, opwijk)
	}
	// Leuven sets meldingstermijn_dagen itself: contactpersonen v2 changes nothing but its version.
	leuven := changes(1)
	if leuven[2] != (change{"version", "contactpersonen", "msg.impact.version from=1 to=2"}) ||
		leuven[5] != (change{"text", "inburgeringsplicht", "msg.impact.text from=1 to=2"}) {
		t.Errorf("Leuven: %v", leuven)
	}
	m := im.Municipalities
	if want := (ChangeCounts{Added: 1, Removed: 1, Text: 4, Params: 2, Moved: 1}); m[0].Counts != want {
		t.Errorf("Opwijk counts %+v, want %+v", m[0].Counts, want)
	}
	if m[2].From.Status != OK || m[2].To.Status != Merged || m[2].To.MergedInto != "73111 Tongeren-Borgloon" || !m[2].Changed || len(m[2].Changes) != 0 {
		t.Errorf("Tongeren: %+v", m[2])
	}
	if m[3].From.Status != NotServed || m[3].To.Status != NotServed || m[3].Changed {
		t.Errorf("Antwerpen: %+v", m[3])
	}
	if m[4].From.Status != Failed || !strings.Contains(m[4].To.Error, "testdata/impact.csv:6:") {
		t.Errorf("Brugge: %+v", m[4])
	}
	want := ImpactTotals{Municipalities: 5, Changed: 3, Unchanged: 2, Failed: 1, Transitions: map[string]int{"ok → merged": 1}}
	if !reflect.DeepEqual(im.Totals, want) {
		t.Errorf("totals %+v, want %+v", im.Totals, want)
	}
	clauses := map[string]ClauseImpact{}
	for _, c := range im.Clauses {
		clauses[c.Clause] = c
	}
	for _, want := range []ClauseImpact{
		{Clause: "inburgeringsplicht", FromVersion: 1, ToVersion: 2, ChangeCounts: ChangeCounts{Added: 1, Text: 1}, Municipalities: 2},
		{Clause: "contactpersonen", FromVersion: 1, ToVersion: 2, ChangeCounts: ChangeCounts{Params: 1, Version: 1}, Municipalities: 2},
		{Clause: "overgangsbepaling", FromVersion: 1, ChangeCounts: ChangeCounts{Removed: 2}, Municipalities: 2},
		{Clause: "verwerking_persoonsgegevens", FromVersion: 1, ToVersion: 2, ChangeCounts: ChangeCounts{Moved: 2}, Municipalities: 2},
		{Clause: "", ChangeCounts: ChangeCounts{Text: 2}, Municipalities: 2},
	} {
		if got := clauses[want.Clause]; got != want {
			t.Errorf("clause %q: %+v, want %+v", want.Clause, got, want)
		}
	}
	if len(im.Clauses) != 8 {
		t.Errorf("%d clauses changed, want 8: %+v", len(im.Clauses), im.Clauses)
	}
}

// TestImpactSameRelease: a release compared with itself changes nothing.
func TestImpactSameRelease(t *testing.T) {
	d := openRelease(t, "2025.1")
	im, err := CompareReleases(context.Background(), ImpactOptions{From: d, To: d, Register: loadRegister(t, mixed)})
	if err != nil {
		t.Fatal(err)
	}
	if im.Totals.Changed != 0 || len(im.Clauses) != 0 {
		t.Errorf("totals %+v, clauses %+v", im.Totals, im.Clauses)
	}
}
