package compare

import (
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/draft"
)

// changesDoc is what clauses/CHANGES.md says changed between the shipped
// releases.
type changesDoc struct {
	changed   map[string]changedRow
	added     map[string]int // id → version
	removed   map[string]int
	unchanged map[string]int
}

type changedRow struct {
	oldV, newV int
	kinds      []string // "soort wijziging": "tekst herschreven", "verplaatst", …
}

// readChanges parses the tables and the list of the section "## from → to"
// of clauses/CHANGES.md.
func readChanges(t *testing.T, from, to string) changesDoc {
	t.Helper()
	src, err := os.ReadFile("../../clauses/CHANGES.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := changesDoc{changed: map[string]changedRow{}, added: map[string]int{}, removed: map[string]int{}, unchanged: map[string]int{}}
	row := regexp.MustCompile("^\\| `([a-z0-9_]+)` \\| (.*)$")
	version := func(s string) int {
		n, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(s), "v"))
		if err != nil {
			t.Fatalf("CHANGES.md: version %q", s)
		}
		return n
	}
	section, in := "", false
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "## ") {
			in = line == "## "+from+" → "+to
			continue
		}
		if !in {
			continue
		}
		if strings.HasPrefix(line, "### ") {
			section = line
			continue
		}
		m := row.FindStringSubmatch(line)
		switch {
		case strings.Contains(section, "Ongewijzigde"):
			for _, u := range regexp.MustCompile("`([a-z0-9_]+)` \\(v([0-9]+)\\)").FindAllStringSubmatch(line, -1) {
				doc.unchanged[u[1]] = version(u[2])
			}
		case m == nil:
		case strings.Contains(section, "Gewijzigde"):
			cells := strings.Split(m[2], " | ")
			var kinds []string
			for _, k := range strings.Split(cells[2], ",") {
				kinds = append(kinds, strings.TrimSpace(k))
			}
			doc.changed[m[1]] = changedRow{version(cells[0]), version(cells[1]), kinds}
		case strings.Contains(section, "Toegevoegde"):
			doc.added[m[1]] = version(strings.Split(m[2], " | ")[0])
		case strings.Contains(section, "Geschrapte"):
			doc.removed[m[1]] = version(strings.Split(m[2], " | ")[0])
		}
	}
	if len(doc.changed) == 0 || len(doc.unchanged) == 0 {
		t.Fatalf("CHANGES.md: could not read the tables: %+v", doc)
	}
	return doc
}

// aspectsOf lists which aspects of a clause the report says changed.
func aspectsOf(c ClauseDiff) []string {
	var out []string
	if c.Moved {
		out = append(out, "moved")
	}
	ch := c.Changes
	if ch == nil {
		return out
	}
	add := func(ok bool, s string) {
		if ok {
			out = append(out, s)
		}
	}
	add(ch.Text != nil, "text")
	add(ch.Kind != nil, "kind")
	add(ch.Condition != nil, "condition")
	add(ch.LegalRefs != nil, "legal_refs")
	add(ch.Requires != nil, "requires")
	add(ch.Excludes != nil, "excludes")
	add(ch.Title != nil, "title")
	for _, p := range ch.Params {
		add(true, "param_"+string(p.Status))
	}
	add(ch.Version != nil, "version")
	sort.Strings(out)
	return slices.Compact(out)
}

// changeKinds maps the wording of CHANGES.md's "soort wijziging" column to
// aspects of the report.
var changeKinds = map[string]string{
	"tekst herschreven":       "text",
	"parameter gewijzigd":     "param_changed",
	"parameter toegevoegd":    "param_added",
	"verplaatst":              "moved",
	"soort gewijzigd":         "kind",
	"voorwaarde gewijzigd":    "condition",
	"parameter verwijderd":    "param_removed",
	"titel gewijzigd":         "title",
	"rechtsgronden gewijzigd": "legal_refs",
}

// shippedStatus is the status that a row of CHANGES.md's table of changed
// clauses calls for: moved when it only moved, a value change when only
// parameters changed, else changed.
func shippedStatus(row changedRow) Status {
	switch {
	case slices.Equal(row.kinds, []string{"verplaatst"}):
		return Moved
	case !slices.ContainsFunc(row.kinds, func(k string) bool { return !strings.HasPrefix(k, "parameter ") }):
		return ValueChanged
	}
	return Changed
}

// TestShippedReleases compares each shipped release with the one before and
// checks the result against its section of clauses/CHANGES.md: every clause
// in the right table with the right versions, and every kind of change the
// table names found.
func TestShippedReleases(t *testing.T) {
	for _, pair := range [][2]string{{"2020.1", "2025.1"}, {"2025.1", "2026.1"}} {
		t.Run(pair[0]+"→"+pair[1], func(t *testing.T) {
			checkShipped(t, readChanges(t, pair[0], pair[1]), releasesOf(t, pair[0], pair[1]))
		})
	}
}

func checkShipped(t *testing.T, doc changesDoc, r *Report) {
	seen := map[string]bool{}
	for _, c := range r.Clauses {
		seen[c.ID] = true
		switch c.Status {
		case Added:
			if v, ok := doc.added[c.ID]; !ok || v != c.New.Version {
				t.Errorf("%s: added v%d; CHANGES.md: added %v (v%d)", c.ID, c.New.Version, ok, v)
			}
		case Removed:
			if v, ok := doc.removed[c.ID]; !ok || v != c.Old.Version {
				t.Errorf("%s: removed v%d; CHANGES.md: removed %v (v%d)", c.ID, c.Old.Version, ok, v)
			}
		case Unchanged:
			if v, ok := doc.unchanged[c.ID]; !ok || v != c.New.Version || c.Changes != nil {
				t.Errorf("%s: unchanged v%d; CHANGES.md: unchanged %v (v%d)", c.ID, c.New.Version, ok, v)
			}
		case Changed, ValueChanged, Moved, VersionOnly:
			row, ok := doc.changed[c.ID]
			if !ok {
				t.Errorf("%s: %s, but CHANGES.md does not list it as changed", c.ID, c.Status)
				continue
			}
			if c.Old.Version != row.oldV || c.New.Version != row.newV {
				t.Errorf("%s: v%d → v%d; CHANGES.md: v%d → v%d", c.ID, c.Old.Version, c.New.Version, row.oldV, row.newV)
			}
			got := aspectsOf(c)
			for _, k := range row.kinds {
				want, known := changeKinds[k]
				if !known {
					t.Errorf("%s: CHANGES.md names an unknown kind of change %q", c.ID, k)
				} else if !slices.Contains(got, want) {
					t.Errorf("%s: CHANGES.md says %q, the diff found %v", c.ID, k, got)
				}
			}
			if want := shippedStatus(row); c.Status != want {
				t.Errorf("%s: status %s, CHANGES.md: %v", c.ID, c.Status, row.kinds)
			}
		}
	}
	for _, m := range []map[string]int{doc.added, doc.removed, doc.unchanged} {
		for id := range m {
			if !seen[id] {
				t.Errorf("CHANGES.md lists %s, the diff does not", id)
			}
		}
	}
	for id := range doc.changed {
		if !seen[id] {
			t.Errorf("CHANGES.md lists %s as changed, the diff does not", id)
		}
	}
	want := Summary{Added: len(doc.added), Removed: len(doc.removed), Unchanged: len(doc.unchanged)}
	for _, row := range doc.changed {
		want.Add(shippedStatus(row))
	}
	if r.Summary != want {
		t.Errorf("summary %+v, want %+v", r.Summary, want)
	}
}

// TestShippedReleasesExactly pins every aspect of every changed clause,
// including the ones CHANGES.md only describes in words (the legal
// references of definities, verbintenissen_agii and inburgeringsplicht, the
// condition that inburgeringsplicht loses with its kind).
func TestShippedReleasesExactly(t *testing.T) {
	r := shippedReleases(t)
	want := map[string]string{
		"definities":                      "changed legal_refs text version",
		"verbintenissen_agii":             "changed legal_refs text version",
		"contactpersonen":                 "value_changed param_changed version",
		"gegevensuitwisseling":            "changed param_added text version",
		"inburgeringsplicht":              "changed condition kind legal_refs text version",
		"intergemeentelijke_samenwerking": "changed condition version",
		"verwerking_persoonsgegevens":     "moved moved version",
		"participatie_netwerktraject":     "added legal_refs param_added text",
		"samenvoeging":                    "added condition legal_refs text",
		"overgangsbepaling":               "removed legal_refs text",
	}
	for _, c := range r.Clauses {
		got := strings.Join(append([]string{string(c.Status)}, aspectsOf(c)...), " ")
		if c.Status == Unchanged {
			continue
		}
		if got != want[c.ID] {
			t.Errorf("%s: %q, want %q", c.ID, got, want[c.ID])
		}
	}
	contact := clauseDiff(t, r, "contactpersonen").Changes.Params
	if got := compactJSON(t, contact[0].Fields); got != `[{"field":"default","old":"30","new":"14"}]` {
		t.Errorf("contactpersonen: %s", got)
	}
	cond := clauseDiff(t, r, "intergemeentelijke_samenwerking").Changes.Condition
	if *cond != (StringChange{"inwoners < 20000", "inwoners < 50000 && !centrumstad"}) {
		t.Errorf("intergemeentelijke_samenwerking: %+v", cond)
	}
	moved := clauseDiff(t, r, "verwerking_persoonsgegevens")
	if moved.Old.Chapter != "ocmw" || moved.Old.Order != 25 || moved.New.Chapter != "slot" || moved.New.Order != 20 {
		t.Errorf("verwerking_persoonsgegevens: %+v → %+v", moved.Old, moved.New)
	}
	lib := r.Library
	added := 0
	for _, m := range lib.Mergers {
		if m.Status == Added {
			added++
		}
	}
	if added != 13 || len(lib.Mergers) != 13 || len(lib.Chapters) != 0 || len(lib.NotServed) != 0 || lib.Recitals == nil {
		t.Errorf("library.toml: %d mergers (%d added), %d chapters, %d not served, recitals %v",
			len(lib.Mergers), added, len(lib.Chapters), len(lib.NotServed), lib.Recitals != nil)
	}
}

func shippedReleases(t testing.TB) *Report { return releasesOf(t, "2020.1", "2025.1") }

func releasesOf(t testing.TB, from, to string) *Report {
	t.Helper()
	a, err := draft.OpenEmbedded(from)
	if err != nil {
		t.Fatal(err)
	}
	b, err := draft.OpenEmbedded(to)
	if err != nil {
		t.Fatal(err)
	}
	return Releases(a.Lib, b.Lib)
}
