package batch

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/register"
	"github.com/agii/ovk/internal/rules"
)

// ChangeKind says how an agreement changes from one release to another.
type ChangeKind string

// The kinds of change.
const (
	Added    ChangeKind = "added"    // the clause comes in (new in the release, or a rule now selects it)
	Removed  ChangeKind = "removed"  // the clause goes out (dropped from the release, or a rule no longer selects it)
	Text     ChangeKind = "text"     // the clause's title or text changed
	Params   ChangeKind = "params"   // a parameter value in the clause changed (e.g. a new default)
	Moved    ChangeKind = "moved"    // the clause moved to another chapter
	Version  ChangeKind = "version"  // a new version of the clause with the same text and values here
	Recitals ChangeKind = "recitals" // the recitals ("Overwegende dat") changed; Clause is empty
)

// Change is one change of one municipality's agreement.
type Change struct {
	Clause string     `json:"clause,omitempty"`
	Kind   ChangeKind `json:"kind"`
	// FromVersion and ToVersion are the clause's versions (0: absent).
	FromVersion int `json:"from_version,omitempty"`
	ToVersion   int `json:"to_version,omitempty"`
	// Why explains the change in the user's language.
	Why string `json:"why"`
	// Rule is the code of the rule decision behind an added or removed
	// clause under the release it is in ("why.condition_true"…), or
	// "msg.impact.new_in_release" / "msg.impact.dropped_from_release".
	Rule   string        `json:"rule,omitempty"`
	Params []ParamChange `json:"params,omitempty"`
	// FromChapter and ToChapter are set for a moved clause.
	FromChapter string `json:"from_chapter,omitempty"`
	ToChapter   string `json:"to_chapter,omitempty"`
}

// ParamChange is a parameter whose rendered value changed.
type ParamChange struct {
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
}

// Outcome is a municipality's outcome under one release.
type Outcome struct {
	Status     Status   `json:"status"`
	MergedInto string   `json:"merged_into,omitempty"`
	Error      string   `json:"error,omitempty"`
	Clauses    []string `json:"clauses,omitempty"`
}

// MunicipalityImpact is what happens to one municipality's agreement.
type MunicipalityImpact struct {
	NIS     string  `json:"nis"`
	Name    string  `json:"name"`
	Source  string  `json:"source"`
	From    Outcome `json:"from"`
	To      Outcome `json:"to"`
	Changed bool    `json:"changed"`
	// Counts counts Changes by kind.
	Counts  ChangeCounts `json:"counts"`
	Changes []Change     `json:"changes"`
}

// ChangeCounts counts changes by kind; recitals count as text.
type ChangeCounts struct {
	Added   int `json:"added"`
	Removed int `json:"removed"`
	Text    int `json:"text"`
	Params  int `json:"params"`
	Moved   int `json:"moved"`
	Version int `json:"version"`
}

func (c *ChangeCounts) add(k ChangeKind) {
	switch k {
	case Added:
		c.Added++
	case Removed:
		c.Removed++
	case Text, Recitals:
		c.Text++
	case Params:
		c.Params++
	case Moved:
		c.Moved++
	case Version:
		c.Version++
	}
}

// ClauseImpact counts, per clause, the municipalities whose agreement it
// changes, by kind of change.
type ClauseImpact struct {
	Clause      string `json:"clause"` // "" for the recitals
	FromVersion int    `json:"from_version,omitempty"`
	ToVersion   int    `json:"to_version,omitempty"`
	ChangeCounts
	Municipalities int `json:"municipalities"`
}

// ImpactTotals sums up an impact.
type ImpactTotals struct {
	Municipalities int `json:"municipalities"`
	Changed        int `json:"changed"`
	Unchanged      int `json:"unchanged"`
	// Transitions counts status changes: "ok → merged": 27.
	Transitions map[string]int `json:"transitions"`
	Failed      int            `json:"failed"`
}

// Impact is the preview of moving a register from one release to another.
type Impact struct {
	Library        string               `json:"library"`
	From           string               `json:"from"`
	To             string               `json:"to"`
	Register       string               `json:"register"`
	Base           string               `json:"base,omitempty"`
	Totals         ImpactTotals         `json:"totals"`
	Clauses        []ClauseImpact       `json:"clauses"`
	Municipalities []MunicipalityImpact `json:"municipalities"`
}

// ImpactOptions configure an impact preview.
type ImpactOptions struct {
	From, To *draft.Drafter
	Register *register.Register
	// Workers bounds the profiles compared at once (0: runtime.GOMAXPROCS).
	Workers int
	// Describe turns an error into text (default: err.Error()).
	Describe func(error) string
	// Translate turns a message id with arguments into text (default:
	// diag.Untranslated).
	Translate diag.Translator
}

// CompareReleases drafts every profile of the register under both
// releases, without rendering, and reports per municipality and per
// clause what changes and why.
func CompareReleases(ctx context.Context, o ImpactOptions) (*Impact, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Describe == nil {
		o.Describe = func(err error) string { return err.Error() }
	}
	if o.Translate == nil {
		o.Translate = diag.Untranslated
	}
	entries := o.Register.Entries
	out := &Impact{Library: o.To.Lib.ID, From: o.From.Lib.Version, To: o.To.Lib.Version,
		Register: o.Register.Name, Base: o.Register.Base, Municipalities: make([]MunicipalityImpact, len(entries))}
	parallel(ctx, o.Workers, len(entries), func(i int) {
		out.Municipalities[i] = compareOne(o, entries[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out.summarize()
	return out, nil
}

func compareOne(o ImpactOptions, e *register.Entry) (mi MunicipalityImpact) {
	mi = MunicipalityImpact{NIS: e.NIS, Name: e.Name, Source: e.Source, Changes: []Change{}}
	defer func() {
		if r := recover(); r != nil {
			mi.To = Outcome{Status: Failed, Error: fmt.Sprint(r)}
			mi.Changed = true
		}
	}()
	if e.Err != nil {
		oc := Outcome{Status: Failed, Error: o.Describe(e.Err)}
		mi.From, mi.To = oc, oc
		return mi
	}
	ra, oa := prepare(o, o.From, e)
	rb, ob := prepare(o, o.To, e)
	mi.From, mi.To = oa, ob
	if ra != nil && rb != nil {
		mi.Changes = diffResults(o, ra, rb)
	}
	for _, c := range mi.Changes {
		mi.Counts.add(c.Kind)
	}
	mi.Changed = len(mi.Changes) > 0 || oa.Status != ob.Status
	return mi
}

func prepare(o ImpactOptions, d *draft.Drafter, e *register.Entry) (*draft.Result, Outcome) {
	res, err := d.Prepare(e.Profile)
	if err == nil {
		var set []string
		for _, c := range res.Doc.Meta.Manifest.Clauses {
			set = append(set, fmt.Sprintf("%s@%d", c.ID, c.Version))
		}
		return res, Outcome{Status: OK, Clauses: set}
	}
	it := &Item{}
	classify(it, err, o.Describe)
	return nil, Outcome{Status: it.Status, MergedInto: it.MergedInto, Error: it.Error}
}

// diffResults lists the changes from agreement a to agreement b: clauses in
// b's document order, then those only in a.
func diffResults(o ImpactOptions, a, b *draft.Result) []Change {
	libA, libB := a.Selection, b.Selection
	decA, decB := decisions(libA), decisions(libB)
	articlesA, articlesB := articles(a.Doc), articles(b.Doc)
	var out []Change
	why := func(d rules.Decision) string { return o.Translate(string(d.Why), d.Args()) }
	relA, relB := a.Doc.Meta.LibraryVersion, b.Doc.Meta.LibraryVersion
	visit := func(id string) {
		da, inLibA := decA[id]
		db, inLibB := decB[id]
		inA, inB := inLibA && da.In, inLibB && db.In
		switch {
		case inB && !inA:
			ch := Change{Clause: id, Kind: Added, ToVersion: db.Clause.Version, Rule: string(db.Why)}
			if !inLibA {
				ch.Rule = "msg.impact.new_in_release"
				ch.Why = o.Translate(ch.Rule, diag.A("release", relB)) + "; " + why(db)
			} else {
				ch.FromVersion = da.Clause.Version
				ch.Why = why(db) + "; " + o.Translate("msg.impact.was", diag.A("release", relA, "why", why(da)))
			}
			out = append(out, ch)
		case inA && !inB:
			ch := Change{Clause: id, Kind: Removed, FromVersion: da.Clause.Version, Rule: string(da.Why)}
			if !inLibB {
				ch.Rule = "msg.impact.dropped_from_release"
				ch.Why = o.Translate(ch.Rule, diag.A("release", relB))
			} else {
				ch.ToVersion, ch.Rule = db.Clause.Version, string(db.Why)
				ch.Why = why(db) + "; " + o.Translate("msg.impact.was", diag.A("release", relA, "why", why(da)))
			}
			out = append(out, ch)
		case inA && inB:
			out = append(out, sameClause(o, da.Clause, db.Clause, articlesA[id], articlesB[id])...)
		}
	}
	for _, d := range libB.Decisions {
		visit(d.Clause.ID)
	}
	for _, d := range libA.Decisions {
		if _, ok := decB[d.Clause.ID]; !ok {
			visit(d.Clause.ID)
		}
	}
	if recitals(a.Doc) != recitals(b.Doc) {
		out = append(out, Change{Kind: Recitals, Why: o.Translate("msg.impact.recitals", diag.A("from", relA, "to", relB))})
	}
	return out
}

// sameClause lists the changes of a clause that is in both agreements.
func sameClause(o ImpactOptions, ca, cb *library.Clause, aa, ab *document.Article) []Change {
	var out []Change
	base := Change{Clause: ca.ID, FromVersion: ca.Version, ToVersion: cb.Version}
	if ca.Title != cb.Title || ca.Body.Src != cb.Body.Src {
		ch := base
		ch.Kind = Text
		ch.Why = o.Translate("msg.impact.text", diag.A("from", ca.Version, "to", cb.Version))
		out = append(out, ch)
	}
	if pcs := paramChanges(aa, ab); len(pcs) > 0 {
		ch := base
		ch.Kind, ch.Params = Params, pcs
		var parts []string
		for _, p := range pcs {
			parts = append(parts, o.Translate("msg.impact.param", diag.A("name", p.Name, "from", p.From, "to", p.To)))
		}
		ch.Why = strings.Join(parts, "; ")
		out = append(out, ch)
	}
	if ca.Chapter != cb.Chapter {
		ch := base
		ch.Kind, ch.FromChapter, ch.ToChapter = Moved, ca.Chapter, cb.Chapter
		ch.Why = o.Translate("msg.impact.moved", diag.A("from", ca.Chapter, "to", cb.Chapter))
		out = append(out, ch)
	}
	if len(out) == 0 && ca.Version != cb.Version {
		ch := base
		ch.Kind = Version
		ch.Why = o.Translate("msg.impact.version", diag.A("from", ca.Version, "to", cb.Version))
		out = append(out, ch)
	}
	return out
}

func paramChanges(a, b *document.Article) []ParamChange {
	if a == nil || b == nil {
		return nil
	}
	names := map[string]bool{}
	for n := range a.Params {
		names[n] = true
	}
	for n := range b.Params {
		names[n] = true
	}
	var out []ParamChange
	for _, n := range slices.Sorted(maps.Keys(names)) {
		va, okA := a.Params[n]
		vb, okB := b.Params[n]
		if va != vb || okA != okB {
			out = append(out, ParamChange{Name: n, From: va, To: vb})
		}
	}
	return out
}

func decisions(sel *rules.Selection) map[string]rules.Decision {
	m := make(map[string]rules.Decision, len(sel.Decisions))
	for _, d := range sel.Decisions {
		m[d.Clause.ID] = d
	}
	return m
}

func articles(doc *document.Document) map[string]*document.Article {
	m := map[string]*document.Article{}
	for ci := range doc.Chapters {
		for ai := range doc.Chapters[ci].Articles {
			a := &doc.Chapters[ci].Articles[ai]
			m[a.ClauseID] = a
		}
	}
	return m
}

func recitals(doc *document.Document) string {
	var b strings.Builder
	for _, p := range doc.Recitals {
		b.WriteString(p.Label)
		b.WriteString(p.Text)
		for _, it := range p.Items {
			b.WriteString(it.Label)
			b.WriteString(it.Text)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// summarize counts the changes per clause and the totals.
func (im *Impact) summarize() {
	byClause := map[string]*ClauseImpact{}
	var order []string
	im.Totals = ImpactTotals{Municipalities: len(im.Municipalities), Transitions: map[string]int{}}
	for _, m := range im.Municipalities {
		if m.Changed {
			im.Totals.Changed++
		} else {
			im.Totals.Unchanged++
		}
		if m.From.Status == Failed || m.To.Status == Failed {
			im.Totals.Failed++
		}
		if m.From.Status != m.To.Status {
			im.Totals.Transitions[string(m.From.Status)+" → "+string(m.To.Status)]++
		}
		seen := map[string]bool{}
		for _, c := range m.Changes {
			ci := byClause[c.Clause]
			if ci == nil {
				ci = &ClauseImpact{Clause: c.Clause}
				byClause[c.Clause] = ci
				order = append(order, c.Clause)
			}
			if c.FromVersion != 0 {
				ci.FromVersion = c.FromVersion
			}
			if c.ToVersion != 0 {
				ci.ToVersion = c.ToVersion
			}
			ci.add(c.Kind)
			if !seen[c.Clause] {
				seen[c.Clause] = true
				ci.Municipalities++
			}
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := byClause[order[i]], byClause[order[j]]
		if a.Municipalities != b.Municipalities {
			return a.Municipalities > b.Municipalities
		}
		return a.Clause < b.Clause
	})
	im.Clauses = []ClauseImpact{}
	for _, id := range order {
		im.Clauses = append(im.Clauses, *byClause[id])
	}
}
