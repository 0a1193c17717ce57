package ovk

import (
	"context"
	"strings"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/register"
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
	// From and To are the releases compared ("" the default). With Signed
	// each municipality's old release is the one its signed record names
	// (ovk register sign), and From is not used.
	From, To string
	Signed   bool
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
	// Unsigned lists the municipalities of the register without a signed
	// record ("NIS name"), left out of a comparison against the signed
	// releases.
	Unsigned []string `json:"unsigned,omitempty"`
}

// Impact drafts every profile of the register under both releases, without
// rendering, compares the two agreements of each (compare.Documents, as
// diff and verify do), and reports per municipality and per clause what
// changes. The releases' validity windows do not apply: the preview
// compares.
func (c *Catalog) Impact(ctx context.Context, o ImpactOptions) (*ImpactView, error) {
	to, err := c.Drafter(o.To)
	if err != nil {
		return nil, err
	}
	opt := compare.ImpactOptions{To: to.Unbounded(), Register: o.Register, Describe: o.Describe, Translate: o.Translate}
	var unsigned []string
	if o.Signed {
		reg, fromOf, missing, err := c.signedReleases(o.Register)
		if err != nil {
			return nil, err
		}
		opt.Register, opt.FromOf, unsigned = reg, fromOf, missing
		opt.From = to.Unbounded() // names the library only; FromOf decides
	} else {
		from, err := c.Drafter(o.From)
		if err != nil {
			return nil, err
		}
		opt.From = from.Unbounded()
	}
	im, err := compare.Impact(ctx, opt)
	if err != nil {
		return nil, err
	}
	if o.Signed {
		im.From = SignedFrom
	}
	return &ImpactView{Schema: SchemaImpact, Impact: im, Unsigned: unsigned}, nil
}

// SignedFrom is the From of an impact against each municipality's signed
// release.
const SignedFrom = "ondertekend"

// signedReleases reads the signed records of reg: the register of the
// entries that have one, each entry's signed release, and the entries
// without one ("NIS name"). A register without any record is refused.
func (c *Catalog) signedReleases(reg *Register) (*Register, func(*register.Entry) *draft.Drafter, []string, error) {
	recs, err := SignedRecords(reg)
	if err != nil {
		return nil, nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, nil, usage("err.signed.none", "register", reg.Name)
	}
	sub := *reg
	sub.Entries = nil
	var missing []string
	drafters := map[*register.Entry]*draft.Drafter{}
	for _, e := range reg.Entries {
		r, ok := recs[e.NIS]
		if !ok {
			missing = append(missing, strings.TrimSpace(e.NIS+" "+e.Name))
			continue
		}
		d, err := c.Drafter(r.Release)
		if err != nil {
			return nil, nil, nil, err
		}
		drafters[e] = d.Unbounded()
		sub.Entries = append(sub.Entries, e)
	}
	return &sub, func(e *register.Entry) *draft.Drafter { return drafters[e] }, missing, nil
}
