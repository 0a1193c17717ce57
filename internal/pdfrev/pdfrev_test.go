package pdfrev_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdfrev"
	"github.com/agii/ovk/internal/testlib"
)

func drafted(t testing.TB) []byte {
	t.Helper()
	cat, err := ovk.Open(ovk.Embedded)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ovk.LoadProfile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := cat.Draft(&b, "", p, ovk.PDF); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestUpdates(t *testing.T) {
	pdf := drafted(t)
	signed := testlib.AppendSignature(t, pdf, "Jan Janssens", "20260301", false)
	qpdf := testlib.NeedTool(t, "qpdf", "apt-get install qpdf")
	f := filepath.Join(t.TempDir(), "signed.pdf")
	os.WriteFile(f, signed, 0o644)
	if out, err := exec.Command(qpdf, "--check", f).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check of the signed copy: %v\n%s", err, out)
	}
	revs, err := pdfrev.Updates(signed, len(pdf))
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 1 || revs[0].Number != 2 || len(revs[0].Signatures) != 1 || revs[0].Signatures[0].Name != "Jan Janssens" ||
		revs[0].Signatures[0].SignedOn != "2026-03-01" || len(revs[0].ChangesContent) != 0 {
		t.Fatalf("%+v", revs)
	}
	if got := revs[0].Annotations; len(got) != 2 || got[0] != "Text" || got[1] != "Widget" {
		t.Errorf("annotations %v", got)
	}
	// Two signatures, one after the other: two revisions.
	twice := testlib.AppendSignature(t, signed, "Piet Peeters", "20260302", false)
	if revs, err := pdfrev.Updates(twice, len(pdf)); err != nil || len(revs) != 2 || revs[1].Signatures[0].Name != "Piet Peeters" {
		t.Errorf("two signatures: %v %+v", err, revs)
	}
	// An update that replaces the page's content changes what it shows.
	edited := testlib.AppendSignature(t, pdf, "Jan Janssens", "20260301", true)
	if revs, err := pdfrev.Updates(edited, len(pdf)); err != nil || !pdfrev.ChangesContent(revs) {
		t.Errorf("edited: %v %+v", err, revs)
	}
	// Bytes after the PDF that are no update.
	if _, err := pdfrev.Updates(append(bytes.Clone(pdf), "garbage"...), len(pdf)); err == nil {
		t.Error("trailing garbage read as an update")
	}
}
