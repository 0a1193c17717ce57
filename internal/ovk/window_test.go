package ovk

import (
	"strings"
	"testing"

	"github.com/agii/ovk/internal/l10n"
)

// TestVerifyWindow: under a release whose window does not hold its date a
// PDF cannot be redrafted, and the error names the release to use; bytes
// that are no ovk PDF are an InvalidPDF error, an unknown release one of
// its own.
func TestVerifyWindow(t *testing.T) {
	nl := l10n.For("nl").T
	cat, err := Open(twoReleases(nil))
	if err != nil {
		t.Fatal(err)
	}
	a, err := cat.Prepare("", datedProfile(t, "2026-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := a.Bytes(PDF)
	if err != nil {
		t.Fatal(err)
	}

	res, err := cat.Verify("", "a.pdf", pdf, nl)
	if err != nil || res.Outcome != Identical || res.Release != "2026.1" || res.Schema != SchemaVerify {
		t.Fatalf("fresh PDF: %+v, %v", res, err)
	}

	res, err = cat.Verify("2025.1", "a.pdf", pdf, nl)
	if err != nil || res.Outcome != CannotRedraft || res.Error == nil || ErrorCode(res.Err) != Invalid ||
		!strings.Contains(res.Error.Details[0].Message, "--release 2026.1") {
		t.Fatalf("under 2025.1: %+v, %v", res, err)
	}

	if _, err := cat.Verify("", "x.pdf", []byte("%PDF-1.4 nothing"), nl); ErrorCode(err) != InvalidPDF {
		t.Errorf("not an ovk PDF: %v", err)
	}
	if _, err := cat.Verify("1999", "a.pdf", pdf, nl); ErrorCode(err) != UnknownRelease {
		t.Errorf("unknown release: %v", err)
	}
}

// TestSides: a profile drafted under two releases and the PDF of one of
// them compare as the same agreement where nothing changed.
func TestSides(t *testing.T) {
	cat, err := Open(twoReleases(nil))
	if err != nil {
		t.Fatal(err)
	}
	p := datedProfile(t, "2026-03-20")
	old, err := cat.SideFromProfile("2025.1", p, "p.toml") // past its window: a comparison may
	if err != nil {
		t.Fatal(err)
	}
	a, _ := cat.Prepare("2026.1", p)
	pdf, _ := a.Bytes(PDF)
	fromPDF, err := SideFromPDF("a.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Diff(old, fromPDF)
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary.Changed != 0 || r.Summary.Added != 0 || r.Summary.Removed != 0 || r.Summary.Unchanged == 0 {
		t.Errorf("same clauses under both test releases: %+v", r.Summary)
	}
	if _, err := SideFromPDF("x.pdf", []byte("garbage")); ErrorCode(err) != InvalidPDF {
		t.Errorf("garbage: %v", err)
	}
}
