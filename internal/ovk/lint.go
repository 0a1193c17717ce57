package ovk

import (
	"errors"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
)

// LintedRelease is a release that passed lint.
type LintedRelease struct {
	Name    string `json:"name"`
	Dir     string `json:"dir"`
	Clauses int    `json:"clauses"`
	// Status is the release's state (ontwerp, goedgekeurd); Approvable
	// says, for a draft, whether it can be approved: only when no value is
	// left to confirm.
	Status     string `json:"status"`
	Approvable *bool  `json:"approvable,omitempty"`
	// Unconfirmed counts the release's values still to confirm.
	Unconfirmed int `json:"-"`
}

// LintReport is what lint found: the releases without problems, and every
// problem of the others (and of the set) at once.
type LintReport struct {
	Releases []LintedRelease `json:"releases"`
	Problems diag.List       `json:"-"`
	// Warnings are the printed values still to be confirmed
	// ([[te_bevestigen]]); Strict makes them problems.
	Warnings diag.List `json:"-"`
}

// AddProfile adds the values profile p still has to confirm.
func (rep *LintReport) AddProfile(p *profile.Profile) {
	rep.Warnings = append(rep.Warnings, p.Unconfirmed()...)
}

// Strict makes every value still to be confirmed a problem (lint --streng):
// a release or profile with one is not approvable.
func (rep *LintReport) Strict() {
	rep.Problems, rep.Warnings = append(rep.Problems, library.Escalate(rep.Warnings)...), nil
}

// Lint loads and checks release name, or every release for "", and reports
// every problem at once. The error is for what is not a problem of the
// library (an unknown release, a read error).
func (c *Catalog) Lint(name string) (*LintReport, error) {
	rels := c.all
	if name != "" {
		r, err := c.Release(name)
		if err != nil {
			return nil, err
		}
		rels = []*Release{r}
	}
	rep := &LintReport{Releases: []LintedRelease{}}
	for _, r := range rels {
		d, err := r.Drafter()
		var list diag.List
		switch {
		case errors.As(err, &list):
			rep.Problems = append(rep.Problems, list...)
		case err != nil:
			return nil, err
		default:
			open := d.Lib.Unconfirmed()
			rep.Warnings = append(rep.Warnings, open...)
			lr := LintedRelease{Name: d.Lib.Version, Dir: d.Lib.Dir, Clauses: len(d.Lib.Clauses), Status: string(d.Lib.Status)}
			if !d.Lib.Approved() {
				ok := len(open) == 0
				lr.Approvable, lr.Unconfirmed = &ok, len(open)
			}
			rep.Releases = append(rep.Releases, lr)
		}
	}
	for _, p := range c.problems {
		for _, r := range rels {
			if p.File == r.Dir+"/library.toml" {
				rep.Problems = append(rep.Problems, p)
			}
		}
	}
	return rep, nil
}
