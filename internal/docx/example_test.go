package docx_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/ovk"
)

// examples returns the example profiles (examples/*.toml) by name.
func examples(t testing.TB) map[string]string {
	files, err := filepath.Glob("../../examples/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	out := map[string]string{}
	for _, f := range files {
		out[strings.TrimSuffix(filepath.Base(f), ".toml")] = f
	}
	return out
}

var catalog = sync.OnceValues(func() (*ovk.Catalog, error) { return ovk.Open(ovk.Embedded) })

// drafter returns the drafter of a release of the embedded library ("" for
// the default), without the release's validity window: the tests draft the
// examples under older releases too.
func drafter(t testing.TB, release string) *draft.Drafter {
	t.Helper()
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	d, err := c.Drafter(release)
	if err != nil {
		t.Fatal(err)
	}
	return d.Unbounded()
}

// assemble drafts an example under a release ("" for the default).
func assemble(t testing.TB, file, release string) *document.Document {
	t.Helper()
	p, err := ovk.LoadProfile(file)
	if err != nil {
		t.Fatal(err)
	}
	res, err := drafter(t, release).Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	return res.Doc
}

func writeFile(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// side drafts a profile under a release as one side of a comparison, as
// "ovk diff" does.
func side(t testing.TB, release, file string) (*ovk.Side, error) {
	t.Helper()
	c, err := catalog()
	if err != nil {
		t.Fatal(err)
	}
	return c.SideFromProfileFile(release, file)
}

// redlineOf compares two sides into the redline package ovk gives docx.
func redlineOf(t testing.TB, old, new *ovk.Side, release string) (*docx.Redline, *compare.Report) {
	t.Helper()
	r, err := ovk.Diff(old, new)
	if err != nil {
		t.Fatal(err)
	}
	return ovk.RedlineDOCX(r, effective(drafter(t, release))), r
}

// agreementRedline compares a profile drafted under two releases; nil when
// it does not draft under both.
func agreementRedline(t testing.TB, file, from, to string) (*docx.Redline, *compare.Report) {
	t.Helper()
	old, err := side(t, from, file)
	if err != nil {
		return nil, nil
	}
	new, err := side(t, to, file)
	if err != nil {
		return nil, nil
	}
	return redlineOf(t, old, new, to)
}

// effective is the effective date of a drafter's release.
func effective(d *draft.Drafter) time.Time {
	e := d.Lib.Effective
	return time.Date(e.Year, e.Month, e.Day, 0, 0, 0, 0, time.UTC)
}

// profileRedline compares two profiles under one release.
func profileRedline(t testing.TB, oldFile, newFile, release string) *docx.Redline {
	t.Helper()
	old, err := side(t, release, oldFile)
	if err != nil {
		t.Fatal(err)
	}
	new, err := side(t, release, newFile)
	if err != nil {
		t.Fatal(err)
	}
	rl, _ := redlineOf(t, old, new, release)
	return rl
}

// releasesRedline compares two releases.
func releasesRedline(t testing.TB, from, to string) (*docx.Redline, *compare.Report) {
	r := compare.Releases(drafter(t, from).Lib, drafter(t, to).Lib)
	return ovk.RedlineDOCX(r, time.Time{}), r
}
