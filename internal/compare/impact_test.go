package compare

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/register"
)

func openRelease(t testing.TB, name string) *draft.Drafter {
	t.Helper()
	d, err := draft.OpenEmbedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func loadRegister(t testing.TB, path string) *register.Register {
	t.Helper()
	r, err := register.Load(path, "")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

type change struct{ status, clause, why string }

// TestImpact2020To2025 previews the renewal of a small register: what
// changes per municipality and why, and the counts per clause.
func TestImpact2020To2025(t *testing.T) {
	im, err := Impact(context.Background(), ImpactOptions{From: openRelease(t, "2020.1"), To: openRelease(t, "2025.1"),
		Register: loadRegister(t, "testdata/impact.csv")})
	if err != nil {
		t.Fatal(err)
	}
	changes := func(i int) []change {
		var out []change
		for _, c := range im.Municipalities[i].Changes {
			if c.Status != Renumbered {
				out = append(out, change{string(c.Status), c.Clause + c.Part, c.Why})
			}
		}
		return out
	}
	opwijk := []change{
		{"changed", "definities", "msg.impact.text from=1 to=2"},
		{"changed", "verbintenissen_agii", "msg.impact.text from=1 to=2"},
		{"value_changed", "contactpersonen", "msg.impact.param from=30 name=meldingstermijn_dagen to=14"},
		{"changed", "gegevensuitwisseling", "msg.impact.text from=1 to=2; msg.impact.param from= name=protocol_status to=in_voorbereiding"},
		{"added", "inburgeringsplicht", "why.mandatory by= condition= values=; msg.impact.was release=2020.1 why=why.condition_false by= condition=inburgeraars_per_jaar > 0 values=inburgeraars_per_jaar = 0"},
		{"moved", "verwerking_persoonsgegevens", "msg.impact.moved from=Samenwerking inzake inburgering met het lokaal bestuur en het OCMW to=Slotbepalingen"},
		{"removed", "overgangsbepaling", "msg.impact.dropped_from_release release=2025.1"},
		{"changed", "recitals", "msg.impact.part.recitals from=2020.1 to=2025.1"},
	}
	if got := changes(0); !reflect.DeepEqual(got, opwijk) {
		t.Errorf("Opwijk:\n%v\nwant\n%v", got, opwijk)
	}
	// Leuven sets meldingstermijn_dagen itself: contactpersonen v2 changes nothing but its version.
	leuven := changes(1)
	if leuven[2] != (change{"version_only", "contactpersonen", "msg.impact.version from=1 to=2"}) ||
		leuven[4] != (change{"changed", "inburgeringsplicht", "msg.impact.text from=1 to=2"}) {
		t.Errorf("Leuven: %v", leuven)
	}
	m := im.Municipalities
	if want := (Summary{Added: 1, Removed: 1, Changed: 4, ValueChanged: 1, Moved: 1, Renumbered: 6}); m[0].Counts != want {
		t.Errorf("Opwijk counts %+v, want %+v", m[0].Counts, want)
	}
	if m[2].From.Status != batch.OK || m[2].To.Status != batch.Merged || m[2].To.MergedInto != "73111 Tongeren-Borgloon" || !m[2].Changed || len(m[2].Changes) != 0 {
		t.Errorf("Tongeren: %+v", m[2])
	}
	if m[3].From.Status != batch.NotServed || m[3].To.Status != batch.NotServed || m[3].Changed {
		t.Errorf("Antwerpen: %+v", m[3])
	}
	if m[4].From.Status != batch.Failed || !strings.Contains(m[4].To.Error, "testdata/impact.csv:6:") {
		t.Errorf("Brugge: %+v", m[4])
	}
	want := ImpactTotals{Municipalities: 5, Changed: 3, Unchanged: 2, Failed: 1, Transitions: map[string]int{"ok → merged": 1}}
	if !reflect.DeepEqual(im.Totals, want) {
		t.Errorf("totals %+v, want %+v", im.Totals, want)
	}
	clauses := map[string]ClauseImpact{}
	for _, c := range im.Clauses {
		clauses[c.Clause+c.Part] = c
	}
	for _, want := range []ClauseImpact{
		{Clause: "inburgeringsplicht", FromVersion: 1, ToVersion: 2, Counts: Summary{Added: 1, Changed: 1}, Municipalities: 2},
		{Clause: "contactpersonen", FromVersion: 1, ToVersion: 2, Counts: Summary{ValueChanged: 1, VersionOnly: 1}, Municipalities: 2},
		{Clause: "overgangsbepaling", FromVersion: 1, Counts: Summary{Removed: 2}, Municipalities: 2},
		{Clause: "verwerking_persoonsgegevens", FromVersion: 1, ToVersion: 2, Counts: Summary{Moved: 2}, Municipalities: 2},
		{Part: "recitals", Counts: Summary{Changed: 2}, Municipalities: 2},
		{Clause: "doorverwijzing", FromVersion: 1, ToVersion: 1, Counts: Summary{Renumbered: 2}, Municipalities: 2},
	} {
		if got := clauses[want.Clause+want.Part]; got != want {
			t.Errorf("clause %q: %+v, want %+v", want.Clause+want.Part, got, want)
		}
	}
}

// TestImpactSameRelease: a release compared with itself changes nothing.
func TestImpactSameRelease(t *testing.T) {
	d := openRelease(t, "2025.1")
	im, err := Impact(context.Background(), ImpactOptions{From: d, To: d, Register: loadRegister(t, "testdata/impact.csv")})
	if err != nil {
		t.Fatal(err)
	}
	if im.Totals.Changed != 0 || len(im.Clauses) != 0 {
		t.Errorf("totals %+v, clauses %+v", im.Totals, im.Clauses)
	}
}
