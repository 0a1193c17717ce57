package library

import (
	"fmt"
	"strings"

	"github.com/agii/ovk/internal/diag"
)

// PrintedText is a text of the release that can end up in an agreement,
// with the key that holds it.
type PrintedText struct {
	Key  string
	Text string
	at   func(key, id string, args map[string]any) diag.Problem
}

// Problem builds a problem about the text, at its key.
func (t PrintedText) Problem(id string, args map[string]any) diag.Problem {
	return t.at(t.Key, id, args)
}

// PrintedTexts lists every text of the release that can end up in an
// agreement: header values, chapter titles, recitals, clause titles and
// texts, parameter defaults and choices, and the frame's parts.
func (lib *Library) PrintedTexts() []PrintedText {
	var out []PrintedText
	h := lib.Problem
	add := func(at func(string, string, map[string]any) diag.Problem, key, text string) {
		out = append(out, PrintedText{Key: key, Text: text, at: at})
	}
	for i, ch := range lib.Chapters {
		add(h, fmt.Sprintf("hoofdstuk[%d].titel", i), ch.Title)
	}
	for _, r := range lib.Recitals {
		add(h, "overwegingen", r.Src)
	}
	add(h, "agii.naam", lib.Agency.Name)
	add(h, "agii.zetel", lib.Agency.Seat)
	add(h, "agii.ondernemingsnummer", lib.Agency.CompanyNumber)
	for _, c := range lib.Clauses {
		f := c.Problem
		add(f, "titel", c.Title)
		if c.Body != nil {
			add(f, "tekst", c.Body.Src)
		}
		for _, p := range c.Params {
			if p.Default != nil {
				add(f, p.Key+".standaard", p.Default.Text)
			}
			for _, choice := range p.Choices {
				add(f, p.Key+".keuzes", choice)
			}
		}
	}
	if lib.Frame != nil {
		for _, part := range lib.Frame.Parts() {
			add(lib.Frame.Problem, part.Key, part.Text.Src)
		}
	}
	return out
}

// UnconfirmedMarker is the mark of a value nobody has checked. It must not
// be printed in an agreement: the doubt belongs in [[te_bevestigen]].
const UnconfirmedMarker = "TE BEVESTIGEN"

// checkMarkers reports every printed text that still holds the marker.
func (lib *Library) checkMarkers(probs *diag.List) {
	for _, t := range lib.PrintedTexts() {
		if strings.Contains(t.Text, UnconfirmedMarker) {
			probs.Add(t.Problem("err.text.unconfirmed_marker", diag.A("marker", UnconfirmedMarker)))
		}
	}
}

// Unconfirmed lists the header's values that a person must still confirm
// ([[te_bevestigen]] without bevestigd_door and bevestigd_op), each at the
// position of the value, as warnings (ID "warn.unconfirmed").
func (lib *Library) Unconfirmed() diag.List {
	var out diag.List
	for _, c := range lib.ToConfirm {
		if !c.Confirmed() {
			p := lib.Problem(c.Key, "warn.unconfirmed", diag.A("why", c.Why, "key", c.Key))
			if v := lib.header.ValuePos(c.Key); v.Line > 0 {
				p.Line, p.Col = v.Line, v.Col
			}
			out.Add(p)
		}
	}
	return out
}

// Escalate turns the warnings of values still to be confirmed into
// problems: under lint --streng a release or profile that has one is not
// approvable (ID "err.unconfirmed").
func Escalate(warnings diag.List) diag.List {
	out := make(diag.List, len(warnings))
	for i, w := range warnings {
		w.ID = "err.unconfirmed"
		out[i] = w
	}
	return out
}
