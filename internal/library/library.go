// Package library owns the clause library: a release header, chapters and
// clauses with typed parameters, read from a folder of TOML files and
// checked as a whole. It knows nothing of conditions' meaning (package rules
// compiles them) nor of rendering.
package library

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/tomlfile"
	"github.com/agii/ovk/templates"
)

// HeaderFile is the name of the release header in a library folder.
const HeaderFile = "library.toml"

// Kind says how a clause gets into an agreement.
type Kind string

// The kinds of clause.
const (
	Mandatory   Kind = "verplicht"      // always in; cannot be dropped
	Conditional Kind = "voorwaardelijk" // in exactly when its condition holds
	Optional    Kind = "optioneel"      // a local goal the profile chooses
)

// Library is one release of the clause library, checked.
type Library struct {
	ID        string
	Version   string
	Effective nlfmt.Date
	Policy    string
	// Status is the release's state: Draft until the board approves it,
	// then Approved, with ApprovedBy, ApprovedOn and Decision set.
	Status     Status
	ApprovedBy string
	ApprovedOn nlfmt.Date
	Decision   string
	// DraftedOn is the day the release was drawn up (opgesteld_op; zero
	// when the header does not say): an approval cannot precede it.
	DraftedOn nlfmt.Date
	Agency    Agency
	// Recitals are the "Overwegende dat" texts, as templates.
	Recitals  []*Text
	Chapters  []Chapter
	NotServed []NotServed
	Mergers   []Merger
	// Frame is the document frame the release uses (its kader).
	Frame *Frame
	// Municipalities is the release's municipal map (its indeling): the
	// NIS codes valid under it; nil when the header names none.
	Municipalities *Map
	// ToConfirm are the header's printed values that a person must still
	// confirm against a public source ([[te_bevestigen]]).
	ToConfirm []ToConfirm
	// Requirements are the profile keys this release requires ([[vereist]]).
	Requirements []Requirement
	// Clauses in document order: by chapter, then by order within it.
	Clauses []*Clause
	// Dir is the folder name used in problems, e.g. "clauses/2025.1".
	Dir string
	// header is library.toml, for problems found after loading.
	header *tomlfile.File
	byID   map[string]*Clause
}

// ToConfirm is a printed value that no public source confirms yet: Key is
// its dotted key (in the header, or in a profile), Why says what is
// unverified and where a person can check it. ConfirmedBy and ConfirmedOn
// are set once someone has.
type ToConfirm struct {
	Key         string
	Why         string
	ConfirmedBy string
	ConfirmedOn nlfmt.Date
	// Index is the entry's place among the file's [[te_bevestigen]] tables.
	Index int
}

// Confirmed reports whether someone has confirmed the value.
func (c ToConfirm) Confirmed() bool {
	return strings.TrimSpace(c.ConfirmedBy) != "" && !c.ConfirmedOn.IsZero()
}

// Requirement is a profile key a release requires, when Condition (an expr
// condition over the same variables as clause conditions; empty for
// always) holds. Why is the Dutch reason shown with the refusal.
type Requirement struct {
	Key       string
	Condition string
	Why       string
	// Index is the entry's place among the header's [[vereist]] tables.
	Index int
}

// Agency describes AgII as a party.
type Agency struct {
	Name          string
	Seat          string
	CompanyNumber string
}

// Chapter is a heading that groups clauses.
type Chapter struct {
	ID    string
	Title string
}

// NotServed is a municipality AgII does not serve.
type NotServed struct {
	NIS, Name, Reason string
}

// Merger is a municipality formed by a merger.
type Merger struct {
	NIS          string
	Name         string
	Since        nlfmt.Date
	Predecessors []string
}

// Clause is one clause of the library.
type Clause struct {
	ID        string
	Version   int
	Title     string
	Kind      Kind
	Chapter   string
	Order     int
	Condition string // expr source; empty for none
	Requires  []string
	Excludes  []string
	LegalRefs []string
	Body      *Text
	Params    []*Param
	// file is the clause's file; Problem, Pos and ValuePos find keys in it.
	file *tomlfile.File
}

// FileName is the clause's file as problems name it: "clauses/2025.1/duur.toml".
func (c *Clause) FileName() string { return c.file.Name }

// Problem builds a problem about key (a key path of the clause file).
func (c *Clause) Problem(key, id string, args map[string]any) diag.Problem {
	return c.file.Problem(key, id, args)
}

// Pos is where key stands in the clause file (or its nearest parent).
func (c *Clause) Pos(key string) tomlfile.Pos { return c.file.Pos(key) }

// ValuePos is where the text of key's string value starts in the clause
// file: the first character after its opening quote(s), so that a column
// within the value (an expression compiler's, say) adds to it. The zero
// Pos when key is not a key/value line.
func (c *Clause) ValuePos(key string) tomlfile.Pos {
	p := c.file.ValuePos(key)
	if p.Line == 0 {
		return p
	}
	lines := strings.SplitN(string(c.file.Src), "\n", p.Line+1)
	if p.Line > len(lines) {
		return p
	}
	rest := []rune(lines[p.Line-1])
	if p.Col-1 < len(rest) {
		value := string(rest[p.Col-1:])
		switch {
		case strings.HasPrefix(value, `"""`), strings.HasPrefix(value, "'''"):
			p.Col += 3
		case strings.HasPrefix(value, `"`), strings.HasPrefix(value, "'"):
			p.Col++
		}
	}
	return p
}

// Problem builds a problem about key in the release header (library.toml).
func (lib *Library) Problem(key, id string, args map[string]any) diag.Problem {
	return lib.header.Problem(key, id, args)
}

// Clause returns the clause with id, or nil.
func (l *Library) Clause(id string) *Clause { return l.byID[id] }

// Param returns the clause's parameter named name, or nil.
func (c *Clause) Param(name string) *Param {
	for _, p := range c.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ChapterIndex returns the 0-based position of chapter id, or -1.
func (l *Library) ChapterIndex(id string) int {
	for i, c := range l.Chapters {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// NotServedBy returns the not-served entry for nis, if any.
func (l *Library) NotServedBy(nis string) (NotServed, bool) {
	for _, n := range l.NotServed {
		if n.NIS == nis {
			return n, true
		}
	}
	return NotServed{}, false
}

// MergedInto returns the merger that made nis disappear, if any.
func (l *Library) MergedInto(nis string) (Merger, bool) {
	for _, m := range l.Mergers {
		for _, p := range m.Predecessors {
			if p == nis {
				return m, true
			}
		}
	}
	return Merger{}, false
}

// Merger returns the merger that formed nis, if any.
func (l *Library) Merger(nis string) (Merger, bool) {
	for _, m := range l.Mergers {
		if m.NIS == nis {
			return m, true
		}
	}
	return Merger{}, false
}

var idRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

type rawHeader struct {
	ID         string         `toml:"bibliotheek"`
	Version    string         `toml:"versie"`
	Effective  nlfmt.Date     `toml:"van_kracht"`
	Policy     string         `toml:"beleid"`
	Status     string         `toml:"status"`
	ApprovedBy string         `toml:"goedgekeurd_door"`
	ApprovedOn nlfmt.Date     `toml:"goedgekeurd_op"`
	Decision   string         `toml:"besluit"`
	DraftedOn  nlfmt.Date     `toml:"opgesteld_op"`
	Recitals   []string       `toml:"overwegingen"`
	Agency     rawAgency      `toml:"agii"`
	Chapters   []rawChap      `toml:"hoofdstuk"`
	NotServed  []rawNS        `toml:"niet_bediend"`
	Mergers    []rawMerger    `toml:"fusie"`
	Frame      string         `toml:"kader"`
	Map        string         `toml:"indeling"`
	ToConfirm  []RawToConfirm `toml:"te_bevestigen"`
	Required   []rawRequired  `toml:"vereist"`
}

// RawToConfirm is a [[te_bevestigen]] table as a header or profile holds it.
type RawToConfirm struct {
	Key         string     `toml:"sleutel" json:"sleutel"`
	Why         string     `toml:"waarom" json:"waarom"`
	ConfirmedBy string     `toml:"bevestigd_door" json:"bevestigd_door,omitempty"`
	ConfirmedOn nlfmt.Date `toml:"bevestigd_op" json:"bevestigd_op,omitzero"`
}

type rawRequired struct {
	Key       string `toml:"sleutel"`
	Condition string `toml:"voorwaarde"`
	Why       string `toml:"waarom"`
}

type rawAgency struct {
	Name          string `toml:"naam"`
	Seat          string `toml:"zetel"`
	CompanyNumber string `toml:"ondernemingsnummer"`
}

type rawChap struct {
	ID    string `toml:"id"`
	Title string `toml:"titel"`
}

type rawNS struct {
	NIS    string `toml:"nis"`
	Name   string `toml:"naam"`
	Reason string `toml:"reden"`
}

type rawMerger struct {
	NIS          string     `toml:"nis"`
	Name         string     `toml:"naam"`
	Since        nlfmt.Date `toml:"sinds"`
	Predecessors []string   `toml:"voorgangers"`
}

type rawClause struct {
	ID        string     `toml:"id"`
	Version   int        `toml:"versie"`
	Title     string     `toml:"titel"`
	Kind      string     `toml:"soort"`
	Chapter   string     `toml:"hoofdstuk"`
	Order     int        `toml:"volgorde"`
	Condition string     `toml:"voorwaarde"`
	Requires  []string   `toml:"vereist"`
	Excludes  []string   `toml:"sluit_uit"`
	LegalRefs []string   `toml:"rechtsgronden"`
	Body      string     `toml:"tekst"`
	Params    []rawParam `toml:"parameter"`
}

// Load reads and checks the library release in fsys (rooted at the release
// folder); dir names the folder in problems. It returns every problem of
// every file at once as a diag.List. With problems it still returns what it
// could read, so that callers (lint) can go on checking it; such a library
// must not be used to draft.
func Load(fsys fs.FS, dir string) (*Library, error) { return LoadWith(fsys, dir, templates.FS) }

// LoadWith is Load with the frames read from frames (a templates folder)
// instead of the embedded templates/.
func LoadWith(fsys fs.FS, dir string, frames fs.FS) (*Library, error) {
	var probs diag.List
	lib := &Library{Dir: dir, byID: map[string]*Clause{}}
	display := func(name string) string { return path.Join(dir, name) }

	hf, err := tomlfile.Read(fsys, HeaderFile, display(HeaderFile))
	if err != nil {
		probs.Add(diag.Problem{File: display(HeaderFile), ID: "err.library.no_header"})
		return nil, probs.Err()
	}
	lib.header = hf
	frame, mapName := lib.loadHeader(hf, &probs)
	if mapName != "" {
		lib.Municipalities = loadMap(fsys, dir, mapName, &probs)
	}
	if _, err := fs.Stat(frames, frame); err != nil {
		probs.Add(hf.Problem("kader", "err.library.frame_missing", diag.A("name", frame)))
	} else {
		lib.Frame = loadFrame(frames, frame, &probs)
	}

	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if name == HeaderFile {
			continue
		}
		f, err := tomlfile.Read(fsys, name, display(name))
		if err != nil {
			probs.Add(diag.Problem{File: display(name), ID: "err.file.read", Detail: err.Error()})
			continue
		}
		if c := loadClause(f, &probs); c != nil {
			if prev, dup := lib.byID[c.ID]; dup {
				probs.Add(f.Problem("id", "err.clause.duplicate_id", diag.A("id", c.ID, "other", prev.FileName())))
				continue
			}
			lib.byID[c.ID] = c
			lib.Clauses = append(lib.Clauses, c)
		}
	}
	lib.checkClauses(&probs)
	lib.checkMarkers(&probs)
	return lib, probs.Err()
}

// loadHeader reads the header into lib and returns the names of its frame
// and of its municipal map ("" for none).
func (lib *Library) loadHeader(f *tomlfile.File, probs *diag.List) (frame, municipalities string) {
	var h rawHeader
	if !f.Decode(&h, probs) {
		return DefaultFrame, ""
	}
	if h.Map != "" && (strings.ContainsAny(h.Map, "/\\") || !strings.HasSuffix(h.Map, ".csv")) {
		probs.Add(f.Problem("indeling", "err.library.map_name", diag.A("name", h.Map)))
	} else {
		municipalities = h.Map
	}
	lib.ID, lib.Version, lib.Policy = h.ID, h.Version, h.Policy
	lib.Effective, lib.DraftedOn = h.Effective, h.DraftedOn
	for key, v := range map[string]string{"bibliotheek": h.ID, "versie": h.Version, "beleid": h.Policy,
		"agii.naam": h.Agency.Name, "agii.zetel": h.Agency.Seat} {
		if strings.TrimSpace(v) == "" {
			probs.Add(f.Problem(key, "err.key.required", diag.A("key", key)))
		}
	}
	if h.Effective.IsZero() {
		probs.Add(f.Problem("van_kracht", "err.key.required", diag.A("key", "van_kracht")))
	}
	lib.loadApproval(f, &h, probs)
	lib.Agency = Agency{h.Agency.Name, h.Agency.Seat, h.Agency.CompanyNumber}
	for i, src := range h.Recitals {
		t, err := parseText(fmt.Sprintf("overweging%d", i+1), src)
		if err != nil {
			probs.Add(withDetail(f.Problem("overwegingen", "err.text.template", diag.A("n", i+1)), err))
			continue
		}
		lib.Recitals = append(lib.Recitals, t)
	}
	seen := map[string]bool{}
	for i, c := range h.Chapters {
		key := fmt.Sprintf("hoofdstuk[%d]", i)
		if !idRE.MatchString(c.ID) {
			probs.Add(f.Problem(key+".id", "err.id.invalid", diag.A("id", c.ID)))
		}
		if seen[c.ID] {
			probs.Add(f.Problem(key+".id", "err.chapter.duplicate", diag.A("id", c.ID)))
		}
		seen[c.ID] = true
		if strings.TrimSpace(c.Title) == "" {
			probs.Add(f.Problem(key+".titel", "err.key.required", diag.A("key", "titel")))
		}
		lib.Chapters = append(lib.Chapters, Chapter{c.ID, c.Title})
	}
	if len(h.Chapters) == 0 {
		probs.Add(f.Problem("hoofdstuk", "err.key.required", diag.A("key", "hoofdstuk")))
	}
	for i, n := range h.NotServed {
		if !nisRE.MatchString(n.NIS) {
			probs.Add(f.Problem(fmt.Sprintf("niet_bediend[%d].nis", i), "err.nis.invalid", diag.A("nis", n.NIS)))
		}
		lib.NotServed = append(lib.NotServed, NotServed{n.NIS, n.Name, n.Reason})
	}
	for i, m := range h.Mergers {
		key := fmt.Sprintf("fusie[%d]", i)
		for _, nis := range append([]string{m.NIS}, m.Predecessors...) {
			if !nisRE.MatchString(nis) {
				probs.Add(f.Problem(key, "err.nis.invalid", diag.A("nis", nis)))
			}
		}
		lib.Mergers = append(lib.Mergers, Merger{m.NIS, m.Name, m.Since, m.Predecessors})
	}
	lib.ToConfirm = CheckToConfirm(h.ToConfirm, func(key string) bool { return f.ValuePos(key).Line > 0 },
		func(key, id string, args map[string]any) { probs.Add(f.Problem(key, id, args)) })
	for i, r := range h.Required {
		key := fmt.Sprintf("vereist[%d]", i)
		if strings.TrimSpace(r.Key) == "" {
			probs.Add(f.Problem(key+".sleutel", "err.key.required", diag.A("key", "sleutel")))
		}
		if strings.TrimSpace(r.Why) == "" {
			probs.Add(f.Problem(key+".waarom", "err.key.required", diag.A("key", "waarom")))
		}
		lib.Requirements = append(lib.Requirements, Requirement{Key: r.Key, Condition: strings.TrimSpace(r.Condition), Why: r.Why, Index: i})
	}
	if strings.TrimSpace(h.Frame) == "" {
		return DefaultFrame, municipalities
	}
	if strings.ContainsAny(h.Frame, "/\\") || !strings.HasSuffix(h.Frame, ".toml") {
		probs.Add(f.Problem("kader", "err.library.frame_name", diag.A("name", h.Frame)))
		return DefaultFrame, municipalities
	}
	return h.Frame, municipalities
}

// Status is the state of a release.
type Status string

// The states of a release: a draft (ontwerp) may be drafted from, for
// review, but a batch renewal needs an approved (goedgekeurd) release.
const (
	Draft    Status = "ontwerp"
	Approved Status = "goedgekeurd"
)

// Approved reports whether the release is approved.
func (lib *Library) Approved() bool { return lib.Status == Approved }

// loadApproval reads the release's state. An approved release says by
// whom, on which day and under which decision, on or after the day it was
// drawn up; a draft says none of that.
func (lib *Library) loadApproval(f *tomlfile.File, h *rawHeader, probs *diag.List) {
	lib.Status = Status(h.Status)
	switch lib.Status {
	case Approved:
		lib.ApprovedBy, lib.ApprovedOn, lib.Decision = h.ApprovedBy, h.ApprovedOn, h.Decision
		for key, v := range map[string]string{"goedgekeurd_door": h.ApprovedBy, "besluit": h.Decision} {
			if strings.TrimSpace(v) == "" {
				probs.Add(f.Problem(key, "err.release.approval_missing", diag.A("key", key)))
			}
		}
		if h.ApprovedOn.IsZero() {
			probs.Add(f.Problem("goedgekeurd_op", "err.release.approval_missing", diag.A("key", "goedgekeurd_op")))
		} else if !h.DraftedOn.IsZero() && h.ApprovedOn.Before(h.DraftedOn) {
			probs.Add(f.Problem("goedgekeurd_op", "err.release.approved_before_drafted",
				diag.A("approved", h.ApprovedOn.ISO(), "drafted", h.DraftedOn.ISO())))
		}
	case Draft:
		for key, set := range map[string]bool{"goedgekeurd_door": h.ApprovedBy != "", "goedgekeurd_op": !h.ApprovedOn.IsZero(),
			"besluit": h.Decision != ""} {
			if set {
				probs.Add(f.Problem(key, "err.release.draft_approval", diag.A("key", key)))
			}
		}
	case "":
		probs.Add(f.Problem("status", "err.key.required", diag.A("key", "status")))
	default:
		probs.Add(f.Problem("status", "err.release.status", diag.A("status", h.Status)))
	}
}

// CheckToConfirm checks [[te_bevestigen]] tables: each names a key that
// exists (has reports whether it does) and says why; problem reports a
// problem about a key path of the file.
func CheckToConfirm(raw []RawToConfirm, has func(key string) bool, problem func(key, id string, args map[string]any)) []ToConfirm {
	var out []ToConfirm
	for i, r := range raw {
		key := fmt.Sprintf("te_bevestigen[%d]", i)
		switch {
		case strings.TrimSpace(r.Key) == "":
			problem(key+".sleutel", "err.key.required", diag.A("key", "sleutel"))
		case !has(r.Key):
			problem(key+".sleutel", "err.confirm.unknown_key", diag.A("key", r.Key))
		}
		if strings.TrimSpace(r.Why) == "" {
			problem(key+".waarom", "err.key.required", diag.A("key", "waarom"))
		}
		if (strings.TrimSpace(r.ConfirmedBy) == "") != r.ConfirmedOn.IsZero() {
			problem(key, "err.confirm.incomplete", nil)
		}
		out = append(out, ToConfirm{Key: r.Key, Why: r.Why, ConfirmedBy: r.ConfirmedBy, ConfirmedOn: r.ConfirmedOn, Index: i})
	}
	return out
}

var nisRE = regexp.MustCompile(`^[1-9][0-9]{4}$`)

// ValidNIS reports whether s has the form of a NIS code.
func ValidNIS(s string) bool { return nisRE.MatchString(s) }

func withDetail(p diag.Problem, err error) diag.Problem {
	p.Detail = err.Error()
	return p
}

func loadClause(f *tomlfile.File, probs *diag.List) *Clause {
	var r rawClause
	if !f.Decode(&r, probs, "parameter.standaard") {
		return nil
	}
	c := &Clause{ID: r.ID, Version: r.Version, Title: r.Title, Kind: Kind(r.Kind), Chapter: r.Chapter,
		Order: r.Order, Condition: strings.TrimSpace(r.Condition), Requires: r.Requires, Excludes: r.Excludes,
		LegalRefs: r.LegalRefs, file: f}
	if !idRE.MatchString(r.ID) {
		probs.Add(f.Problem("id", "err.id.invalid", diag.A("id", r.ID)))
	}
	if r.Version < 1 {
		probs.Add(f.Problem("versie", "err.clause.version", diag.A("version", r.Version)))
	}
	if strings.TrimSpace(r.Title) == "" {
		probs.Add(f.Problem("titel", "err.key.required", diag.A("key", "titel")))
	}
	switch c.Kind {
	case Mandatory:
		if c.Condition != "" {
			probs.Add(f.Problem("voorwaarde", "err.clause.mandatory_condition", nil))
		}
	case Conditional:
		if c.Condition == "" {
			probs.Add(f.Problem("soort", "err.clause.conditional_needs_condition", nil))
		}
	case Optional:
	default:
		probs.Add(f.Problem("soort", "err.clause.kind", diag.A("kind", r.Kind)))
	}
	if strings.TrimSpace(r.Body) == "" {
		probs.Add(f.Problem("tekst", "err.key.required", diag.A("key", "tekst")))
	} else if t, err := parseText(r.ID, r.Body); err != nil {
		probs.Add(withDetail(f.Problem("tekst", "err.text.template", nil), err))
	} else {
		c.Body = t
	}
	seen := map[string]bool{}
	for i, rp := range r.Params {
		p := loadParam(f, fmt.Sprintf("parameter[%d]", i), rp, probs)
		if p == nil {
			continue
		}
		if seen[p.Name] {
			probs.Add(f.Problem(p.Key+".naam", "err.param.duplicate", diag.A("name", p.Name)))
		}
		seen[p.Name] = true
		c.Params = append(c.Params, p)
	}
	for _, p := range c.Params {
		if p.RequiredWith != "" && (p.RequiredWith == p.Name || c.Param(p.RequiredWith) == nil) {
			probs.Add(f.Problem(p.Key+".verplicht_met", "err.param.unknown", diag.A("name", p.RequiredWith, "id", c.ID)))
		}
	}
	return c
}

func (lib *Library) checkClauses(probs *diag.List) {
	chapterOrder := map[string]map[int]string{}
	for _, c := range lib.Clauses {
		f := c.file
		c.checkHardRefs(probs)
		if lib.ChapterIndex(c.Chapter) < 0 && len(lib.Chapters) > 0 {
			probs.Add(f.Problem("hoofdstuk", "err.clause.chapter", diag.A("chapter", c.Chapter)))
		}
		if chapterOrder[c.Chapter] == nil {
			chapterOrder[c.Chapter] = map[int]string{}
		}
		if other, dup := chapterOrder[c.Chapter][c.Order]; dup {
			probs.Add(f.Problem("volgorde", "err.clause.order_duplicate", diag.A("order", c.Order, "other", other)))
		}
		chapterOrder[c.Chapter][c.Order] = c.ID
		for _, ref := range []struct {
			key string
			ids []string
		}{{"vereist", c.Requires}, {"sluit_uit", c.Excludes}} {
			for _, id := range ref.ids {
				if id == c.ID {
					probs.Add(f.Problem(ref.key, "err.clause.self_reference", diag.A("id", id)))
				} else if lib.byID[id] == nil {
					probs.Add(f.Problem(ref.key, "err.clause.unknown_id", diag.A("id", id)))
				}
			}
		}
		for _, id := range c.Excludes {
			if o := lib.byID[id]; o != nil && c.Kind == Mandatory && o.Kind == Mandatory {
				probs.Add(f.Problem("sluit_uit", "err.clause.excludes_mandatory", diag.A("id", id)))
			}
		}
	}
	for _, cyc := range lib.requireCycles() {
		c := lib.byID[cyc[0]]
		probs.Add(c.Problem("vereist", "err.clause.cycle", diag.A("cycle", strings.Join(cyc, " → "))))
	}
	sort.SliceStable(lib.Clauses, func(i, j int) bool {
		a, b := lib.Clauses[i], lib.Clauses[j]
		if ca, cb := lib.ChapterIndex(a.Chapter), lib.ChapterIndex(b.Chapter); ca != cb {
			return ca < cb
		}
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
}

// requireCycles finds each cycle in the requires graph once, starting at its
// smallest id.
func (lib *Library) requireCycles() [][]string {
	var cycles [][]string
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		stack = append(stack, id)
		c := lib.byID[id]
		for _, next := range c.Requires {
			if lib.byID[next] == nil {
				continue
			}
			switch color[next] {
			case white:
				visit(next)
			case grey:
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i] == next {
						cyc := append(append([]string{}, stack[i:]...), next)
						cycles = append(cycles, cyc)
						break
					}
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[id] = black
	}
	ids := make([]string, 0, len(lib.byID))
	for id := range lib.byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if color[id] == white {
			visit(id)
		}
	}
	return cycles
}
