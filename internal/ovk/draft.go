package ovk

import (
	"bytes"
	"errors"
	"io"
	"io/fs"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/profile"
)

// Format is an output format of an agreement.
type Format = draft.Format

// The output formats of an agreement.
const (
	PDF  = draft.PDF
	Text = draft.Text
	DOCX = draft.DOCX
)

// ParseFormat checks an agreement format named by the user.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case PDF, Text, DOCX:
		return f, nil
	}
	return "", usage("err.format", "format", s)
}

// Version is the version of ovk, written into every manifest.
func Version() string { return draft.Version }

// VersionInfo is the JSON form of "ovk version --json".
type VersionInfo struct {
	Schema  string `json:"schema"`
	Version string `json:"version"`
}

// CurrentVersion describes this build.
func CurrentVersion() VersionInfo { return VersionInfo{Schema: SchemaVersion, Version: draft.Version} }

// Agreement is one agreement drafted under a release, before rendering.
type Agreement struct {
	Profile *profile.Profile
	d       *draft.Drafter
	res     *draft.Result
}

// Release is the version of the release the agreement was drafted under.
func (a *Agreement) Release() string { return a.d.Lib.Version }

// Draft reports whether the release is a draft (not approved): every page
// of the agreement says ONTWERP.
func (a *Agreement) Draft() bool { return !a.d.Lib.Approved() }

// Articles is the number of articles of the agreement.
func (a *Agreement) Articles() int { return len(a.res.Doc.Meta.Manifest.Clauses) }

// Render writes the agreement in format f to w.
func (a *Agreement) Render(w io.Writer, f Format) error { return draft.Render(w, a.res.Doc, f) }

// Bytes renders the agreement into memory.
func (a *Agreement) Bytes(f Format) ([]byte, error) {
	var b bytes.Buffer
	if err := a.Render(&b, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ParseProfile reads a profile from its bytes: TOML, or JSON when asJSON;
// name names it in problems.
func ParseProfile(name string, src []byte, asJSON bool) (*profile.Profile, error) {
	if asJSON {
		return profile.ParseJSON(name, src)
	}
	return profile.Parse(name, src)
}

// Prepare drafts p under release (select and assemble): the agreement is
// then rendered in any format. A refusal of the municipality (not served,
// merged) points at gemeente.nis; an agreement dated outside the release's
// validity window is refused at overeenkomst.datum.
func (c *Catalog) Prepare(release string, p *profile.Profile) (*Agreement, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	res, err := d.Prepare(p)
	if err != nil {
		return nil, refusal(p, err)
	}
	return &Agreement{Profile: p, d: d, res: res}, nil
}

// Draft drafts p under release and writes it in format f to w.
func (c *Catalog) Draft(w io.Writer, release string, p *profile.Profile, f Format) (*Agreement, error) {
	a, err := c.Prepare(release, p)
	if err != nil {
		return nil, err
	}
	return a, a.Render(w, f)
}

// DraftFile drafts the profile in file under release and writes it in
// format f to out, atomically: out is the whole agreement or untouched.
func (c *Catalog) DraftFile(release, file, out string, f Format) (*Agreement, error) {
	p, err := LoadProfile(file)
	if err != nil {
		return nil, err
	}
	return c.DraftTo(release, p, out, f)
}

// DraftTo drafts p under release and writes it in format f to out,
// atomically.
func (c *Catalog) DraftTo(release string, p *profile.Profile, out string, f Format) (*Agreement, error) {
	a, err := c.Prepare(release, p)
	if err != nil {
		return nil, err
	}
	data, err := a.Bytes(f)
	if err != nil {
		return nil, err
	}
	if err := fsutil.WriteFile(out, data, 0o644); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return nil, &fs.PathError{Op: "write", Path: out, Err: pe.Err}
		}
		return nil, err
	}
	return a, nil
}

// Explain runs the rules for p under release and says, clause by clause,
// whether it is in and why, in the language of t.
func (c *Catalog) Explain(release string, p *profile.Profile, t diag.Translator) (*Explanation, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	sel, err := d.Explain(p)
	if err != nil {
		return nil, refusal(p, err)
	}
	return &Explanation{Schema: SchemaExplain, Municipality: municipality(p), Library: d.Lib.ID,
		Release: d.Lib.Version, Clauses: decisions(sel.Explain(t))}, nil
}

// ExplainFile is Explain for the profile in file.
func (c *Catalog) ExplainFile(release, file string, t diag.Translator) (*Explanation, error) {
	p, err := LoadProfile(file)
	if err != nil {
		return nil, err
	}
	return c.Explain(release, p, t)
}

// View is the JSON form of the agreement, with the rules' explanation in
// the language of t.
func (a *Agreement) View(t diag.Translator) *AgreementView {
	doc := a.res.Doc
	return &AgreementView{Schema: SchemaAgreement, Library: a.d.Lib.ID, Release: a.d.Lib.Version,
		ToolVersion: doc.Meta.ToolVersion, ProfileSHA256: doc.Meta.ProfileSHA256,
		Municipality: municipality(a.Profile), Document: doc, Explanation: decisions(a.res.Selection.Explain(t))}
}
