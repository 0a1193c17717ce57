package compare

import (
	"context"
	"fmt"
	"runtime"
	"sort"
	"strings"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/register"
)

// Change is one change of one municipality's agreement: what Documents
// found for one clause, or for one part outside the articles, in short.
type Change struct {
	// Clause is the clause id; Part names a part outside the articles
	// instead ("front", "recitals", "back").
	Clause string `json:"clause,omitempty"`
	Part   string `json:"part,omitempty"`
	Status Status `json:"status"`
	// FromVersion and ToVersion are the clause's versions, FromArticle and
	// ToArticle its article numbers (0: absent).
	FromVersion int `json:"from_version,omitempty"`
	ToVersion   int `json:"to_version,omitempty"`
	FromArticle int `json:"from_article,omitempty"`
	ToArticle   int `json:"to_article,omitempty"`
	// Why explains the change in the user's language.
	Why string `json:"why"`
	// Rule is the code of the rule decision behind an added or removed
	// clause under the release it is in ("why.condition_true"…), or
	// "msg.impact.new_in_release" / "msg.impact.dropped_from_release".
	Rule string `json:"rule,omitempty"`
	// Values are the changed values that the clause's text uses.
	Values []ValueChange `json:"values,omitempty"`
	// FromChapter and ToChapter are set for a clause that changed chapter.
	FromChapter string `json:"from_chapter,omitempty"`
	ToChapter   string `json:"to_chapter,omitempty"`
}

// ImpactOutcome is a municipality's outcome under one release.
type ImpactOutcome struct {
	Status     batch.Status `json:"status"`
	MergedInto string       `json:"merged_into,omitempty"`
	Error      string       `json:"error,omitempty"`
	Clauses    []string     `json:"clauses,omitempty"`
}

// MunicipalityImpact is what happens to one municipality's agreement.
type MunicipalityImpact struct {
	NIS     string        `json:"nis"`
	Name    string        `json:"name"`
	Source  string        `json:"source"`
	From    ImpactOutcome `json:"from"`
	To      ImpactOutcome `json:"to"`
	Changed bool          `json:"changed"`
	// Counts counts the clauses by status (parts outside the articles as
	// changed or value changed).
	Counts  Summary  `json:"counts"`
	Changes []Change `json:"changes"`
}

// ClauseImpact counts, per clause (or part), the municipalities whose
// agreement it changes, by status.
type ClauseImpact struct {
	Clause         string  `json:"clause,omitempty"`
	Part           string  `json:"part,omitempty"`
	FromVersion    int     `json:"from_version,omitempty"`
	ToVersion      int     `json:"to_version,omitempty"`
	Counts         Summary `json:"counts"`
	Municipalities int     `json:"municipalities"`
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

// ImpactReport is the preview of moving a register from one release to another.
type ImpactReport struct {
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
	// FromOf, when set, gives each entry's own old release (the one its
	// municipality signed) instead of From.
	FromOf   func(e *register.Entry) *draft.Drafter
	Register *register.Register
	// Workers bounds the profiles compared at once (0: runtime.GOMAXPROCS).
	Workers int
	// Describe turns an error into text (default: err.Error()).
	Describe func(error) string
	// Translate turns a message id with arguments into text (default:
	// diag.Untranslated).
	Translate diag.Translator
}

// Impact drafts every profile of the register under both releases,
// without rendering, compares the two agreements of each with Documents,
// and reports per municipality and per clause what changes and why.
func Impact(ctx context.Context, o ImpactOptions) (*ImpactReport, error) {
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
	out := &ImpactReport{Library: o.To.Lib.ID, From: o.From.Lib.Version, To: o.To.Lib.Version,
		Register: o.Register.Name, Base: o.Register.Base, Municipalities: make([]MunicipalityImpact, len(entries))}
	batch.Parallel(ctx, o.Workers, len(entries), func(i int) {
		out.Municipalities[i] = impactOne(o, entries[i])
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out.summarize()
	return out, nil
}

func impactOne(o ImpactOptions, e *register.Entry) (mi MunicipalityImpact) {
	mi = MunicipalityImpact{NIS: e.NIS, Name: e.Name, Source: e.Source, Changes: []Change{}}
	defer func() {
		if r := recover(); r != nil {
			mi.To = ImpactOutcome{Status: batch.Failed, Error: fmt.Sprint(r)}
			mi.Changed = true
		}
	}()
	if e.Err != nil {
		oc := ImpactOutcome{Status: batch.Failed, Error: o.Describe(e.Err)}
		mi.From, mi.To = oc, oc
		return mi
	}
	from := o.From
	if o.FromOf != nil {
		from = o.FromOf(e)
	}
	a, oa := impactSide(o, from, e)
	b, ob := impactSide(o, o.To, e)
	mi.From, mi.To = oa, ob
	if a != nil && b != nil {
		r, err := documents(a, b, false)
		if err != nil {
			mi.To = ImpactOutcome{Status: batch.Failed, Error: o.Describe(err)}
			mi.Changed = true
			return mi
		}
		mi.Changes = ChangesOf(r, o.Translate)
	}
	for _, c := range mi.Changes {
		mi.Counts.Add(c.Status)
	}
	mi.Changed = mi.Counts.Changes() > 0 || oa.Status != ob.Status
	return mi
}

// impactSide drafts the entry under one release, without rendering.
func impactSide(o ImpactOptions, d *draft.Drafter, e *register.Entry) (*Agreement, ImpactOutcome) {
	res, err := d.Prepare(e.Profile)
	if err != nil {
		it := &batch.Item{}
		batch.Classify(it, err, o.Describe)
		return nil, ImpactOutcome{Status: it.Status, MergedInto: it.MergedInto, Error: it.Error}
	}
	var set []string
	for _, c := range res.Doc.Meta.Manifest.Clauses {
		set = append(set, fmt.Sprintf("%s@%d", c.ID, c.Version))
	}
	return FromDraft(SideProfile, e.Source, res.Profile, res.Selection, res.Doc), ImpactOutcome{Status: batch.OK, Clauses: set}
}

// The parts outside the articles, as Change.Part names them.
const (
	PartFront    = "front"
	PartRecitals = "recitals"
	PartBack     = "back"
)

// ChangesOf lists the changes of an agreements report in short, clause by
// clause in its order, then the parts outside the articles, each with its
// reason in the language of t: what impact shows per municipality, and
// verify per PDF.
func ChangesOf(r *Report, t diag.Translator) []Change {
	relA, relB := r.Old.LibraryVersion, r.New.LibraryVersion
	tr := func(id string, kv ...any) string { return t(id, diag.A(kv...)) }
	why := func(rs *Reason) string {
		if rs.Rule == "" {
			return rs.Text
		}
		return t(rs.Rule, rs.Args)
	}
	var out []Change
	for _, c := range r.Clauses {
		if c.Status == Unchanged {
			continue
		}
		ch := Change{Clause: c.ID, Status: c.Status}
		if c.Old != nil {
			ch.FromVersion, ch.FromArticle = c.Old.Version, c.Old.Article
		}
		if c.New != nil {
			ch.ToVersion, ch.ToArticle = c.New.Version, c.New.Article
		}
		if c.Changes != nil {
			ch.Values = c.Changes.Values
		}
		switch c.Status {
		case Added:
			ch.Rule = ruleOf(c.NewReason)
			switch {
			case c.NewReason == nil:
			case c.OldReason != nil && c.OldReason.Rule == NotInRelease:
				ch.Rule = "msg.impact.new_in_release"
				ch.Why = tr(ch.Rule, "release", relB) + "; " + why(c.NewReason)
			case c.OldReason != nil:
				ch.Why = why(c.NewReason) + "; " + tr("msg.impact.was", "release", relA, "why", why(c.OldReason))
			default: // the old side (a PDF) does not say why it left the clause out
				ch.Why = why(c.NewReason)
			}
		case Removed:
			ch.Rule = ruleOf(c.OldReason)
			switch {
			case c.NewReason == nil:
			case c.NewReason.Rule == NotInRelease:
				ch.Rule = "msg.impact.dropped_from_release"
				ch.Why = tr(ch.Rule, "release", relB)
			default:
				ch.Rule = ruleOf(c.NewReason)
				ch.Why = why(c.NewReason)
				if c.OldReason != nil {
					ch.Why += "; " + tr("msg.impact.was", "release", relA, "why", why(c.OldReason))
				}
			}
		case Changed:
			ch.Why = tr("msg.impact.text", "from", ch.FromVersion, "to", ch.ToVersion)
			if len(ch.Values) > 0 {
				ch.Why += "; " + valuesWhy(tr, ch.Values)
			}
		case ValueChanged:
			ch.Why = valuesWhy(tr, ch.Values)
		case Moved:
			ch.Why = tr("msg.impact.moved", "from", c.Old.Chapter, "to", c.New.Chapter)
		case VersionOnly:
			ch.Why = tr("msg.impact.version", "from", ch.FromVersion, "to", ch.ToVersion)
		case Renumbered:
			ch.Why = tr("msg.impact.renumbered", "from", ch.FromArticle, "to", ch.ToArticle)
		}
		if c.Moved && c.Old.Chapter != c.New.Chapter {
			ch.FromChapter, ch.ToChapter = c.Old.Chapter, c.New.Chapter
		}
		out = append(out, ch)
	}
	if a := r.Agreement; a != nil {
		for _, p := range []struct {
			part, why string
			ch        *Changes
		}{{PartFront, "msg.impact.part.front", a.Front}, {PartRecitals, "msg.impact.part.recitals", a.Recitals},
			{PartBack, "msg.impact.part.back", a.Back}} {
			if p.ch == nil {
				continue
			}
			ch := Change{Part: p.part, Status: Changed, Values: p.ch.Values}
			ch.Why = tr(p.why, "from", relA, "to", relB)
			if p.ch.Text == nil {
				ch.Status, ch.Why = ValueChanged, valuesWhy(tr, ch.Values)
			}
			out = append(out, ch)
		}
	}
	return out
}

func ruleOf(r *Reason) string {
	if r == nil {
		return ""
	}
	return r.Rule
}

func valuesWhy(tr func(string, ...any) string, vs []ValueChange) string {
	parts := make([]string, 0, len(vs))
	or := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, v := range vs {
		parts = append(parts, tr("msg.impact.param", "name", v.Name, "from", or(v.Old), "to", or(v.New)))
	}
	return strings.Join(parts, "; ")
}

// summarize counts the changes per clause and the totals.
func (im *ImpactReport) summarize() {
	byKey := map[string]*ClauseImpact{}
	var order []string
	im.Totals = ImpactTotals{Municipalities: len(im.Municipalities), Transitions: map[string]int{}}
	for _, m := range im.Municipalities {
		if m.Changed {
			im.Totals.Changed++
		} else {
			im.Totals.Unchanged++
		}
		if m.From.Status == batch.Failed || m.To.Status == batch.Failed {
			im.Totals.Failed++
		}
		if m.From.Status != m.To.Status {
			im.Totals.Transitions[string(m.From.Status)+" → "+string(m.To.Status)]++
		}
		for _, c := range m.Changes {
			key := c.Clause + "/" + c.Part
			ci := byKey[key]
			if ci == nil {
				ci = &ClauseImpact{Clause: c.Clause, Part: c.Part}
				byKey[key] = ci
				order = append(order, key)
			}
			if c.FromVersion != 0 {
				ci.FromVersion = c.FromVersion
			}
			if c.ToVersion != 0 {
				ci.ToVersion = c.ToVersion
			}
			ci.Counts.Add(c.Status)
			ci.Municipalities++ // one change per clause and municipality
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := byKey[order[i]], byKey[order[j]]
		if a.Municipalities != b.Municipalities {
			return a.Municipalities > b.Municipalities
		}
		return order[i] < order[j]
	})
	im.Clauses = []ClauseImpact{}
	for _, k := range order {
		im.Clauses = append(im.Clauses, *byKey[k])
	}
}
