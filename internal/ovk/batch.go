package ovk

import (
	"context"
	"io"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/register"
)

// Register is a register of municipalities: a CSV completed by a base
// profile, or a folder of profiles.
type Register = register.Register

// LoadRegister reads the register at path (a CSV file, completed by the
// base profile basePath or the built-in one, or a folder of profiles).
func LoadRegister(path, basePath string) (*Register, error) { return register.Load(path, basePath) }

// ReadRegisterCSV reads a CSV register named name from r, completed by the
// built-in base profile.
func ReadRegisterCSV(name string, r io.Reader) (*Register, error) {
	return register.ReadCSV(name, r, register.Base{Name: register.DefaultBaseName, Src: register.DefaultBase})
}

// The batch's types, as its front ends see them.
type (
	BatchManifest = batch.Manifest
	// BatchManifestError is the batch's error when its final manifest
	// could not be written.
	BatchManifestError = batch.ManifestError
	BatchItem          = batch.Item
	BatchCounts        = batch.Counts
	BatchStatus        = batch.Status
)

// The statuses of a batch item.
const (
	BatchOK        = batch.OK
	BatchNotServed = batch.NotServed
	BatchMerged    = batch.Merged
	BatchFailed    = batch.Failed
)

// The manifest files of a batch's output folder.
const (
	BatchManifestJSON = batch.ManifestJSON
	BatchManifestCSV  = batch.ManifestCSV
)

// BatchOptions configure a batch.
type BatchOptions struct {
	// Release is the release drafted under ("" the default).
	Release  string
	Register *Register
	// Out is the output folder; it is created if needed.
	Out string
	// Force drafts every agreement, changed or not.
	Force bool
	// Draft allows a release that is not approved: a draft run whose every
	// page says ONTWERP (ovk batch --ontwerp).
	Draft bool
	// Workers bounds the agreements drafted at once (0: one per core).
	Workers int
	// Describe turns an error into the text the manifest records.
	Describe func(error) string
	// OnItem is called once per municipality as it finishes.
	OnItem func(it *BatchItem, done, total int)
}

// Batch drafts every municipality of the register under one release (see
// batch.Run): each agreement dated outside the release's validity window
// is a failed item naming the release to use. A release that is not
// approved is refused unless o.Draft asks for a draft run.
func (c *Catalog) Batch(ctx context.Context, o BatchOptions) (*BatchManifest, error) {
	d, err := c.Drafter(o.Release)
	if err != nil {
		return nil, err
	}
	if err := c.CheckBatchRelease(o.Release, o.Draft); err != nil {
		return nil, err
	}
	return batch.Run(ctx, batch.Options{Drafter: d, Register: o.Register, Out: o.Out, Force: o.Force,
		Workers: o.Workers, Describe: o.Describe, OnItem: o.OnItem})
}

// CheckBatchRelease refuses a batch under release (the default for "")
// when the release is not approved, unless draft asks for a draft run.
func (c *Catalog) CheckBatchRelease(release string, draft bool) error {
	d, err := c.Drafter(release)
	if err != nil {
		return err
	}
	if !d.Lib.Approved() && !draft {
		return usage("err.batch.release_draft", "release", d.Lib.Version)
	}
	return nil
}

// BatchSummary is the last line of "ovk batch --json": the counts of the
// run and where its manifest is.
type BatchSummary struct {
	Schema  string      `json:"schema"`
	Summary BatchCounts `json:"summary"`
	Library string      `json:"library"`
	Release string      `json:"release"`
	// Manifest is empty when the run could not write its manifest.
	Manifest string `json:"manifest"`
	Complete bool   `json:"complete"`
}

// BatchItemLine is one line of "ovk batch --json": a manifest item as it
// finishes.
type BatchItemLine struct {
	Schema string `json:"schema"`
	*BatchItem
}

// FileName makes the ASCII file name of an agreement, "23060-opwijk.pdf",
// the way a batch names its files.
func FileName(nis, name, ext string) string {
	s := register.Slug(name)
	switch {
	case nis != "" && s != "":
		s = nis + "-" + s
	case nis != "":
		s = nis
	case s == "":
		s = "overeenkomst"
	}
	return s + ext
}
