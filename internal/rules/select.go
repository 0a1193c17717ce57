package rules

import (
	"fmt"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
)

// Why says why a clause is in or out of an agreement. The codes are message
// ids (in locales/) with Args as their data.
type Why string

// The reasons a decision can have.
const (
	WhyMandatory      Why = "why.mandatory"       // verplicht
	WhyConditionTrue  Why = "why.condition_true"  // voorwaardelijk, condition holds
	WhyConditionFalse Why = "why.condition_false" // voorwaardelijk or chosen goal, condition fails
	WhyChosen         Why = "why.chosen"          // optional, chosen by the profile
	WhyNotChosen      Why = "why.not_chosen"      // optional, not chosen
	WhyRequired       Why = "why.required"        // optional, required by an included clause
)

// Decision is the verdict on one clause for one profile.
type Decision struct {
	Clause *library.Clause
	In     bool
	Why    Why
	// Condition and Bindings are set when a condition was evaluated.
	Condition string
	Result    bool
	Bindings  []Binding
	// RequiredBy names the clause that pulled an optional clause in.
	RequiredBy string
}

// Args returns the message data of the decision's reason.
func (d Decision) Args() map[string]any {
	vals := ""
	for i, b := range d.Bindings {
		if i > 0 {
			vals += ", "
		}
		vals += b.String()
	}
	return diag.A("condition", d.Condition, "values", vals, "by", d.RequiredBy)
}

// Selection is the outcome of the rules for one profile: every clause of the
// library, in document order, in or out.
type Selection struct {
	Env       Env
	Decisions []Decision
}

// Included returns the decisions of the clauses in the agreement.
func (s *Selection) Included() []Decision {
	var out []Decision
	for _, d := range s.Decisions {
		if d.In {
			out = append(out, d)
		}
	}
	return out
}

// NotServedError refuses a municipality AgII does not serve.
type NotServedError struct{ NIS, Name, Reason string }

func (e *NotServedError) Error() string {
	return fmt.Sprintf("%s %s is not served by AgII: %s", e.NIS, e.Name, e.Reason)
}

// MessageID and Args give the refusal's message (see locales/).
func (e *NotServedError) MessageID() string { return "err.not_served" }

// Args are the data of the refusal's message.
func (e *NotServedError) Args() map[string]any {
	return diag.A("nis", e.NIS, "name", e.Name, "reason", e.Reason)
}

// MergedError refuses a municipality that no longer exists.
type MergedError struct {
	NIS, Name string
	Into      library.Merger
	// IntoNotServed is set when AgII does not serve the successor either
	// (Borsbeek → Antwerpen): no agreement is drafted at all, and the
	// running one with the old municipality ends (legal review M19).
	IntoNotServed bool
}

// MessageID is the refusal's message (see locales/): the successor to
// draft for, or, when AgII does not serve it, that no agreement is drafted.
func (e *MergedError) MessageID() string {
	if e.IntoNotServed {
		return "err.merged.not_served"
	}
	return "err.merged"
}

// Args are the data of the refusal's message.
func (e *MergedError) Args() map[string]any {
	return diag.A("nis", e.NIS, "name", e.Name, "since", e.Into.Since.String(), "into_nis", e.Into.NIS, "into", e.Into.Name)
}

func (e *MergedError) Error() string {
	return fmt.Sprintf("%s %s no longer exists since %s: merged into %s %s",
		e.NIS, e.Name, e.Into.Since.String(), e.Into.NIS, e.Into.Name)
}

// Select decides, for profile p, which clauses are in the agreement. It
// returns a *NotServedError or *MergedError for a municipality that cannot
// get an agreement under this release, and a diag.List when its NIS code,
// name or province do not match the release's municipal map, or when the
// profile's choices contradict the library (an unknown goal, a goal whose condition
// fails, a requirement or exclusion that cannot be met).
func (e *Engine) Select(p *profile.Profile) (*Selection, error) {
	lib := e.Lib
	nis := p.Municipality.NIS
	if ns, ok := lib.NotServedBy(nis); ok {
		return nil, &NotServedError{NIS: nis, Name: p.Municipality.Name, Reason: ns.Reason}
	}
	if m, ok := lib.MergedInto(nis); ok {
		_, notServed := lib.NotServedBy(m.NIS)
		return nil, &MergedError{NIS: nis, Name: p.Municipality.Name, Into: m, IntoNotServed: notServed}
	}
	if err := p.CheckMunicipality(lib, e.Elsewhere); err != nil {
		return nil, err
	}
	var probs diag.List
	env := EnvFor(lib, p)
	chosen := map[string]bool{}
	for _, g := range p.Goals {
		c := lib.Clause(g)
		switch {
		case c == nil:
			probs.Add(p.Problem("doelstellingen", "err.goal.unknown", diag.A("id", g)))
		case c.Kind != library.Optional:
			probs.Add(p.Problem("doelstellingen", "err.goal.not_optional", diag.A("id", g, "kind", string(c.Kind))))
		default:
			chosen[g] = true
		}
	}
	for id := range p.Params {
		if lib.Clause(id) == nil {
			probs.Add(p.Problem("parameters."+id, "err.params.unknown_clause", diag.A("id", id)))
		}
	}

	e.checkRequired(p, env, &probs)
	sel := &Selection{Env: env}
	index := map[string]int{}
	for i, c := range lib.Clauses {
		d := Decision{Clause: c}
		if cond := e.conditions[c.ID]; cond != nil {
			ok, err := cond.Eval(env)
			if err != nil {
				probs.Add(c.Problem("voorwaarde", "err.condition.eval", diag.A("id", c.ID)))
			}
			d.Condition, d.Result, d.Bindings = cond.Src, ok, cond.Values(env)
		}
		switch c.Kind {
		case library.Mandatory:
			d.In, d.Why = true, WhyMandatory
		case library.Conditional:
			d.In = d.Result
			d.Why = WhyConditionFalse
			if d.In {
				d.Why = WhyConditionTrue
			}
		case library.Optional:
			d.Why = WhyNotChosen
			if chosen[c.ID] {
				d.In, d.Why = d.Condition == "" || d.Result, WhyChosen
				if !d.In {
					d.Why = WhyConditionFalse
					probs.Add(p.Problem("doelstellingen", "err.goal.condition_false",
						diag.A("id", c.ID, "condition", d.Condition, "values", d.Args()["values"])))
				}
			}
		}
		index[c.ID] = i
		sel.Decisions = append(sel.Decisions, d)
	}
	// Pull in optional clauses that included clauses require, until nothing changes.
	for changed := true; changed; {
		changed = false
		for _, d := range sel.Decisions {
			if !d.In {
				continue
			}
			for _, req := range d.Clause.Requires {
				r := &sel.Decisions[index[req]]
				if r.In || r.RequiredBy != "" {
					continue
				}
				r.RequiredBy = d.Clause.ID
				if r.Clause.Kind == library.Optional && (r.Condition == "" || r.Result) {
					r.In, r.Why, changed = true, WhyRequired, true
					continue
				}
				probs.Add(p.Problem("doelstellingen", "err.requires.unmet", diag.A("id", d.Clause.ID, "required", req)))
			}
		}
	}
	for _, d := range sel.Decisions {
		if !d.In {
			continue
		}
		for _, x := range d.Clause.Excludes {
			o := sel.Decisions[index[x]]
			mutual := contains(o.Clause.Excludes, d.Clause.ID)
			if o.In && (!mutual || d.Clause.ID < x) { // report a mutual exclusion once
				probs.Add(p.Problem("doelstellingen", "err.excludes.conflict", diag.A("id", d.Clause.ID, "other", x)))
			}
		}
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return sel, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Explanation is one decision as "ovk explain --json" and the API show it.
type Explanation struct {
	ID         string    `json:"id"`
	Version    int       `json:"versie"`
	Title      string    `json:"titel"`
	Kind       string    `json:"soort"`
	Chapter    string    `json:"hoofdstuk"`
	In         bool      `json:"opgenomen"`
	Reason     string    `json:"reden"`
	Text       string    `json:"uitleg"`
	Condition  string    `json:"voorwaarde,omitempty"`
	Bindings   []Binding `json:"waarden,omitempty"`
	RequiredBy string    `json:"vereist_door,omitempty"`
}

// Explain returns every decision of the selection, in library order, with
// its reason put into words by t.
func (s *Selection) Explain(t diag.Translator) []Explanation {
	out := make([]Explanation, 0, len(s.Decisions))
	for _, d := range s.Decisions {
		c := d.Clause
		out = append(out, Explanation{ID: c.ID, Version: c.Version, Title: c.Title, Kind: string(c.Kind),
			Chapter: c.Chapter, In: d.In, Reason: string(d.Why), Text: t(string(d.Why), d.Args()),
			Condition: d.Condition, Bindings: d.Bindings, RequiredBy: d.RequiredBy})
	}
	return out
}

// checkRequired refuses a profile that lacks a key the release requires
// ([[vereist]]) where the requirement's condition holds, at the position of
// the nearest table the profile has, with the release's reason.
func (e *Engine) checkRequired(p *profile.Profile, env Env, probs *diag.List) {
	for i, r := range e.Lib.Requirements {
		if r.Key == "" || p.Has(r.Key) {
			continue
		}
		if i < len(e.required) && e.required[i] != nil {
			cond := e.required[i]
			if ok, err := cond.Eval(env); err != nil || !ok {
				continue
			}
		}
		pr := p.Problem(r.Key, "err.require.missing", diag.A("key", r.Key, "why", r.Why, "release", e.Lib.Version))
		if pr.Line == 0 && p.SourceFormat == "toml" {
			pr.Line, pr.Col = 1, 1
		}
		probs.Add(pr)
	}
}
