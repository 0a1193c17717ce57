package diag

import (
	"sort"
	"strings"

	"github.com/agnivade/levenshtein"
)

// Suggest returns the candidates close to a mistyped name, nearest first:
// those at most two edits away (one for names of three letters or fewer),
// and those that start with the name. None for an empty name.
func Suggest(name string, candidates []string) []string {
	if name == "" {
		return nil
	}
	limit := 2
	if len(name) <= 3 {
		limit = 1
	}
	type hit struct {
		s string
		d int
	}
	var hits []hit
	seen := map[string]bool{}
	low := strings.ToLower(name)
	for _, c := range candidates {
		if c == name || seen[c] {
			continue
		}
		d := levenshtein.ComputeDistance(low, strings.ToLower(c))
		if d <= limit || (len(name) > 1 && strings.HasPrefix(c, name)) {
			seen[c] = true
			hits = append(hits, hit{c, d})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].s < hits[j].s
	})
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.s
	}
	return out
}
