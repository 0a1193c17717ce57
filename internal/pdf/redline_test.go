package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
)

func testRedline(rows int) *document.Redline {
	r := &document.Redline{
		Title:    "Vergelijking van twee overeenkomsten",
		Subtitle: "0 toegevoegd, 0 geschrapt, 1 gewijzigd",
		Facts:    []document.RedlineFact{{Label: "Oud", Value: "PDF oud.pdf: AgII-OVK-2026-23060"}, {Label: "Nieuw", Value: "PDF nieuw.pdf"}},
		Summary: document.RedlineTable{Title: "Overzicht van de wijzigingen", Header: []string{"Oud", "Nieuw", "Onderdeel", "Wijziging"},
			Empty: "Geen wijzigingen."},
		Sections: []document.RedlineSection{{
			Heading: "Artikel 5 → artikel 6: Contactpersonen (contactpersonen)",
			Notes:   []string{"hernummerd: artikel 5 → artikel 6", "waarde meldingstermijn_dagen: 30 → 14"},
			Text: []worddiff.Segment{
				{Op: worddiff.Equal, Text: "§ 1. De contactpersoon van het lokaal bestuur is "},
				{Op: worddiff.Delete, Text: "Zoë Çelik"},
				{Op: worddiff.Insert, Text: "Łukasz Wróblewski"},
				{Op: worddiff.Equal, Text: ", bereikbaar per e-mail.\n\n§ 2. Zij meldt een wijziging uiterlijk op de "},
				{Op: worddiff.Delete, Text: "30e"},
				{Op: worddiff.Insert, Text: "14e"},
				{Op: worddiff.Equal, Text: " dag na de wijziging:\n1° schriftelijk;"},
				{Op: worddiff.Insert, Text: "\n2° per e-mail;"},
			},
		}},
		Legend:    "Doorgehaald in rood: geschrapt. Onderstreept in groen: toegevoegd.",
		Footer:    "AgII-OVK-2026-23060 (2020.1) → AgII-OVK-2026-23060 (2025.1)",
		PageLabel: "Pagina %d van %d",
		Meta:      document.RedlineMeta{Title: "Vergelijking", Subject: "oud → nieuw", Author: "ovk", Language: "nl-BE"},
	}
	for i := 1; i <= rows; i++ {
		r.Summary.Rows = append(r.Summary.Rows, []string{fmt.Sprintf("artikel %d", i), fmt.Sprintf("artikel %d", i+1),
			fmt.Sprintf("Clausule nummer %d (clausule_%d)", i, i), "ongewijzigd: hernummerd"})
	}
	return r
}

func renderRedline(t *testing.T, r *document.Redline) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := RenderRedline(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// redlineText returns the text layer of a PDF, page by page, or skips the
// test without pdftotext.
func redlineText(t *testing.T, b []byte) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	file := filepath.Join(t.TempDir(), "redline.pdf")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f\n"), "\f")
}

func TestRedlineDeterministic(t *testing.T) {
	a, b := renderRedline(t, testRedline(3)), renderRedline(t, testRedline(3))
	if !bytes.Equal(a, b) || !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatal("two renders of the same redline differ")
	}
}

func TestRedlineText(t *testing.T) {
	pages := redlineText(t, renderRedline(t, testRedline(3)))
	if len(pages) != 1 {
		t.Fatalf("%d pages", len(pages))
	}
	text := strings.Join(strings.Fields(pages[0]), " ")
	for _, want := range []string{"Vergelijking van twee overeenkomsten", "Oud: PDF oud.pdf", "Overzicht van de wijzigingen",
		"artikel 3 artikel 4", "Artikel 5 → artikel 6: Contactpersonen", "waarde meldingstermijn_dagen: 30 → 14",
		"bestuur is Zoë Çelik Łukasz Wróblewski, bereikbaar", "op de 30e 14e dag", "2° per e-mail;", "Pagina 1 van 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
}

// TestRedlineLongTable continues a long summary table on the next page
// under a repeated header row.
func TestRedlineLongTable(t *testing.T) {
	pages := redlineText(t, renderRedline(t, testRedline(80)))
	if len(pages) < 2 {
		t.Fatalf("%d pages", len(pages))
	}
	if !strings.Contains(pages[0], "artikel 1 ") || !strings.Contains(pages[1], "Onderdeel") ||
		!strings.Contains(pages[len(pages)-1], fmt.Sprintf("Pagina %d van %d", len(pages), len(pages))) {
		t.Errorf("pages:\n%s", strings.Join(pages, "\n----\n"))
	}
	joined := strings.Join(pages, "\n")
	for i := 1; i <= 80; i++ {
		if !strings.Contains(joined, fmt.Sprintf("(clausule_%d)", i)) {
			t.Errorf("row %d missing", i)
		}
	}
}

// TestRedlineHostileText renders text the font cannot show, invalid UTF-8
// and control characters without panicking.
func TestRedlineHostileText(t *testing.T) {
	r := testRedline(1)
	r.Title = "Emoji 😀 en \x00\x07 controle"
	r.Sections[0].Text = append(r.Sections[0].Text, worddiff.Segment{Op: worddiff.Delete, Text: "ongeldig \xff\xfe UTF-8 en 𝔘"},
		worddiff.Segment{Op: worddiff.Insert, Text: strings.Repeat("heelllangwoordzonderspaties", 12)})
	r.Summary.Rows = append(r.Summary.Rows, []string{"", "", "", "", "te veel cellen"}, nil)
	b := renderRedline(t, r)
	text := strings.Join(redlineText(t, b), "\n")
	if !strings.Contains(text, "Emoji ? en ?? controle") {
		t.Errorf("title not replaced:\n%s", text)
	}
}

func TestRedlineEmptyAndNil(t *testing.T) {
	if err := RenderRedline(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil redline: no error")
	}
	b := renderRedline(t, &document.Redline{Summary: document.RedlineTable{Header: []string{"a", "b", "c", "d"}, Empty: "Geen wijzigingen."}})
	if !strings.Contains(strings.Join(redlineText(t, b), ""), "Geen wijzigingen.") {
		t.Error("empty table not shown")
	}
}

func TestRedlineQPDF(t *testing.T) {
	bin, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed")
	}
	file := filepath.Join(t.TempDir(), "redline.pdf")
	if err := os.WriteFile(file, renderRedline(t, testRedline(80)), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--check", file).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
