package assemble

import (
	"strconv"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/rules"
)

// numbering is an agreement's numbering of articles and chapters, worked
// out before any text is rendered so that references can name it.
type numbering struct {
	lib      *library.Library
	sel      *rules.Selection
	articles map[string]int // clause id → article number
	chapters map[string]int // chapter id → chapter number
}

func number(lib *library.Library, sel *rules.Selection) *numbering {
	n := &numbering{lib: lib, sel: sel, articles: map[string]int{}, chapters: map[string]int{}}
	for _, d := range sel.Included() {
		n.articles[d.Clause.ID] = len(n.articles) + 1
		if _, ok := n.chapters[d.Clause.Chapter]; !ok {
			n.chapters[d.Clause.Chapter] = len(n.chapters) + 1
		}
	}
	return n
}

// from returns the references of the text at key: place builds its
// problems, from names the referring clause (or the frame part or recital).
func (n *numbering) from(place placer, key, from string, probs *diag.List) library.Refs {
	return &refs{n: n, place: place, key: key, from: from, probs: probs}
}

// placer builds a problem about a key of the file that holds a text.
type placer func(key, id string, args map[string]any) diag.Problem

type refs struct {
	n         *numbering
	place     placer
	key, from string
	probs     *diag.List
}

func (r *refs) Article(id string) string {
	if a, ok := r.n.articles[id]; ok {
		return "artikel " + strconv.Itoa(a)
	}
	r.absent(id, "artikel", r.n.clauseReason(id))
	return "artikel ?"
}

func (r *refs) Chapter(id string) string {
	if c, ok := r.n.chapters[id]; ok {
		return "hoofdstuk " + strconv.Itoa(c)
	}
	reason := "err.ref.chapter_unknown"
	if r.n.lib.ChapterIndex(id) >= 0 {
		reason = "err.ref.chapter_empty"
	}
	r.absent(id, "hoofdstuk", diag.Message{ID: reason, Args: diag.A("id", id)})
	return "hoofdstuk ?"
}

func (r *refs) Included(id string) bool {
	if _, ok := r.n.articles[id]; ok {
		return true
	}
	if _, ok := r.n.chapters[id]; ok {
		return true
	}
	if r.n.lib.Clause(id) == nil && r.n.lib.ChapterIndex(id) < 0 {
		r.absent(id, "opgenomen", diag.Message{ID: "err.ref.unknown", Args: diag.A("id", id)})
	}
	return false
}

// clauseReason says why clause id is not in the agreement: the
// rules' reason (as explain gives it), or that the library has no such clause.
func (n *numbering) clauseReason(id string) diag.Message {
	for _, d := range n.sel.Decisions {
		if d.Clause.ID == id {
			return diag.Message{ID: string(d.Why), Args: d.Args()}
		}
	}
	return diag.Message{ID: "err.ref.unknown", Args: diag.A("id", id)}
}

func (r *refs) absent(id, fn string, reason diag.Message) {
	r.probs.Add(r.place(r.key, "err.ref.absent",
		diag.A("from", r.from, "ref", `{{`+fn+` "`+id+`"}}`, "id", id, "reason", reason)))
}
