package compare

import (
	"path"
	"slices"
	"strconv"

	"github.com/agii/ovk/internal/compare/worddiff"
	"github.com/agii/ovk/internal/library"
)

// FrameChanges compare the frames (kader) of two releases: the parts of
// an agreement around its articles — the parties, the representation, the
// closing sentence and the signature blocks.
type FrameChanges struct {
	// Old and New name the frame files, e.g. "templates/overeenkomst.toml".
	Old string `json:"old"`
	New string `json:"new"`
	// Parts are every key of either frame, in the frame's order, each
	// removed key right after the key that preceded it in the old frame.
	Parts []FramePartDiff `json:"parts"`
}

// FramePartDiff is one key of a frame compared as a text: its status is
// added, removed, changed or unchanged.
type FramePartDiff struct {
	Key    string      `json:"key"`
	Status Status      `json:"status"`
	Text   *TextChange `json:"text,omitempty"`
}

// MapChange compares the municipal maps (indeling) of two releases by NIS
// code.
type MapChange struct {
	// Old and New name the map files; nil when that release has none.
	Old      *string `json:"old"`
	New      *string `json:"new"`
	OldCount int     `json:"old_count"`
	NewCount int     `json:"new_count"`
	// Added and Removed are the NIS codes only on the new or the old side,
	// sorted.
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
}

// changed reports whether the maps differ in file or codes.
func (m *MapChange) changed() bool {
	return m != nil && (len(m.Added)+len(m.Removed) > 0 || (m.Old == nil) != (m.New == nil))
}

// frameChanges compares the frames of two releases key by key, with the
// word diff of clause texts.
func frameChanges(o, n *library.Frame) *FrameChanges {
	fc := &FrameChanges{Parts: []FramePartDiff{}}
	texts := func(fr *library.Frame) (map[string]string, []string) {
		m := map[string]string{}
		var keys []string
		if fr == nil {
			return m, keys
		}
		for _, p := range fr.Parts() {
			m[p.Key] = normaliseSource(p.Text.Src)
			keys = append(keys, p.Key)
		}
		return m, keys
	}
	if o != nil {
		fc.Old = o.File
	}
	if n != nil {
		fc.New = n.File
	}
	ot, oKeys := texts(o)
	nt, nKeys := texts(n)
	byKey := map[string]FramePartDiff{}
	for _, k := range nKeys {
		ov, ok := ot[k]
		switch {
		case !ok:
			byKey[k] = FramePartDiff{Key: k, Status: Added, Text: wholeText(worddiff.Insert, nt[k]).Text}
		default:
			d := FramePartDiff{Key: k, Status: Unchanged}
			if segs, del, ins := worddiff.Diff(ov, nt[k]); segs != nil {
				d.Status, d.Text = Changed, &TextChange{Deleted: del, Inserted: ins, Redline: segs}
			}
			byKey[k] = d
		}
	}
	for _, k := range oKeys {
		if _, ok := nt[k]; !ok {
			byKey[k] = FramePartDiff{Key: k, Status: Removed, Text: wholeText(worddiff.Delete, ot[k]).Text}
		}
	}
	fc.Parts = mergeOrder(oKeys, nKeys, byKey)
	return fc
}

// changed reports whether the frames differ in file name or in any part.
func (fc *FrameChanges) changed() bool {
	if fc == nil {
		return false
	}
	if fc.Old != fc.New {
		return true
	}
	for _, p := range fc.Parts {
		if p.Status != Unchanged {
			return true
		}
	}
	return false
}

// mapChange compares the municipal maps of two releases.
func mapChange(o, n *library.Map) *MapChange {
	if o == nil && n == nil {
		return nil
	}
	mc := &MapChange{Added: []string{}, Removed: []string{}}
	codes := func(m *library.Map) map[string]bool {
		out := map[string]bool{}
		if m == nil {
			return out
		}
		for _, x := range m.All() {
			out[x.NIS] = true
		}
		return out
	}
	oc, nc := codes(o), codes(n)
	if o != nil {
		mc.Old, mc.OldCount = ptr(path.Base(o.File)), len(oc)
	}
	if n != nil {
		mc.New, mc.NewCount = ptr(path.Base(n.File)), len(nc)
	}
	for c := range nc {
		if !oc[c] {
			mc.Added = append(mc.Added, c)
		}
	}
	for c := range oc {
		if !nc[c] {
			mc.Removed = append(mc.Removed, c)
		}
	}
	slices.Sort(mc.Added)
	slices.Sort(mc.Removed)
	return mc
}

// requirementEntries are the [[vereist]] tables as keyed entries (text:
// "voorwaarde: …; waarom: …").
func requirementEntries(rs []library.Requirement) []entry {
	var out []entry
	for _, r := range rs {
		cond := r.Condition
		if cond == "" {
			cond = "altijd"
		}
		out = append(out, entry{r.Key, collapse("voorwaarde: " + cond + "; waarom: " + r.Why)})
	}
	return out
}

// toConfirmEntries are the [[te_bevestigen]] tables as keyed entries
// (text: the reason, and who confirmed it when).
func toConfirmEntries(cs []library.ToConfirm) []entry {
	var out []entry
	for _, c := range cs {
		text := c.Why
		if c.Confirmed() {
			text += " (bevestigd door " + c.ConfirmedBy + " op " + c.ConfirmedOn.ISO() + ")"
		} else {
			text += " (niet bevestigd)"
		}
		out = append(out, entry{c.Key, collapse(text)})
	}
	return out
}

// mapNote describes a map change in the language of d.
func (d describer) mapNote(m *MapChange) string {
	name := func(s *string, n int) string {
		if s == nil {
			return d.tr("msg.diff.absent")
		}
		return *s + " (" + strconv.Itoa(n) + ")"
	}
	return d.tr("msg.diff.note.map", "old", name(m.Old, m.OldCount), "new", name(m.New, m.NewCount),
		"added", len(m.Added), "removed", len(m.Removed))
}

// frameHeading is the heading of a frame part in every view.
func (d describer) frameHeading(p FramePartDiff) string {
	return d.tr("msg.diff.frame_part", "key", p.Key)
}

// frameNotes lists what a view says about the frames as a whole: the file
// names when they differ, and the unchanged keys.
func (d describer) frameNotes(fc *FrameChanges) []string {
	var out []string
	if fc.Old != fc.New {
		out = append(out, d.tr("msg.diff.note.field", "key", "kader", "old", d.orNone(fc.Old), "new", d.orNone(fc.New)))
	}
	var same []string
	for _, p := range fc.Parts {
		if p.Status == Unchanged {
			same = append(same, p.Key)
		}
	}
	out = append(out, d.tr("msg.diff.unchanged_list", "count", len(same), "ids", joinOrNone(d, same)))
	return out
}
