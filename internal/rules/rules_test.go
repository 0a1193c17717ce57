package rules_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
	"github.com/agii/ovk/internal/testlib"
)

func engine(t *testing.T, edits map[string]string) *rules.Engine {
	t.Helper()
	lib, err := library.Load(testlib.FS(edits), "lib")
	if err != nil {
		t.Fatal(err)
	}
	e, err := rules.New(lib)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func prof(t *testing.T, edit func(string) string) *profile.Profile {
	t.Helper()
	src := testlib.Profile
	if edit != nil {
		src = edit(src)
	}
	p, err := profile.Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func rep(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic(old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

// TestSelect is the rule table: for a profile, which clauses are in, and why.
func TestSelect(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(string) string
		in   map[string]rules.Why // clauses expected in, with reason
		out  map[string]rules.Why // clauses expected out, with reason
	}{
		{"default profile", nil,
			map[string]rules.Why{"voorwerp": rules.WhyMandatory, "ocmw": rules.WhyConditionTrue,
				"buddies": rules.WhyChosen, "analyse": rules.WhyRequired},
			map[string]rules.Why{"geen_ocmw": rules.WhyConditionFalse, "groot": rules.WhyNotChosen, "klein": rules.WhyNotChosen}},
		{"no OCMW of its own (Herstappe)", rep("inwoners = 15200", "inwoners = 90\neigen_ocmw = false"),
			map[string]rules.Why{"geen_ocmw": rules.WhyConditionTrue},
			map[string]rules.Why{"ocmw": rules.WhyConditionFalse}},
		{"large city chooses the city network", func(s string) string {
			return rep("inwoners = 15200", "inwoners = 60000")(rep(`doelstellingen = ["buddies"]`, `doelstellingen = ["buddies", "groot"]`)(s))
		},
			map[string]rules.Why{"groot": rules.WhyChosen}, nil},
		{"centrumstad qualifies below 50000", func(s string) string {
			return rep("inwoners = 15200", "inwoners = 15200\ncentrumstad = true")(rep(`doelstellingen = ["buddies"]`, `doelstellingen = ["groot"]`)(s))
		}, map[string]rules.Why{"groot": rules.WhyChosen}, map[string]rules.Why{"buddies": rules.WhyNotChosen, "analyse": rules.WhyNotChosen}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := engine(t, map[string]string{"geen_ocmw.toml": testlib.Replace("geen_ocmw.toml", "verplicht = true", "standaard = \"x\"")})
			sel, err := e.Select(prof(t, c.edit))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]rules.Decision{}
			for _, d := range sel.Decisions {
				got[d.Clause.ID] = d
			}
			for id, why := range c.in {
				if d := got[id]; !d.In || d.Why != why {
					t.Errorf("%s: got in=%v %s, want in %s", id, d.In, d.Why, why)
				}
			}
			for id, why := range c.out {
				if d := got[id]; d.In || d.Why != why {
					t.Errorf("%s: got in=%v %s, want out %s", id, d.In, d.Why, why)
				}
			}
		})
	}
}

func TestSelectExplainsValues(t *testing.T) {
	e := engine(t, nil)
	sel, err := e.Select(prof(t, rep(`doelstellingen = ["buddies"]`, `doelstellingen = ["klein"]`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range sel.Decisions {
		if d.Clause.ID == "groot" {
			if d.Condition != "inwoners >= 50000 || centrumstad" {
				t.Errorf("condition: %q", d.Condition)
			}
			if got := d.Args()["values"]; got != "centrumstad = false, inwoners = 15200" {
				t.Errorf("values: %q", got)
			}
		}
	}
}

// TestSelectProblems covers profiles whose choices the library refuses.
func TestSelectProblems(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(string) string
		id   string
	}{
		{"unknown goal", rep(`["buddies"]`, `["buddys"]`), "err.goal.unknown"},
		{"mandatory clause listed as a goal", rep(`["buddies"]`, `["buddies", "voorwerp"]`), "err.goal.not_optional"},
		{"goal whose condition fails", rep(`["buddies"]`, `["groot"]`), "err.goal.condition_false"},
		{"goals that exclude each other", func(s string) string {
			return rep("inwoners = 15200", "inwoners = 60000")(rep(`["buddies"]`, `["groot", "klein"]`)(s))
		}, "err.excludes.conflict"},
		{"parameters of an unknown clause", func(s string) string { return s + "\n[parameters.buddys]\naantal = 1\n" }, "err.params.unknown_clause"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := engine(t, nil).Select(prof(t, c.edit))
			var list diag.List
			if !errors.As(err, &list) {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range list {
				if p.ID == c.id {
					if p.File != "p.toml" || p.Line == 0 {
						t.Errorf("problem without position: %+v", p)
					}
					return
				}
			}
			t.Errorf("want %s, got %v", c.id, list)
		})
	}
}

func TestNotServedAndMerged(t *testing.T) {
	e := engine(t, nil)
	_, err := e.Select(prof(t, rep(`nis = "23060"`, `nis = "11002"`)))
	var ns *rules.NotServedError
	if !errors.As(err, &ns) || ns.NIS != "11002" {
		t.Errorf("Antwerpen: want NotServedError, got %v", err)
	}
	_, err = e.Select(prof(t, rep(`nis = "23060"`, `nis = "73083"`)))
	var m *rules.MergedError
	if !errors.As(err, &m) || m.Into.NIS != "73111" {
		t.Errorf("Tongeren: want MergedError into 73111, got %v", err)
	}
	sel, err := e.Select(prof(t, rep(`nis = "23060"`+"\n"+`naam = "Opwijk"`+"\n"+`soort = "gemeente"`+"\n"+`provincie = "Vlaams-Brabant"`,
		`nis = "73111"`+"\n"+`naam = "Tongeren-Borgloon"`+"\n"+`soort = "stad"`+"\n"+`provincie = "Limburg"`)))
	if err != nil || !sel.Env.Merged {
		t.Errorf("Tongeren-Borgloon: want gefusioneerd = true, got %v, %v", sel, err)
	}
}

// TestConditionErrors: a condition that does not compile, or is not
// boolean, is a lint problem at the condition's line and column.
func TestConditionErrors(t *testing.T) {
	for _, c := range []struct {
		cond string
		col  int
	}{
		{"inwoners >", 24},
		{"inwoners + 1", 0},
		{"inwonerz > 3", 0},
		{`naam == 3`, 0},
	} {
		lib, err := library.Load(testlib.FS(map[string]string{
			"groot.toml": testlib.Replace("groot.toml", `"inwoners >= 50000 || centrumstad"`, `"`+c.cond+`"`)}), "lib")
		if err != nil {
			t.Fatal(err)
		}
		_, err = rules.New(lib)
		var list diag.List
		if !errors.As(err, &list) || len(list) != 1 {
			t.Fatalf("%q: want one problem, got %v", c.cond, err)
		}
		p := list[0]
		if p.ID != "err.condition" || p.File != "lib/groot.toml" || p.Line != 5 || p.Key != "voorwaarde" || p.Detail == "" {
			t.Errorf("%q: got %+v", c.cond, p)
		}
		if c.col != 0 && p.Col != c.col {
			t.Errorf("%q: column %d, want %d", c.cond, p.Col, c.col)
		}
	}
}
