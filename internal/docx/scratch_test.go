package docx_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/docx"
)

func TestScratch(t *testing.T) {
	dir := os.Getenv("DOCX_SCRATCH")
	if dir == "" {
		t.Skip()
	}
	for name, f := range examples(t) {
		var b bytes.Buffer
		if err := docx.Render(&b, assemble(t, f, "")); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name+".docx", b.Bytes())
	}
	rl, _ := agreementRedline(t, examples(t)["23027-halle"], "2020.1", "2025.1")
	var b bytes.Buffer
	if err := docx.RenderRedline(&b, rl); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "redline-halle.docx", b.Bytes())
}

func TestScratchOld(t *testing.T) {
	dir := os.Getenv("DOCX_SCRATCH")
	if dir == "" {
		t.Skip()
	}
	rl, _ := agreementRedline(t, examples(t)["23027-halle"], "2020.1", "2025.1")
	for name, d := range map[string]any{"old": rl.Old, "new": rl.New} {
		var b bytes.Buffer
		if err := docx.Render(&b, d.(*document.Document)); err != nil {
			t.Fatal(err)
		}
		writeFile(t, dir, name+".docx", b.Bytes())
	}
}
