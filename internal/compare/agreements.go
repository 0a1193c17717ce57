package compare

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/agii/ovk/internal/assemble"
	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
)

// ErrManifest is wrapped by the errors of Agreements for a manifest whose
// text does not match its list of clauses (a damaged or foreign PDF).
var ErrManifest = errors.New("the manifest's text does not match its clauses")

// Agreement is one side of an agreement diff: the manifest of an assembled
// agreement (from a document or read from a PDF) and, when its profile is
// known, the agreement-wide values (see ProfileValues).
type Agreement struct {
	Side     Side
	Manifest *document.Manifest
	Values   map[string]string
}

// FromDocument returns the agreement side of an assembled document; kind is
// SideProfile or SidePDF and name the file it came from. lib and p, when not
// nil, give the agreement-wide values.
func FromDocument(kind, name string, doc *document.Document, lib *library.Library, p *profile.Profile) *Agreement {
	a := FromManifest(kind, name, &doc.Meta.Manifest, nil)
	if p != nil {
		a.Values = ProfileValues(lib, p)
	}
	return a
}

// FromManifest returns the agreement side of a manifest (read from a PDF);
// p is the profile embedded beside it, or nil.
func FromManifest(kind, name string, m *document.Manifest, p *profile.Profile) *Agreement {
	a := &Agreement{Manifest: m, Side: Side{Kind: kind, Name: name, LibraryID: m.LibraryID,
		LibraryVersion: m.LibraryVersion, Reference: m.Reference, ProfileSHA256: m.ProfileSHA256,
		ToolVersion: m.ToolVersion, Municipality: &Municipality{NIS: m.Municipality.NIS, Name: m.Municipality.Name}}}
	if p != nil {
		a.Values = ProfileValues(nil, p)
	}
	return a
}

// ProfileValues returns the agreement-wide values of a profile, keyed by
// the names clause texts use for them ("contact.gemeente.naam",
// "periode.startjaar", see assemble.CommonData), plus the profile's fields
// that steer the choice of clauses ("doelstellingen", "gemeente.inwoners",
// …). lib gives the agency's values ("agii.*"); with a nil lib they are
// left out.
func ProfileValues(lib *library.Library, p *profile.Profile) map[string]string {
	l := lib
	if l == nil {
		l = &library.Library{}
	}
	out := map[string]string{}
	flatten(out, "", assemble.CommonData(l, p))
	if lib == nil {
		for k := range out {
			if strings.HasPrefix(k, "agii.") {
				delete(out, k)
			}
		}
	}
	m := p.Municipality
	out["doelstellingen"] = strings.Join(p.Goals, ", ")
	out["gemeente.inwoners"] = strconv.Itoa(m.Population)
	out["gemeente.centrumstad"] = strconv.FormatBool(m.CenterCity)
	out["gemeente.inburgeraars_per_jaar"] = strconv.Itoa(m.NewcomersPerYear)
	return out
}

func flatten(out map[string]string, prefix string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			flatten(out, prefix+k+".", e)
		}
	case map[string]string:
		for k, e := range x {
			out[prefix+k] = collapse(e)
		}
	default:
		out[strings.TrimSuffix(prefix, ".")] = collapse(fmt.Sprint(x))
	}
}

// parsedAgreement is an agreement cut into its parts.
type parsedAgreement struct {
	front, back string // normalised texts
	articles    map[string]*parsedArticle
	order       []string // clause ids in article order
}

type parsedArticle struct {
	clause   document.ManifestClause
	chapter  string
	text     string // normalised
	position int
}

// parseAgreement cuts the manifest's plain text (document.WriteText) into
// the part before the first chapter, one text per article, and the part
// after the last article. An article starts at its heading line
// "Artikel N. Title" and ends at the first double blank line (or the next
// heading); chapter headings are not part of any article.
func parseAgreement(m *document.Manifest) (*parsedAgreement, error) {
	text := m.Text
	if m.Agreement != nil {
		text = document.Text(m.Agreement)
	}
	lines := strings.Split(text, "\n")
	clauses := slices.Clone(m.Clauses)
	if m.Agreement != nil {
		params := map[string]map[string]string{}
		for _, ch := range m.Agreement.Chapters {
			for _, a := range ch.Articles {
				params[a.ClauseID] = a.Params
			}
		}
		for i := range clauses {
			clauses[i].Params = params[clauses[i].ID]
		}
	}
	sort.SliceStable(clauses, func(i, j int) bool { return clauses[i].Article < clauses[j].Article })
	p := &parsedAgreement{articles: map[string]*parsedArticle{}}
	type span struct{ head, start, end int }
	spans := make([]span, len(clauses))
	at := 0
	for i, c := range clauses {
		if _, dup := p.articles[c.ID]; dup || c.ID == "" {
			return nil, fmt.Errorf("%w: clause %q twice", ErrManifest, c.ID)
		}
		head := document.ArticleHeading(c.Article, c.Title)
		k := at
		for k < len(lines) && lines[k] != head {
			k++
		}
		if k == len(lines) {
			return nil, fmt.Errorf("%w: heading %q not found", ErrManifest, head)
		}
		spans[i] = span{head: k, start: k + 1}
		if i > 0 {
			spans[i-1].end = k
		}
		at = k + 1
		p.articles[c.ID] = &parsedArticle{clause: c, position: i + 1}
		p.order = append(p.order, c.ID)
	}
	if len(clauses) == 0 {
		p.front = normalisePlain(lines)
		return p, nil
	}
	spans[len(spans)-1].end = len(lines)
	chapter := ""
	firstChapter := spans[0].head
	for i, s := range spans {
		// a chapter heading between the previous article and this one
		from := 0
		if i > 0 {
			from = spans[i-1].end
		}
		for k := from; k < s.head; k++ {
			if strings.HasPrefix(lines[k], "HOOFDSTUK ") {
				chapter = lines[k]
				if i == 0 {
					firstChapter = k
				}
			}
		}
		end := s.start
		for end < s.end && !(lines[end] == "" && end+1 < len(lines) && lines[end+1] == "") {
			end++
		}
		spans[i].end = end
		a := p.articles[clauses[i].ID]
		a.chapter = chapter
		a.text = normalisePlain(lines[s.start:end])
	}
	p.front = normalisePlain(lines[:firstChapter])
	p.back = normalisePlain(lines[spans[len(spans)-1].end:])
	return p, nil
}

// Agreements compares two agreements article by article, matching articles
// by clause id. A changed parameter value is reported as a value change;
// the text of an article gets a redline unless its clause version is the
// same and its text differs only where the changed values are filled in.
func Agreements(old, new *Agreement) (*Report, error) {
	po, err := parseAgreement(old.Manifest)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", old.Side.Name, err)
	}
	pn, err := parseAgreement(new.Manifest)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", new.Side.Name, err)
	}
	r := &Report{Schema: Schema, Mode: ModeAgreements, Old: old.Side, New: new.Side}
	global := valueChanges(comparableValues(old.Values, new.Values))
	r.Agreement = &AgreementChanges{Values: global}
	r.Agreement.Front = sectionChanges(po.front, pn.front, global)
	r.Agreement.Back = sectionChanges(po.back, pn.back, global)

	var common []string
	for _, id := range po.order {
		if pn.articles[id] != nil {
			common = append(common, id)
		}
	}
	var commonNew []string
	for _, id := range pn.order {
		if po.articles[id] != nil {
			commonNew = append(commonNew, id)
		}
	}
	moved := notInLCS(common, commonNew, func(id string) bool {
		return chapterTitle(po.articles[id].chapter) == chapterTitle(pn.articles[id].chapter)
	})
	byID := map[string]ClauseDiff{}
	for _, id := range pn.order {
		na := pn.articles[id]
		oa := po.articles[id]
		if oa == nil {
			byID[id] = ClauseDiff{ID: id, Status: Added, New: articleRef(na), Changes: wholeText(worddiff.Insert, na.text)}
			continue
		}
		byID[id] = compareArticles(oa, na, moved[id], global)
	}
	for _, id := range po.order {
		if pn.articles[id] == nil {
			oa := po.articles[id]
			byID[id] = ClauseDiff{ID: id, Status: Removed, Old: articleRef(oa), Changes: wholeText(worddiff.Delete, oa.text)}
		}
	}
	r.Clauses = mergeOrder(po.order, pn.order, byID)
	r.count()
	return r, nil
}

// chapterTitle drops the number from a chapter heading
// ("HOOFDSTUK 2. SLOTBEPALINGEN"), which changes when a chapter is added.
func chapterTitle(heading string) string {
	if _, t, ok := strings.Cut(heading, ". "); ok {
		return t
	}
	return heading
}

func articleRef(a *parsedArticle) *ClauseRef {
	return &ClauseRef{Version: a.clause.Version, Title: a.clause.Title, Position: a.position,
		Article: a.clause.Article, Chapter: a.chapter}
}

// comparableValues drops the groups of values ("agii", "contact", …) that
// only one side has: their absence means the side could not know them, not
// that they were removed.
func comparableValues(o, n map[string]string) (map[string]string, map[string]string) {
	if o == nil || n == nil {
		return nil, nil
	}
	groups := func(m map[string]string) map[string]bool {
		g := map[string]bool{}
		for k := range m {
			g[strings.SplitN(k, ".", 2)[0]] = true
		}
		return g
	}
	og, ng := groups(o), groups(n)
	keep := func(m map[string]string) map[string]string {
		out := map[string]string{}
		for k, v := range m {
			if g := strings.SplitN(k, ".", 2)[0]; og[g] && ng[g] {
				out[k] = v
			}
		}
		return out
	}
	return keep(o), keep(n)
}

// valueChanges lists the values that differ, sorted by name.
func valueChanges(o, n map[string]string) []ValueChange {
	names := slices.Sorted(maps.Keys(o))
	for k := range n {
		if _, ok := o[k]; !ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := []ValueChange{}
	for _, k := range names {
		ov, oin := o[k]
		nv, nin := n[k]
		ov, nv = collapse(ov), collapse(nv)
		if oin == nin && ov == nv {
			continue
		}
		vc := ValueChange{Name: k}
		if oin {
			vc.Old = ptr(ov)
		}
		if nin {
			vc.New = ptr(nv)
		}
		out = append(out, vc)
	}
	return out
}

// usedValues returns the changes whose old value occurs in the old text or
// whose new value occurs in the new text.
func usedValues(changes []ValueChange, oldText, newText string) []ValueChange {
	var out []ValueChange
	for _, v := range changes {
		if v.Old != nil && *v.Old != "" && strings.Contains(oldText, *v.Old) ||
			v.New != nil && *v.New != "" && strings.Contains(newText, *v.New) {
			out = append(out, v)
		}
	}
	return out
}

// explained reports whether newText is oldText with every changed value's
// old text replaced by its new text.
func explained(oldText, newText string, changes []ValueChange) bool {
	var pairs []ValueChange
	for _, v := range changes {
		if v.Old == nil || *v.Old == "" || v.New == nil {
			continue
		}
		pairs = append(pairs, v)
		pairs = append(pairs, partPairs(v)...)
	}
	if len(pairs) == 0 {
		return false
	}
	// longest first: at one position the longer value wins
	sort.SliceStable(pairs, func(i, j int) bool { return len(*pairs[i].Old) > len(*pairs[j].Old) })
	args := make([]string, 0, 2*len(pairs))
	for _, v := range pairs {
		args = append(args, *v.Old, *v.New)
	}
	return worddiff.Same(strings.NewReplacer(args...).Replace(oldText), newText)
}

// partPairs splits a value that is rendered in parts (a person "naam,
// e-mail", a list "a; b") into the pairs of parts that differ, when both
// sides have the same number of parts: a clause text may use the parts
// one by one ("{{.coordinator.naam}} ({{.coordinator.email}})").
func partPairs(v ValueChange) []ValueChange {
	for _, sep := range []string{"; ", ", "} {
		o, n := strings.Split(*v.Old, sep), strings.Split(*v.New, sep)
		if len(o) < 2 || len(o) != len(n) {
			continue
		}
		var out []ValueChange
		for i := range o {
			if o[i] != n[i] && o[i] != "" {
				out = append(out, ValueChange{Name: v.Name, Old: ptr(o[i]), New: ptr(n[i])})
			}
		}
		return out
	}
	return nil
}

// sectionChanges compares a part of the agreement outside the articles.
func sectionChanges(o, n string, global []ValueChange) *Changes {
	if worddiff.Same(o, n) {
		return nil
	}
	ch := &Changes{Values: usedValues(global, o, n)}
	if !explained(o, n, ch.Values) {
		segs, del, ins := worddiff.Diff(o, n)
		ch.Text = &TextChange{Deleted: del, Inserted: ins, Redline: segs}
	}
	return ch
}

// compareArticles compares two articles made from the same clause.
func compareArticles(o, n *parsedArticle, moved bool, global []ValueChange) ClauseDiff {
	d := ClauseDiff{ID: n.clause.ID, Old: articleRef(o), New: articleRef(n), Moved: moved,
		Renumbered: o.clause.Article != n.clause.Article}
	ch := &Changes{}
	if o.clause.Version != n.clause.Version {
		ch.Version = &IntChange{o.clause.Version, n.clause.Version}
	}
	ch.Title = stringChange(o.clause.Title, n.clause.Title)
	params := valueChanges(orEmpty(o.clause.Params), orEmpty(n.clause.Params))
	ch.Values = params
	if !worddiff.Same(o.text, n.text) {
		ch.Values = append(params, usedValues(global, o.text, n.text)...)
		if !explained(o.text, n.text, ch.Values) { // a text that only the new values change has no redline
			segs, del, ins := worddiff.Diff(o.text, n.text)
			ch.Text = &TextChange{Deleted: del, Inserted: ins, Redline: segs}
		}
	}
	if len(ch.Values) == 0 {
		ch.Values = nil
	}
	content := ch.Title != nil || ch.Values != nil || ch.Text != nil
	switch {
	case content:
		d.Status = Changed
	case moved:
		d.Status = Moved
	case ch.Version != nil:
		d.Status = Changed
	default:
		d.Status = Unchanged
	}
	if !ch.empty() {
		d.Changes = ch
	}
	return d
}

func orEmpty(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
