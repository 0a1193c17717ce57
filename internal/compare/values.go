package compare

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/agii/ovk/internal/compare/worddiff"
)

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
