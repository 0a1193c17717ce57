package ovk

import (
	"context"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/diag"
)

// The impact preview's types, as its front ends see them.
type (
	Impact             = batch.Impact
	ImpactOutcome      = batch.Outcome
	MunicipalityImpact = batch.MunicipalityImpact
	ChangeKind         = batch.ChangeKind
)

// The kinds of change of an impact.
const (
	ImpactAdded    = batch.Added
	ImpactRemoved  = batch.Removed
	ImpactText     = batch.Text
	ImpactParams   = batch.Params
	ImpactMoved    = batch.Moved
	ImpactVersion  = batch.Version
	ImpactRecitals = batch.Recitals
)

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
// rendering, and reports per municipality and per clause what changes. The
// releases' validity windows do not apply: the preview compares.
func (c *Catalog) Impact(ctx context.Context, o ImpactOptions) (*ImpactView, error) {
	from, err := c.Drafter(o.From)
	if err != nil {
		return nil, err
	}
	to, err := c.Drafter(o.To)
	if err != nil {
		return nil, err
	}
	im, err := batch.CompareReleases(ctx, batch.ImpactOptions{From: from.Unbounded(), To: to.Unbounded(),
		Register: o.Register, Describe: o.Describe, Translate: o.Translate})
	if err != nil {
		return nil, err
	}
	return &ImpactView{Schema: SchemaImpact, Impact: im}, nil
}
