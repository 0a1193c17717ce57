// Package rules owns the selection of clauses: it compiles every clause's
// condition (an expr-lang expression over the municipality profile) when a
// library loads, and decides for one profile which clauses are in the
// agreement and why. It is the only package that imports expr.
package rules

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
)

// Env is what a condition can see of a profile. It is flat and holds no
// pointers; the expr tags are the names lawyers write in conditions.
type Env struct {
	NIS              string   `expr:"nis"`
	Name             string   `expr:"naam"`
	Province         string   `expr:"provincie"`
	Kind             string   `expr:"soort"`
	Population       int      `expr:"inwoners"`
	OwnOCMW          bool     `expr:"eigen_ocmw"`
	Merged           bool     `expr:"gefusioneerd"`
	CenterCity       bool     `expr:"centrumstad"`
	NewcomersPerYear int      `expr:"inburgeraars_per_jaar"`
	CouncilDecision  bool     `expr:"gemeenteraadsbesluit"`
	StartYear        int      `expr:"startjaar"`
	EndYear          int      `expr:"eindjaar"`
	Goals            []string `expr:"doelstellingen"`
}

// value returns the variable named name (an expr tag) of the environment.
func (e Env) value(name string) (any, bool) {
	switch name {
	case "nis":
		return e.NIS, true
	case "naam":
		return e.Name, true
	case "provincie":
		return e.Province, true
	case "soort":
		return e.Kind, true
	case "inwoners":
		return e.Population, true
	case "eigen_ocmw":
		return e.OwnOCMW, true
	case "gefusioneerd":
		return e.Merged, true
	case "centrumstad":
		return e.CenterCity, true
	case "inburgeraars_per_jaar":
		return e.NewcomersPerYear, true
	case "gemeenteraadsbesluit":
		return e.CouncilDecision, true
	case "startjaar":
		return e.StartYear, true
	case "eindjaar":
		return e.EndYear, true
	case "doelstellingen":
		return e.Goals, true
	}
	return nil, false
}

// EnvFor builds the environment of a profile under a library release.
func EnvFor(lib *library.Library, p *profile.Profile) Env {
	m := p.Municipality
	_, merged := lib.Merger(m.NIS)
	goals := append([]string{}, p.Goals...)
	return Env{
		NIS: m.NIS, Name: m.Name, Province: m.Province, Kind: m.Kind, Population: m.Population,
		OwnOCMW: m.HasOwnOCMW(), Merged: merged, CenterCity: m.CenterCity,
		NewcomersPerYear: m.NewcomersPerYear, CouncilDecision: p.Agreement.CouncilDecision != nil,
		StartYear: p.Agreement.From.Year, EndYear: p.Agreement.To.Year, Goals: goals,
	}
}

// Condition is a compiled clause condition.
type Condition struct {
	Src     string
	program *vm.Program
	// Names are the profile variables the condition reads, sorted.
	Names []string
}

// Compile compiles and type-checks a condition: it must use only Env's
// variables and yield a boolean.
func Compile(src string) (*Condition, error) {
	prog, err := expr.Compile(src, expr.Env(Env{}), expr.AsBool())
	if err != nil {
		return nil, err
	}
	c := &Condition{Src: src, program: prog}
	seen := map[string]bool{}
	node := prog.Node()
	ast.Walk(&node, collector(func(name string) {
		if _, ok := (Env{}).value(name); ok && !seen[name] {
			seen[name] = true
			c.Names = append(c.Names, name)
		}
	}))
	sort.Strings(c.Names)
	return c, nil
}

type collector func(string)

func (f collector) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok {
		f(id.Value)
	}
}

// Eval runs the condition against env.
func (c *Condition) Eval(env Env) (bool, error) {
	out, err := expr.Run(c.program, env)
	if err != nil {
		return false, err
	}
	b, ok := out.(bool)
	if !ok {
		return false, fmt.Errorf("condition %q gave %T, not a boolean", c.Src, out)
	}
	return b, nil
}

// Values returns the variables the condition reads with their values in env.
func (c *Condition) Values(env Env) []Binding {
	out := make([]Binding, 0, len(c.Names))
	for _, n := range c.Names {
		v, _ := env.value(n)
		out = append(out, Binding{n, v})
	}
	return out
}

// Binding is a variable with its value.
type Binding struct {
	Name  string `json:"naam"`
	Value any    `json:"waarde"`
}

// String renders "eigen_ocmw = true".
func (b Binding) String() string {
	switch v := b.Value.(type) {
	case string:
		return fmt.Sprintf("%s = %q", b.Name, v)
	case []string:
		return fmt.Sprintf("%s = [%s]", b.Name, strings.Join(v, ", "))
	}
	return fmt.Sprintf("%s = %v", b.Name, b.Value)
}

// Engine is a library with its conditions compiled.
type Engine struct {
	Lib        *library.Library
	conditions map[string]*Condition
	// Elsewhere, when set, names a release whose municipal map has a NIS
	// code that this release's map lacks ("" for none), so that a refusal
	// can say which release to use. The catalogue of releases sets it.
	Elsewhere func(nis string) string
	// required are the release's [[vereist]] conditions, by index (nil
	// for an entry that holds always).
	required []*Condition
}

// New compiles every condition of lib. All problems come back at once as a
// diag.List naming the clause file, line and column.
func New(lib *library.Library) (*Engine, error) {
	e := &Engine{Lib: lib, conditions: map[string]*Condition{}}
	var probs diag.List
	for _, c := range lib.Clauses {
		if c.Condition == "" {
			continue
		}
		cond, err := Compile(c.Condition)
		if err != nil {
			probs.Add(conditionProblem(c, err))
			continue
		}
		e.conditions[c.ID] = cond
	}
	for _, r := range lib.Requirements {
		key := fmt.Sprintf("vereist[%d]", r.Index)
		if r.Key != "" && !profile.KnownKey(r.Key) {
			probs.Add(lib.Problem(key+".sleutel", "err.require.unknown_key", diag.A("key", r.Key)))
		}
		var cond *Condition
		if r.Condition != "" {
			var err error
			if cond, err = Compile(r.Condition); err != nil {
				p := lib.Problem(key+".voorwaarde", "err.condition", nil)
				p.Detail = err.Error()
				probs.Add(p)
			}
		}
		e.required = append(e.required, cond)
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return e, nil
}

// conditionProblem places an expr error at the right column of the
// voorwaarde value in the clause file.
func conditionProblem(c *library.Clause, err error) diag.Problem {
	p := c.Problem("voorwaarde", "err.condition", nil)
	msg := err.Error()
	var fe *file.Error
	if errors.As(err, &fe) {
		msg = fe.Message
		if v := c.ValuePos("voorwaarde"); v.Line > 0 && fe.Line <= 1 {
			p.Line, p.Col = v.Line, v.Col+fe.Column
		}
	}
	p.Detail = msg
	return p
}
