package ovk

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

func TestEmbeddedReleasesLoad(t *testing.T) {
	cat, err := Open(Embedded)
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.All()) == 0 {
		t.Fatal("no embedded releases")
	}
	if probs := cat.Problems(); len(probs) > 0 {
		t.Errorf("problems of the embedded set: %v", probs)
	}
	for _, r := range cat.All() {
		if _, err := r.Drafter(); err != nil {
			t.Errorf("release %s:\n%v", r.Folder, err)
		}
	}
}

// twoReleases is a library of the test releases 2025.1 (in force from
// 2025-01-01) and 2026.1 (from 2026-01-01), plus more folders.
func twoReleases(more map[string]string) Source {
	fsys := fstest.MapFS{}
	add := func(folder, version, effective string) {
		for name, f := range testlib.FS(nil) {
			fsys[folder+"/"+name] = f
		}
		h := strings.Replace(testlib.Header, `versie = "1.0"`, `versie = "`+version+`"`, 1)
		h = strings.Replace(h, `van_kracht = 2025-01-01`, `van_kracht = `+effective, 1)
		fsys[folder+"/library.toml"] = &fstest.MapFile{Data: []byte(h)}
	}
	add("2025.1", "2025.1", "2025-01-01")
	add("2026.1", "2026.1", "2026-01-01")
	for folder, spec := range more {
		version, effective, _ := strings.Cut(spec, "@")
		add(folder, version, effective)
	}
	return Source{FS: fsys, Root: "lib"}
}

func datedProfile(t *testing.T, date string) *profile.Profile {
	t.Helper()
	src := strings.Replace(testlib.Profile, "datum = 2026-03-20", "datum = "+date, 1)
	src = strings.Replace(src, "gemeenteraadsbesluit = 2026-02-24", "gemeenteraadsbesluit = 2024-01-01", 1)
	p, err := profile.Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestValidityWindow: a release drafts agreements dated from its effective
// date until the next release's; outside, it refuses at overeenkomst.datum
// and names the release to use.
func TestValidityWindow(t *testing.T) {
	cat, err := Open(twoReleases(nil))
	if err != nil {
		t.Fatal(err)
	}
	// Line and column of "datum = …" under [overeenkomst] in testlib.Profile.
	line := 1 + strings.Count(testlib.Profile[:strings.Index(testlib.Profile, "datum = 2026-03-20")], "\n")
	for _, tc := range []struct {
		release, date string
		wantID        string // "" for accepted
		wantOther     string
	}{
		{"2025.1", "2026-03-20", "err.release.window.after_use", "2026.1"},
		{"2026.1", "2026-03-20", "", ""},
		{"2025.1", "2025-12-31", "", ""},
		{"2025.1", "2025-01-01", "", ""},
		{"2026.1", "2025-12-31", "err.release.window.before_use", "2025.1"},
		{"2025.1", "2024-12-31", "err.release.window.before", ""},
		{"2026.1", "2031-01-01", "", ""},
	} {
		t.Run(tc.release+"@"+tc.date, func(t *testing.T) {
			d, err := cat.Drafter(tc.release)
			if err != nil {
				t.Fatal(err)
			}
			p := datedProfile(t, tc.date)
			_, err = d.Prepare(p)
			_, xerr := d.Explain(p)
			if tc.wantID == "" {
				if err != nil || xerr != nil {
					t.Fatalf("refused: %v / %v", err, xerr)
				}
				return
			}
			if xerr == nil {
				t.Error("explain accepted an agreement outside the window")
			}
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			pr := list[0]
			if pr.ID != tc.wantID || pr.Key != "overeenkomst.datum" || pr.File != "p.toml" || pr.Line != line || pr.Col == 0 {
				t.Errorf("problem %+v, want %s at p.toml:%d (overeenkomst.datum)", pr, tc.wantID, line)
			}
			if got, _ := pr.Args["other"].(string); got != tc.wantOther {
				t.Errorf("names release %q, want %q", got, tc.wantOther)
			}
			if ErrorCode(err) != Invalid {
				t.Errorf("code %s, want invalid", ErrorCode(err))
			}
			// Comparisons draft a profile under any release.
			if _, err := d.Unbounded().Prepare(p); err != nil {
				t.Errorf("unbounded drafter refused: %v", err)
			}
		})
	}
}

func TestCatalogLookup(t *testing.T) {
	cat, err := Open(twoReleases(map[string]string{"kopie": "2025.1@2025-01-01", "oud": "2020.1@2020-01-01"}))
	if err != nil {
		t.Fatal(err)
	}
	def, _ := cat.Default()
	if def.Folder != "2026.1" {
		t.Errorf("default %s, want 2026.1 (newest by van_kracht)", def.Folder)
	}
	for name, folder := range map[string]string{"2025.1": "2025.1", "kopie": "kopie", "2020.1": "oud", "oud": "oud", "": "2026.1"} {
		r, err := cat.Release(name)
		if err != nil || r.Folder != folder {
			t.Errorf("Release(%q) = %v, %v; want folder %s", name, r, err, folder)
		}
	}
	_, err = cat.Release("1999")
	if ErrorCode(err) != UnknownRelease || !strings.Contains(err.Error(), "2020.1, 2025.1, 2026.1") {
		t.Errorf("unknown release: %v", err)
	}
	probs := cat.Problems()
	if len(probs) != 1 || probs[0].ID != "err.release.duplicate_version" || probs[0].File != "lib/kopie/library.toml" ||
		probs[0].Key != "versie" || probs[0].Line != 2 {
		t.Errorf("duplicate versions: %v", probs)
	}
	rels := cat.Releases()
	var names []string
	for _, r := range rels {
		names = append(names, r.Name+"("+r.Effective+".."+r.Until+")")
	}
	if got := strings.Join(names, " "); got != "2020.1(2020-01-01..2025-01-01) 2025.1(2025-01-01..2026-01-01) "+
		"2025.1(2025-01-01..2026-01-01) 2026.1(2026-01-01..)" {
		t.Errorf("releases: %s", got)
	}
	// Only the release drafted with is loaded.
	if _, err := cat.Drafter("2026.1"); err != nil {
		t.Fatal(err)
	}
	for _, r := range cat.All() {
		if loaded := r.d != nil; loaded != (r.Folder == "2026.1") {
			t.Errorf("release %s loaded: %v", r.Folder, loaded)
		}
	}
}
