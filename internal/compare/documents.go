package compare

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// ErrManifest is wrapped by the errors of Documents for an old
// (ovk-manifest/1) PDF whose text does not match its list of clauses (a
// damaged or foreign PDF).
var ErrManifest = document.ErrManifestText

// Agreement is one side of an agreement comparison: the assembled
// agreement (drafted from a profile, or carried by a PDF's manifest) and
// what is known of how it was made.
type Agreement struct {
	Side Side
	Doc  *document.Document
	// Values are the agreement-wide values (see Values); nil when unknown.
	Values map[string]string
	// Reasons say per clause id why the rules took the clause in or left
	// it out. Nil when unknown; a PDF knows only the reasons of its own
	// clauses.
	Reasons map[string]Reason
	// AllReasons: Reasons has every clause of the side's release, so that a
	// clause without one is not in the release (NotInRelease).
	AllReasons bool
	legacy     bool  // rebuilt from an ovk-manifest/1 text
	err        error // the manifest could not be read
}

// Reason is why the rules took a clause in or left it out.
type Reason struct {
	In bool `json:"in"`
	// Rule is the rule's code ("why.condition_true", see package rules), or
	// NotInRelease; empty when only the text is known.
	Rule string         `json:"rule,omitempty"`
	Args map[string]any `json:"-"`
	// Text says it in Dutch, the language of the agreement.
	Text string `json:"text"`
}

// NotInRelease is the Rule of a clause that the side's release does not have.
const NotInRelease = "not_in_release"

// dutch words the reasons, as the manifest does.
var dutch = l10n.For("nl")

// FromDocument returns the agreement side of an assembled document; kind is
// SideProfile or SidePDF and name the file it came from; p, when not nil,
// adds the profile's fields that steer the choice of clauses to the values.
// The reasons are those of the document's manifest (its own clauses).
func FromDocument(kind, name string, doc *document.Document, p *profile.Profile) *Agreement {
	m := &doc.Meta.Manifest
	return &Agreement{Side: side(kind, name, m), Doc: doc, Values: Values(m, p), Reasons: manifestReasons(m)}
}

// FromDraft is FromDocument for an agreement drafted from p by the
// selection sel: every clause of the release has its reason.
func FromDraft(kind, name string, p *profile.Profile, sel *rules.Selection, doc *document.Document) *Agreement {
	a := FromDocument(kind, name, doc, p)
	a.Reasons, a.AllReasons = map[string]Reason{}, true
	for _, d := range sel.Decisions {
		a.Reasons[d.Clause.ID] = Reason{In: d.In, Rule: string(d.Why), Args: d.Args(), Text: dutch.T(string(d.Why), d.Args())}
	}
	return a
}

// FromManifest returns the agreement side of a manifest read from a PDF; p
// is the profile embedded beside it, or nil. An ovk-manifest/1 is read
// through its text; if that fails, Documents reports it.
func FromManifest(kind, name string, m *document.Manifest, p *profile.Profile) *Agreement {
	a := &Agreement{Side: side(kind, name, m), Values: Values(m, p), Reasons: manifestReasons(m), legacy: m.Legacy()}
	a.Doc, a.err = m.Document()
	return a
}

func side(kind, name string, m *document.Manifest) Side {
	return Side{Kind: kind, Name: name, LibraryID: m.LibraryID, LibraryVersion: m.LibraryVersion, Reference: m.Reference,
		ProfileSHA256: m.ProfileSHA256, ToolVersion: m.ToolVersion,
		Municipality: &Municipality{NIS: m.Municipality.NIS, Name: m.Municipality.Name}}
}

func manifestReasons(m *document.Manifest) map[string]Reason {
	if len(m.Rules) == 0 {
		return nil
	}
	out := map[string]Reason{}
	for _, r := range m.Rules {
		out[r.ClauseID] = Reason{In: true, Text: r.Reason}
	}
	return out
}

// Values returns the agreement-wide values of an agreement, keyed by the
// names clause texts use for them ("contact.gemeente.naam",
// "periode.startjaar"), as its manifest records them, plus, when p is not
// nil, the profile's fields that steer the choice of clauses
// ("doelstellingen", "gemeente.inwoners", …). A /1 manifest recorded no
// values: they are those of p (assemble.CommonData), without the ones that
// come from the release ("agii.*", "release.*"), which a /1 manifest does
// not record. Nil when nothing is known.
func Values(m *document.Manifest, p *profile.Profile) map[string]string {
	vals := m.Values
	if m.Legacy() && p != nil {
		vals = document.FlatValues(assemble.CommonData(&library.Library{}, p))
		for k := range vals {
			if strings.HasPrefix(k, "agii.") || strings.HasPrefix(k, "release.") {
				delete(vals, k)
			}
		}
	}
	if len(vals) == 0 && p == nil {
		return nil
	}
	out := map[string]string{}
	for k, v := range vals {
		out[k] = collapse(v)
	}
	if p != nil {
		mu := p.Municipality
		out["doelstellingen"] = strings.Join(p.Goals, ", ")
		out["gemeente.inwoners"] = strconv.Itoa(mu.Population)
		out["gemeente.centrumstad"] = strconv.FormatBool(mu.CenterCity)
		out["gemeente.inburgeraars_per_jaar"] = strconv.Itoa(mu.NewcomersPerYear)
	}
	return out
}

// article is one article of a side, ready to compare.
type article struct {
	a         *document.Article
	chapterID string // "" when not known (ovk-manifest/1)
	chapter   string // the chapter's title
	text      string // normalised
	position  int
}

// articles lists the articles of d in document order, by clause id.
func articles(d *document.Document) (map[string]*article, []string, error) {
	byID := map[string]*article{}
	var order []string
	for ci := range d.Chapters {
		ch := &d.Chapters[ci]
		for ai := range ch.Articles {
			a := &ch.Articles[ai]
			if _, dup := byID[a.ClauseID]; dup || a.ClauseID == "" {
				return nil, nil, fmt.Errorf("%w: clause %q twice", ErrManifest, a.ClauseID)
			}
			order = append(order, a.ClauseID)
			byID[a.ClauseID] = &article{a: a, chapterID: ch.ID, chapter: ch.Title, text: paragraphsText(a.Paragraphs), position: len(order)}
		}
	}
	return byID, order, nil
}

// paragraphText is the normalised text of a paragraph: its label and
// text, each point on a line of its own.
func paragraphText(p document.Paragraph) string {
	var b strings.Builder
	b.WriteString(collapse(strings.TrimSpace(p.Label + " " + p.Text)))
	for _, it := range p.Items {
		if b.Len() > 0 {
			b.WriteString(worddiff.LineBreak)
		}
		b.WriteString(collapse(it.Label + " " + it.Text))
	}
	return b.String()
}

// paragraphsText joins paragraphs (and one-line texts given as paragraphs)
// into one normalised text, leaving out the empty ones.
func paragraphsText(ps []document.Paragraph) string {
	parts := make([]string, 0, len(ps))
	for _, p := range ps {
		if t := paragraphText(p); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, worddiff.ParagraphBreak)
}

// lines makes one-line texts (a title, an introduction) paragraphs.
func lines(ss ...string) []document.Paragraph {
	out := make([]document.Paragraph, len(ss))
	for i, s := range ss {
		out[i] = document.Paragraph{Text: s}
	}
	return out
}

// frontText is the part of d before the recitals: title, subtitle,
// reference and the parties. With fold the title is compared in capitals
// (an ovk-manifest/1 keeps it only so).
func frontText(d *document.Document, fold bool) string {
	title := d.Title
	if fold {
		title = strings.ToUpper(title)
	}
	ps := lines(title, d.Subtitle, d.Reference, d.PartiesIntro)
	ps = append(ps, d.Parties...)
	ps = append(ps, lines(d.PartiesOutro)...)
	return paragraphsText(ps)
}

// recitalsText is the recitals with the sentences before and after them
// ("Overwegende dat:", "Wordt overeengekomen wat volgt:").
func recitalsText(d *document.Document) string {
	ps := append(lines(d.RecitalsIntro), d.Recitals...)
	return paragraphsText(append(ps, lines(d.AgreedIntro)...))
}

// backText is the closing and the signature blocks.
func backText(d *document.Document) string {
	ps := lines(d.Closing)
	for _, s := range d.Signatures {
		p := document.Paragraph{Text: s.Party}
		for _, sg := range s.Signers {
			p.Items = append(p.Items, document.Item{Text: strings.TrimSpace(sg.Name + ", " + sg.Function)})
		}
		ps = append(ps, p)
	}
	return paragraphsText(ps)
}

// Documents compares two agreements article by article, matching articles
// by clause id, and the parts outside the articles (the parties, the
// recitals, the closing and signatures). A changed parameter value is
// reported as a value change; the text of an article gets a redline unless
// it differs only where the changed values are filled in.
func Documents(old, new *Agreement) (*Report, error) { return documents(old, new, true) }

// documents is Documents; without redlines, a text change gets an empty
// TextChange (no segments, no word counts): the statuses and values are the
// same, at a third of the cost, for impact and verify, which show no
// redline.
func documents(old, new *Agreement, redlines bool) (*Report, error) {
	for _, a := range []*Agreement{old, new} {
		if a.err != nil {
			return nil, fmt.Errorf("%s: %w", a.Side.Name, a.err)
		}
	}
	po, oldOrder, err := articles(old.Doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", old.Side.Name, err)
	}
	pn, newOrder, err := articles(new.Doc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", new.Side.Name, err)
	}
	fold := old.legacy || new.legacy
	r := &Report{Schema: Schema, Mode: ModeAgreements, Old: old.Side, New: new.Side, OldDoc: old.Doc, NewDoc: new.Doc}
	global := valueChanges(comparableValues(old.Values, new.Values))
	r.Agreement = &AgreementChanges{Values: global,
		Front:    sectionChanges(frontText(old.Doc, fold), frontText(new.Doc, fold), global, redlines),
		Recitals: sectionChanges(recitalsText(old.Doc), recitalsText(new.Doc), global, redlines),
		Back:     sectionChanges(backText(old.Doc), backText(new.Doc), global, redlines)}

	var common, commonNew []string
	for _, id := range oldOrder {
		if pn[id] != nil {
			common = append(common, id)
		}
	}
	for _, id := range newOrder {
		if po[id] != nil {
			commonNew = append(commonNew, id)
		}
	}
	sameChapter := func(id string) bool {
		o, n := po[id], pn[id]
		if o.chapterID != "" && n.chapterID != "" {
			return o.chapterID == n.chapterID
		}
		return strings.EqualFold(collapse(o.chapter), collapse(n.chapter))
	}
	moved := notInLCS(common, commonNew, sameChapter)
	byID := map[string]ClauseDiff{}
	for _, id := range newOrder {
		na, oa := pn[id], po[id]
		if oa == nil {
			d := ClauseDiff{ID: id, Status: Added, New: articleRef(na), Changes: wholeText(worddiff.Insert, na.text)}
			d.OldReason, d.NewReason = old.reason(id), new.reason(id)
			byID[id] = d
			continue
		}
		byID[id] = compareArticles(oa, na, moved[id] || !sameChapter(id), global, redlines)
	}
	for _, id := range oldOrder {
		if pn[id] == nil {
			oa := po[id]
			d := ClauseDiff{ID: id, Status: Removed, Old: articleRef(oa), Changes: wholeText(worddiff.Delete, oa.text)}
			d.OldReason, d.NewReason = old.reason(id), new.reason(id)
			byID[id] = d
		}
	}
	r.Clauses = mergeOrder(oldOrder, newOrder, byID)
	r.count()
	return r, nil
}

// reason returns the reason for clause id, or nil when it is not known.
func (a *Agreement) reason(id string) *Reason {
	if r, ok := a.Reasons[id]; ok {
		return &r
	}
	if a.AllReasons {
		return &Reason{Rule: NotInRelease, Text: dutch.T("msg.diff.not_in_release", nil)}
	}
	return nil
}

func articleRef(a *article) *ClauseRef {
	return &ClauseRef{Version: a.a.ClauseVersion, Title: a.a.Title, Position: a.position, Article: a.a.Number, Chapter: a.chapter}
}

// compareArticles compares two articles made from the same clause.
func compareArticles(o, n *article, moved bool, global []ValueChange, redlines bool) ClauseDiff {
	d := ClauseDiff{ID: n.a.ClauseID, Old: articleRef(o), New: articleRef(n), Moved: moved,
		Renumbered: o.a.Number != n.a.Number}
	ch := &Changes{}
	if o.a.ClauseVersion != n.a.ClauseVersion {
		ch.Version = &IntChange{o.a.ClauseVersion, n.a.ClauseVersion}
	}
	ch.Title = stringChange(o.a.Title, n.a.Title)
	params := valueChanges(orEmpty(o.a.Params), orEmpty(n.a.Params))
	ch.Values = params
	if !worddiff.Same(o.text, n.text) {
		ch.Values = append(params, usedValues(global, o.text, n.text)...)
		if !explained(o.text, n.text, ch.Values) { // a text that only the new values change has no redline
			ch.Text = textChange(o.text, n.text, redlines)
		}
	}
	if len(ch.Values) == 0 {
		ch.Values = nil
	}
	d.Status = statusOf(ch.Title != nil || ch.Text != nil, ch.Values != nil, moved, ch.Version != nil, d.Renumbered)
	if !ch.empty() {
		d.Changes = ch
	}
	return d
}

// sectionChanges compares a part of the agreement outside the articles.
func sectionChanges(o, n string, global []ValueChange, redlines bool) *Changes {
	if worddiff.Same(o, n) {
		return nil
	}
	ch := &Changes{Values: usedValues(global, o, n)}
	if !explained(o, n, ch.Values) {
		ch.Text = textChange(o, n, redlines)
	}
	return ch
}

// textChange is the redline of two texts that differ; without redlines,
// an empty one.
func textChange(o, n string, redlines bool) *TextChange {
	if !redlines {
		return &TextChange{}
	}
	segs, del, ins := worddiff.Diff(o, n)
	return &TextChange{Deleted: del, Inserted: ins, Redline: segs}
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
