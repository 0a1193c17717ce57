package compare

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"testing"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

// shippedPairs returns the shipped releases in order of their effective
// date, as consecutive pairs: the renewals a user runs.
func shippedPairs(t *testing.T) [][2]*draft.Drafter {
	t.Helper()
	var rels []*draft.Drafter
	headers, _ := fs.Glob(clauses.FS, "*/library.toml")
	for _, h := range headers {
		rels = append(rels, openRelease(t, path.Dir(h)))
	}
	sort.SliceStable(rels, func(i, j int) bool { return rels[i].Lib.Effective.Before(rels[j].Lib.Effective) })
	var pairs [][2]*draft.Drafter
	for i := 1; i < len(rels); i++ {
		pairs = append(pairs, [2]*draft.Drafter{rels[i-1], rels[i]})
	}
	if len(pairs) == 0 {
		t.Fatal("fewer than two shipped releases")
	}
	return pairs
}

// profilesFor is the register a renewal from release rel starts from: the
// examples, which are dated for the period 2026-2031, or, for an older
// release, the examples moved to its own period in testdata/profiles/REL.
func profilesFor(rel string) string {
	if dir := "testdata/profiles/" + rel; isDir(dir) {
		return dir
	}
	return "../../examples"
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// statusesOf lists per clause (and part outside the articles) the status
// of every change a report found.
func statusesOf(r *Report) map[string]Status {
	out := map[string]Status{}
	for _, c := range ChangesOf(r, func(string, map[string]any) string { return "" }) {
		out[c.Clause+c.Part] = c.Status
	}
	return out
}

// TestDiffImpactVerifyAgree drafts every example under both releases of
// every shipped release pair, and asks the three questions of a renewal:
// diff (the profile under the old and under the new release), impact (the
// register of all examples), and verify (the PDF drafted under the old
// release, verified under the new one, as written today and as an old
// ovk-manifest/1 PDF). All must report the same change per clause.
func TestDiffImpactVerifyAgree(t *testing.T) {
	seen := map[Status]bool{}
	for _, pair := range shippedPairs(t) {
		from, to := pair[0], pair[1]
		name := from.Lib.Version + "→" + to.Lib.Version
		reg := loadRegister(t, profilesFor(from.Lib.Version))
		im, err := Impact(context.Background(), ImpactOptions{From: from, To: to, Register: reg})
		if err != nil {
			t.Fatal(err)
		}
		compared := 0
		for i, e := range reg.Entries {
			mi := im.Municipalities[i]
			if mi.From.Status != batch.OK || mi.To.Status != batch.OK {
				continue // not served, merged, or not valid under one of the releases
			}
			compared++
			label := fmt.Sprintf("%s %s", name, e.Source)
			old, err := from.Prepare(e.Profile)
			if err != nil {
				t.Fatal(err)
			}
			cur, err := to.Prepare(e.Profile)
			if err != nil {
				t.Fatal(err)
			}
			diff, err := Documents(FromDraft(SideProfile, e.Source, e.Profile, old.Selection, old.Doc),
				FromDraft(SideProfile, e.Source, e.Profile, cur.Selection, cur.Doc))
			if err != nil {
				t.Fatal(err)
			}
			want := statusesOf(diff)
			for _, s := range want {
				seen[s] = true
			}
			impact := map[string]Status{}
			for _, c := range mi.Changes {
				impact[c.Clause+c.Part] = c.Status
			}
			if got := fmt.Sprint(impact); got != fmt.Sprint(want) {
				t.Errorf("%s: impact says\n%s\ndiff says\n%s", label, got, fmt.Sprint(want))
			}

			data, err := draft.Bytes(old.Doc, draft.PDF)
			if err != nil {
				t.Fatal(err)
			}
			emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			p, err := profile.Parse(e.Source+"#"+emb.ProfileName, emb.Profile)
			if err != nil {
				t.Fatal(err)
			}
			again, err := to.Prepare(p)
			if err != nil {
				t.Fatal(err)
			}
			today := FromDraft(SideProfile, e.Source, p, again.Selection, again.Doc)
			v1 := testlib.ManifestV1(old.Doc)
			for kind, m := range map[string]*document.Manifest{"verify": &emb.Manifest, "verify of an ovk-manifest/1 PDF": &v1} {
				v, err := Verify(FromManifest(SidePDF, e.Source, m, p), today, false)
				if err != nil {
					t.Fatalf("%s: %s: %v", label, kind, err)
				}
				if got := fmt.Sprint(statusesOf(v.Report)); got != fmt.Sprint(want) {
					t.Errorf("%s: %s says\n%s\ndiff says\n%s", label, kind, got, fmt.Sprint(want))
				}
				if len(want) > 0 && v.Outcome != Differs {
					t.Errorf("%s: %s: outcome %s", label, kind, v.Outcome)
				}
			}
		}
		if compared < 5 {
			t.Errorf("%s: only %d municipalities drafted under both releases", name, compared)
		}
		t.Logf("%s: %d municipalities compared", name, compared)
	}
	var kinds []string
	for s := range seen {
		kinds = append(kinds, string(s))
	}
	sort.Strings(kinds)
	t.Logf("statuses seen: %s", strings.Join(kinds, " "))
	for _, s := range []Status{Added, Removed, Changed, ValueChanged, Moved, Renumbered} {
		if !seen[s] {
			t.Errorf("no pair shows a clause %s; the test would not see a disagreement there", s)
		}
	}
}

// TestReflowWithNewVersion is the edit of the structure review (7.1): a
// clause gets a new version and one line break of its source moves, so
// that the rendered text is the same. The release diff, the agreement diff,
// impact and verify all call it "version only".
func TestReflowWithNewVersion(t *testing.T) {
	oldD, err := draft.Open(testlib.FS(nil), "oud")
	if err != nil {
		t.Fatal(err)
	}
	newD, err := draft.Open(testlib.FS(map[string]string{"ocmw.toml": reflowedOCMW}), "nieuw")
	if err != nil {
		t.Fatal(err)
	}
	if got := clauseDiff(t, Releases(oldD.Lib, newD.Lib), "ocmw").Status; got != VersionOnly {
		t.Errorf("release diff: %s", got)
	}

	dir := t.TempDir()
	if err := os.WriteFile(dir+"/23060-opwijk.toml", []byte(testlib.Profile), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := loadRegister(t, dir)
	p := reg.Entries[0].Profile
	old, err := oldD.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	cur, err := newD.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Status{"ocmw": VersionOnly}
	r, err := Documents(FromDraft(SideProfile, "p", p, old.Selection, old.Doc), FromDraft(SideProfile, "p", p, cur.Selection, cur.Doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := statusesOf(r); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("agreement diff: %v", got)
	}

	im, err := Impact(context.Background(), ImpactOptions{From: oldD, To: newD, Register: reg})
	if err != nil {
		t.Fatal(err)
	}
	impact := map[string]Status{}
	for _, c := range im.Municipalities[0].Changes {
		impact[c.Clause+c.Part] = c.Status
	}
	if fmt.Sprint(impact) != fmt.Sprint(want) || im.Clauses[0].Counts != (Summary{VersionOnly: 1}) {
		t.Errorf("impact: %v, %+v", impact, im.Clauses)
	}

	data, err := draft.Bytes(old.Doc, draft.PDF)
	if err != nil {
		t.Fatal(err)
	}
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	v, err := Verify(FromManifest(SidePDF, "p.pdf", &emb.Manifest, p), FromDraft(SideProfile, "p", p, cur.Selection, cur.Doc), false)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusesOf(v.Report); v.Outcome != Differs || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("verify: %s %v", v.Outcome, got)
	}
}
