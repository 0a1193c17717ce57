package ovk

import (
	"context"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
)

// The impact preview's types, as its front ends see them (package compare
// computes them).
type (
	Impact             = compare.ImpactReport
	ImpactOutcome      = compare.ImpactOutcome
	MunicipalityImpact = compare.MunicipalityImpact
	// Change is one change of one agreement, for impact and verify alike.
	Change = compare.Change
	// Status is what happened to a clause, in the one vocabulary of diff,
	// impact and verify.
	Status = compare.Status
)

// The statuses of a clause (see compare.Status).
const (
	Added        = compare.Added
	Removed      = compare.Removed
	Changed      = compare.Changed
	ValueChanged = compare.ValueChanged
	Moved        = compare.Moved
	VersionOnly  = compare.VersionOnly
	Renumbered   = compare.Renumbered
	Unchanged    = compare.Unchanged
)

// The parts of an agreement outside its articles, as Change.Part names them.
const (
	PartFront    = compare.PartFront
	PartRecitals = compare.PartRecitals
	PartBack     = compare.PartBack
)

// Mark is the one-character sign of a status in terminal views.
func Mark(s Status) string { return compare.Mark(s) }

// ImpactOptions configure an impact preview.
type ImpactOptions struct {
	// From and To are the releases compared ("" the default).
	From, To string
	Register *Register
	// Describe turns an error into text; Translate a message id with its
	// arguments.
	Describe  func(error) string
	Translate diag.Translator
}

// ImpactView is the JSON form of an impact ("ovk impact --json").
type ImpactView struct {
	Schema string `json:"schema"`
	*Impact
}

// Impact drafts every profile of the register under both releases, without
// rendering, compares the two agreements of each (compare.Documents, as
// diff and verify do), and reports per municipality and per clause what
// changes. The releases' validity windows do not apply: the preview
// compares.
func (c *Catalog) Impact(ctx context.Context, o ImpactOptions) (*ImpactView, error) {
	from, err := c.Drafter(o.From)
	if err != nil {
		return nil, err
	}
	to, err := c.Drafter(o.To)
	if err != nil {
		return nil, err
	}
	im, err := compare.Impact(ctx, compare.ImpactOptions{From: from.Unbounded(), To: to.Unbounded(),
		Register: o.Register, Describe: o.Describe, Translate: o.Translate})
	if err != nil {
		return nil, err
	}
	return &ImpactView{Schema: SchemaImpact, Impact: im}, nil
}
