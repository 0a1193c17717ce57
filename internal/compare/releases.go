package compare

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
)

// Releases compares two releases of the clause library clause by clause,
// matching clauses by id, and the release headers field by field.
func Releases(old, new *library.Library) *Report {
	r := &Report{Schema: Schema, Mode: ModeReleases, Old: releaseSide(old), New: releaseSide(new)}
	r.Library = headerChanges(old, new)
	oldPos, newPos := map[string]int{}, map[string]int{}
	for i, c := range old.Clauses {
		oldPos[c.ID] = i + 1
	}
	for i, c := range new.Clauses {
		newPos[c.ID] = i + 1
	}
	byID := map[string]ClauseDiff{}
	for _, c := range new.Clauses {
		nc := clauseRef(c, newPos[c.ID])
		oc := old.Clause(c.ID)
		if oc == nil {
			byID[c.ID] = ClauseDiff{ID: c.ID, Status: Added, New: nc, Changes: wholeClause(c, worddiff.Insert)}
			continue
		}
		byID[c.ID] = compareClauses(oc, c, clauseRef(oc, oldPos[c.ID]), nc)
	}
	for _, c := range old.Clauses {
		if new.Clause(c.ID) == nil {
			byID[c.ID] = ClauseDiff{ID: c.ID, Status: Removed, Old: clauseRef(c, oldPos[c.ID]), Changes: wholeClause(c, worddiff.Delete)}
		}
	}
	r.Clauses = mergeOrder(ids(old.Clauses), ids(new.Clauses), byID)
	r.count()
	return r
}

// wholeClause describes a clause that was added (op Insert) or removed (op
// Delete) as a whole: its text, condition, requirements, exclusions, legal
// references and parameters, all added or all removed.
func wholeClause(c *library.Clause, op worddiff.Op) *Changes {
	ch := wholeText(op, normaliseSource(c.Body.Src))
	if ch == nil {
		ch = &Changes{}
	}
	var none []string
	var noParams []*library.Param
	pair := func(s string) *StringChange {
		if op == worddiff.Insert {
			return stringChange("", s)
		}
		return stringChange(s, "")
	}
	lists := func(l []string, f func(o, n []string) *ListChange) *ListChange {
		if op == worddiff.Insert {
			return f(none, l)
		}
		return f(l, none)
	}
	ch.Condition = pair(c.Condition)
	ch.Requires = lists(c.Requires, setChange)
	ch.Excludes = lists(c.Excludes, setChange)
	ch.LegalRefs = lists(c.LegalRefs, listChange)
	if op == worddiff.Insert {
		ch.Params = paramChanges(noParams, c.Params)
	} else {
		ch.Params = paramChanges(c.Params, noParams)
	}
	if ch.empty() {
		return nil
	}
	return ch
}

func ids(cs []*library.Clause) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// mergeOrder lists the diffs in the new order, each removed id right after
// the id that preceded it in the old order.
func mergeOrder[T any](oldIDs, newIDs []string, byID map[string]T) []T {
	inNew := map[string]bool{}
	for _, id := range newIDs {
		inNew[id] = true
	}
	after := map[string][]string{} // surviving id (or "") → removed ids that follow it
	prev := ""
	for _, id := range oldIDs {
		if inNew[id] {
			prev = id
			continue
		}
		after[prev] = append(after[prev], id)
	}
	out := make([]T, 0, len(byID))
	for _, id := range after[""] {
		out = append(out, byID[id])
	}
	for _, id := range newIDs {
		out = append(out, byID[id])
		for _, rid := range after[id] {
			out = append(out, byID[rid])
		}
	}
	return out
}

func releaseSide(l *library.Library) Side {
	return Side{Kind: SideRelease, Name: l.Version, LibraryID: l.ID, LibraryVersion: l.Version, Effective: l.Effective.ISO()}
}

func clauseRef(c *library.Clause, pos int) *ClauseRef {
	return &ClauseRef{Version: c.Version, Title: c.Title, Position: pos, Chapter: c.Chapter, Order: c.Order, Kind: string(c.Kind)}
}

// compareClauses compares every field of two versions of a clause; the
// version number is not trusted to say whether anything changed. Changed
// parameter definitions alone (a new default, say) are a value change.
func compareClauses(o, n *library.Clause, oref, nref *ClauseRef) ClauseDiff {
	d := ClauseDiff{ID: n.ID, Old: oref, New: nref}
	ch := &Changes{}
	content := false
	if o.Version != n.Version {
		ch.Version = &IntChange{o.Version, n.Version}
	}
	if sc := stringChange(o.Title, n.Title); sc != nil {
		ch.Title, content = sc, true
	}
	if o.Kind != n.Kind {
		ch.Kind, content = &StringChange{string(o.Kind), string(n.Kind)}, true
	}
	if sc := stringChange(o.Condition, n.Condition); sc != nil {
		ch.Condition, content = sc, true
	}
	if lc := setChange(o.Requires, n.Requires); lc != nil {
		ch.Requires, content = lc, true
	}
	if lc := setChange(o.Excludes, n.Excludes); lc != nil {
		ch.Excludes, content = lc, true
	}
	if lc := listChange(o.LegalRefs, n.LegalRefs); lc != nil {
		ch.LegalRefs, content = lc, true
	}
	ch.Params = paramChanges(o.Params, n.Params)
	if segs, del, ins := worddiff.Diff(normaliseSource(o.Body.Src), normaliseSource(n.Body.Src)); segs != nil {
		ch.Text, content = &TextChange{Deleted: del, Inserted: ins, Redline: segs}, true
	}
	d.Moved = o.Chapter != n.Chapter || o.Order != n.Order
	d.Status = statusOf(content, len(ch.Params) > 0, d.Moved, ch.Version != nil, false)
	if !ch.empty() {
		d.Changes = ch
	}
	return d
}

// stringChange compares one-line values with white space normalised.
func stringChange(o, n string) *StringChange {
	o, n = collapse(o), collapse(n)
	if o == n {
		return nil
	}
	return &StringChange{o, n}
}

// setChange compares two lists as sets.
func setChange(o, n []string) *ListChange {
	lc := &ListChange{Added: []string{}, Removed: []string{}}
	for _, s := range n {
		if !slices.Contains(o, s) && !slices.Contains(lc.Added, s) {
			lc.Added = append(lc.Added, s)
		}
	}
	for _, s := range o {
		if !slices.Contains(n, s) && !slices.Contains(lc.Removed, s) {
			lc.Removed = append(lc.Removed, s)
		}
	}
	if len(lc.Added)+len(lc.Removed) == 0 {
		return nil
	}
	slices.Sort(lc.Added)
	slices.Sort(lc.Removed)
	return lc
}

// listChange compares two ordered lists of one-line texts (legal
// references) as multisets, and notes a change of order.
func listChange(o, n []string) *ListChange {
	co, cn := collapseAll(o), collapseAll(n)
	lc := &ListChange{Added: []string{}, Removed: []string{}}
	left := slices.Clone(co)
	for _, s := range cn {
		if i := slices.Index(left, s); i >= 0 {
			left = slices.Delete(left, i, i+1)
		} else {
			lc.Added = append(lc.Added, s)
		}
	}
	right := slices.Clone(cn)
	for _, s := range co {
		if i := slices.Index(right, s); i >= 0 {
			right = slices.Delete(right, i, i+1)
		} else {
			lc.Removed = append(lc.Removed, s)
		}
	}
	if len(lc.Added)+len(lc.Removed) == 0 {
		if slices.Equal(co, cn) {
			return nil
		}
		lc.Reordered = true
	}
	return lc
}

func collapseAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = collapse(s)
	}
	return out
}

// paramChanges compares parameter definitions by name, in the new order
// with removed parameters last.
func paramChanges(o, n []*library.Param) []ParamChange {
	var out []ParamChange
	find := func(ps []*library.Param, name string) *library.Param {
		for _, p := range ps {
			if p.Name == name {
				return p
			}
		}
		return nil
	}
	for _, np := range n {
		nd := paramDef(np)
		op := find(o, np.Name)
		if op == nil {
			out = append(out, ParamChange{Name: np.Name, Status: Added, New: nd})
			continue
		}
		od := paramDef(op)
		if fields := defFields(od, nd); len(fields) > 0 {
			out = append(out, ParamChange{Name: np.Name, Status: Changed, Old: od, New: nd, Fields: fields})
		}
	}
	for _, op := range o {
		if find(n, op.Name) == nil {
			out = append(out, ParamChange{Name: op.Name, Status: Removed, Old: paramDef(op)})
		}
	}
	return out
}

func paramDef(p *library.Param) *ParamDef {
	d := &ParamDef{Type: string(p.Type), Label: collapse(p.Label), Required: p.Required, MaxLength: p.MaxLen,
		Choices: p.Choices}
	if p.Default != nil {
		d.Default = ptr(p.Default.Text)
	}
	d.Min = bound(p.Min, p.MinDate)
	d.Max = bound(p.Max, p.MaxDate)
	if p.Pattern != nil {
		d.Pattern = p.Pattern.String()
	}
	return d
}

func bound(x *float64, d *nlfmt.Date) *string {
	switch {
	case x != nil:
		return ptr(strconv.FormatFloat(*x, 'f', -1, 64))
	case d != nil:
		return ptr(d.ISO())
	}
	return nil
}

// defFields lists the fields in which two parameter definitions differ.
func defFields(o, n *ParamDef) []FieldChange {
	var out []FieldChange
	add := func(field string, ov, nv *string) {
		if (ov == nil) != (nv == nil) || ov != nil && *ov != *nv {
			out = append(out, FieldChange{field, ov, nv})
		}
	}
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	num := func(n int) *string {
		if n == 0 {
			return nil
		}
		return ptr(strconv.Itoa(n))
	}
	list := func(ss []string) *string {
		if len(ss) == 0 {
			return nil
		}
		return ptr(strings.Join(ss, ", "))
	}
	add("type", &o.Type, &n.Type)
	add("label", &o.Label, &n.Label)
	add("required", ptr(strconv.FormatBool(o.Required)), ptr(strconv.FormatBool(n.Required)))
	add("default", o.Default, n.Default)
	add("min", o.Min, n.Min)
	add("max", o.Max, n.Max)
	add("max_length", num(o.MaxLength), num(n.MaxLength))
	add("pattern", str(o.Pattern), str(n.Pattern))
	add("choices", list(o.Choices), list(n.Choices))
	return out
}

// headerChanges compares the release headers (library.toml) and what
// they name: the frame (kader) and the municipal map (indeling).
func headerChanges(o, n *library.Library) *LibraryChanges {
	lc := &LibraryChanges{Fields: []FieldChange{}, Chapters: []EntryChange{}, NotServed: []EntryChange{}, Mergers: []EntryChange{}}
	field := func(name, ov, nv string) {
		ov, nv = collapse(ov), collapse(nv)
		if ov == nv {
			return
		}
		f := FieldChange{Field: name}
		if ov != "" {
			f.Old = &ov
		}
		if nv != "" {
			f.New = &nv
		}
		lc.Fields = append(lc.Fields, f)
	}
	field("id", o.ID, n.ID)
	field("version", o.Version, n.Version)
	field("effective", o.Effective.ISO(), n.Effective.ISO())
	field("policy", o.Policy, n.Policy)
	field("approved_by", o.ApprovedBy, n.ApprovedBy)
	field("approved_on", o.ApprovedOn.ISO(), n.ApprovedOn.ISO())
	field("agency.name", o.Agency.Name, n.Agency.Name)
	field("agency.seat", o.Agency.Seat, n.Agency.Seat)
	field("agency.company_number", o.Agency.CompanyNumber, n.Agency.CompanyNumber)

	if segs, del, ins := worddiff.Diff(recitals(o), recitals(n)); segs != nil {
		lc.Recitals = &TextChange{Deleted: del, Inserted: ins, Redline: segs}
	}

	var oc, nc []entry
	for _, c := range o.Chapters {
		oc = append(oc, entry{c.ID, collapse(c.Title)})
	}
	for _, c := range n.Chapters {
		nc = append(nc, entry{c.ID, collapse(c.Title)})
	}
	lc.Chapters = entryChanges(oc, nc, true)

	var on, nn []entry
	for _, x := range o.NotServed {
		on = append(on, entry{x.NIS, collapse(x.Name + ": " + x.Reason)})
	}
	for _, x := range n.NotServed {
		nn = append(nn, entry{x.NIS, collapse(x.Name + ": " + x.Reason)})
	}
	lc.NotServed = entryChanges(on, nn, false)

	var om, nm []entry
	for _, x := range o.Mergers {
		om = append(om, entry{x.NIS, mergerText(x)})
	}
	for _, x := range n.Mergers {
		nm = append(nm, entry{x.NIS, mergerText(x)})
	}
	lc.Mergers = entryChanges(om, nm, false)

	lc.Frame = frameChanges(o.Frame, n.Frame)
	lc.Map = mapChange(o.Municipalities, n.Municipalities)
	lc.Requirements = entryChanges(requirementEntries(o.Requirements), requirementEntries(n.Requirements), false)
	lc.ToConfirm = entryChanges(toConfirmEntries(o.ToConfirm), toConfirmEntries(n.ToConfirm), false)
	return lc
}

func recitals(l *library.Library) string {
	parts := make([]string, len(l.Recitals))
	for i, r := range l.Recitals {
		parts[i] = normaliseSource(r.Src)
	}
	return strings.Join(parts, worddiff.ParagraphBreak)
}

func mergerText(m library.Merger) string {
	return fmt.Sprintf("%s, sinds %s, voorgangers %s", m.Name, m.Since.ISO(), strings.Join(m.Predecessors, ", "))
}

type entry struct{ key, text string }

// entryChanges compares keyed entries. With ordered, an entry whose place
// among the common entries changed is reported as moved.
func entryChanges(o, n []entry, ordered bool) []EntryChange {
	out := []EntryChange{}
	idx := func(es []entry, key string) int {
		for i, e := range es {
			if e.key == key {
				return i
			}
		}
		return -1
	}
	var oKeys, nKeys []string
	for _, e := range o {
		if idx(n, e.key) >= 0 {
			oKeys = append(oKeys, e.key)
		}
	}
	for _, e := range n {
		if idx(o, e.key) >= 0 {
			nKeys = append(nKeys, e.key)
		}
	}
	moved := map[string]bool{}
	if ordered {
		moved = notInLCS(oKeys, nKeys, nil)
	}
	for _, e := range n {
		i := idx(o, e.key)
		switch {
		case i < 0:
			out = append(out, EntryChange{Key: e.key, Status: Added, New: ptr(e.text)})
		case o[i].text != e.text:
			out = append(out, EntryChange{Key: e.key, Status: Changed, Old: ptr(o[i].text), New: ptr(e.text)})
		case moved[e.key]:
			out = append(out, EntryChange{Key: e.key, Status: Moved, Old: ptr(o[i].text), New: ptr(e.text)})
		}
	}
	for _, e := range o {
		if idx(n, e.key) < 0 {
			out = append(out, EntryChange{Key: e.key, Status: Removed, Old: ptr(e.text)})
		}
	}
	return out
}

// notInLCS returns the keys that are not in a longest common subsequence of
// a and b (two orders of the same keys): the ones that moved. Among equally
// long subsequences, it keeps the keys for which stay returns true (those
// that did not change chapter, say); stay may be nil.
func notInLCS(a, b []string, stay func(string) bool) map[string]bool {
	n, m := len(a), len(b)
	dp := make([][]int, n+1)
	for i := range dp {
		dp[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				dp[i][j] = dp[i+1][j+1] + 1
			} else {
				dp[i][j] = max(dp[i+1][j], dp[i][j+1])
			}
		}
	}
	keep := map[string]bool{}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a[i] == b[j]:
			keep[a[i]] = true
			i++
			j++
		case dp[i+1][j] > dp[i][j+1]:
			i++
		case dp[i+1][j] == dp[i][j+1] && (stay == nil || !stay(a[i]) || stay(b[j])):
			i++
		default:
			j++
		}
	}
	out := map[string]bool{}
	for _, k := range a {
		if !keep[k] {
			out[k] = true
		}
	}
	return out
}
