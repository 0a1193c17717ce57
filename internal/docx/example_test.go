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

// agreementRedline compares an example drafted under two releases; nil
// when the profile does not draft under both.
func agreementRedline(t testing.TB, file, from, to string) (*docx.Redline, *compare.Report) {
	t.Helper()
	p, err := ovk.LoadProfile(file)
	if err != nil {
		t.Fatal(err)
	}
	var docs [2]*document.Document
	var sides [2]*compare.Agreement
	for i, rel := range []string{from, to} {
		d := drafter(t, rel)
		res, err := d.Prepare(p)
		if err != nil {
			return nil, nil // the profile does not draft under this release
		}
		docs[i] = res.Doc
		sides[i] = compare.FromDocument(compare.SideProfile, filepath.Base(file), res.Doc, p)
	}
	r, err := compare.Documents(sides[0], sides[1])
	if err != nil {
		t.Fatal(err)
	}
	return ovk.RedlineDOCX(r, effective(drafter(t, to))), r
}

// effective is the effective date of a drafter's release.
func effective(d *draft.Drafter) time.Time {
	e := d.Lib.Effective
	return time.Date(e.Year, e.Month, e.Day, 0, 0, 0, 0, time.UTC)
}

// profileRedline compares two profiles under one release.
func profileRedline(t testing.TB, oldFile, newFile, release string) *docx.Redline {
	t.Helper()
	d := drafter(t, release)
	var docs [2]*document.Document
	var sides [2]*compare.Agreement
	for i, f := range []string{oldFile, newFile} {
		p, err := ovk.LoadProfile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = res.Doc
		sides[i] = compare.FromDocument(compare.SideProfile, filepath.Base(f), res.Doc, p)
	}
	r, err := compare.Documents(sides[0], sides[1])
	if err != nil {
		t.Fatal(err)
	}
	return ovk.RedlineDOCX(r, effective(d))
}

// releasesRedline compares two releases.
func releasesRedline(t testing.TB, from, to string) (*docx.Redline, *compare.Report) {
	r := compare.Releases(drafter(t, from).Lib, drafter(t, to).Lib)
	return ovk.RedlineDOCX(r, time.Time{}), r
}
