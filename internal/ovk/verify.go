package ovk

import (
	"bytes"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/pdfrev"
)

// Revision is an incremental update after the bytes ovk drafted.
type Revision = pdfrev.Revision

// The outcomes of verify, with their exit codes in the command line.
const (
	// Identical: the release drafts the PDF byte for byte (exit 0).
	Identical = string(compare.Identical)
	// SameContent: other bytes, the same agreement clause for clause under
	// the same release, as when another ovk version or another tool wrote
	// the file (exit 4).
	SameContent = string(compare.SameContent)
	// Differs: the release would draft the PDF differently; Changes say
	// how (exit 3).
	Differs = string(compare.Differs)
	// CannotRedraft: the embedded profile no longer drafts under the
	// release; Error says why (exit 3).
	CannotRedraft = "cannot_redraft"
)

// VerifyResult is what verify found for one PDF ("ovk verify --json",
// POST /v1/verify).
type VerifyResult struct {
	Schema  string `json:"schema"`
	File    string `json:"file"`
	Release string `json:"release"`
	Outcome string `json:"outcome"`
	// Drafted is what made the PDF, by its manifest; Now what drafts it
	// again (absent when the profile cannot be drafted again).
	Drafted *Provenance `json:"drafted"`
	Now     *Provenance `json:"now,omitempty"`
	// Changes list, clause by clause and for the parts outside the
	// articles, how the agreement the PDF carries differs from the one
	// drafted now, in the words of diff and impact (Differs).
	Changes []Change `json:"changes,omitempty"`
	// Revisions are the incremental updates after the bytes ovk drafted
	// (signatures, annotations): a signed copy is Identical with its
	// revisions listed; one whose revisions change what the drafted PDF
	// shows or carries Differs.
	Revisions []Revision `json:"revisions,omitempty"`
	// Error is why the profile cannot be drafted again (CannotRedraft).
	Error *ErrorView `json:"error,omitempty"`

	// Err is the error behind Error.
	Err error `json:"-"`
}

// Provenance names the library release and the ovk version that drafted
// an agreement.
type Provenance struct {
	LibraryID      string `json:"library_id"`
	LibraryVersion string `json:"library_version"`
	ToolVersion    string `json:"tool_version"`
	// Approval is the state of the release when the agreement was drafted
	// (absent in manifests before issue 12).
	Approval *document.ManifestRelease `json:"approval,omitempty"`
}

func provenance(m *document.Manifest) *Provenance {
	return &Provenance{LibraryID: m.LibraryID, LibraryVersion: m.LibraryVersion, ToolVersion: m.ToolVersion, Approval: m.Release}
}

// Verify drafts the profile embedded in the PDF data (named name) again and
// compares the result byte for byte, and, when the bytes differ, the
// agreement the PDF carries with the one drafted now (compare.Verify, the
// comparator of diff and impact). The release is the one named, or, for
// "", the one the PDF names when the catalog has it, else the default. The
// error is for a PDF that is not one ovk drafted, or an unknown release;
// the translator t words the error of a PDF that cannot be redrafted.
func (c *Catalog) Verify(release, name string, data []byte, t diag.Translator) (*VerifyResult, error) {
	emb, format, err := readEmbedded(data)
	if err != nil {
		return nil, &Error{Code: InvalidPDF, ID: "err.verify.unreadable", Args: diag.A("file", name, "detail", err.Error()), Err: err}
	}
	p, err := EmbeddedProfile(name, emb)
	if err == nil && p == nil {
		return nil, &Error{Code: InvalidPDF, ID: "err.verify.unreadable", Args: diag.A("file", name, "detail", "no profile.toml")}
	}
	if release == "" {
		if _, lerr := c.Release(emb.Manifest.LibraryVersion); lerr == nil {
			release = emb.Manifest.LibraryVersion
		}
	}
	r, rerr := c.Release(release)
	if rerr != nil {
		return nil, rerr
	}
	res := &VerifyResult{Schema: SchemaVerify, File: name, Release: r.Version(), Drafted: provenance(&emb.Manifest)}
	var a *Agreement
	var now []byte
	if err == nil {
		a, err = c.Prepare(release, p)
	}
	if err == nil {
		now, err = a.Bytes(format)
	}
	if err != nil {
		if ErrorCode(err) == UnknownRelease || ErrorCode(err) == Internal {
			return nil, err
		}
		v := AsError(err).View(t)
		res.Outcome, res.Error, res.Err = CannotRedraft, &v, err
		return res, nil
	}
	res.Now = provenance(&a.res.Doc.Meta.Manifest)
	identical := bytes.Equal(now, data)
	if !identical && len(data) > len(now) && bytes.HasPrefix(data, now) {
		// The drafted bytes, then incremental updates: a signed copy.
		if revs, rerr := pdfrev.Updates(data, len(now)); rerr == nil {
			res.Revisions = revs
			if !pdfrev.ChangesContent(revs) {
				res.Outcome = Identical
				return res, nil
			}
		}
	}
	v, err := compare.Verify(compare.FromManifest(compare.SidePDF, name, &emb.Manifest, p),
		compare.FromDraft(compare.SideProfile, name, p, a.res.Selection, a.res.Doc), identical)
	if err != nil {
		return nil, &Error{Code: InvalidPDF, ID: "err.verify.unreadable", Args: diag.A("file", name, "detail", err.Error()), Err: err}
	}
	res.Outcome = string(v.Outcome)
	if pdfrev.ChangesContent(res.Revisions) {
		// A later revision changes the page content or an attachment: the
		// manifest no longer says what the reader sees.
		res.Outcome = Differs
	}
	if v.Outcome == compare.Differs {
		res.Changes = compare.ChangesOf(v.Report, t)
	}
	return res, nil
}

// VerifyFile is Verify for the PDF in file.
func (c *Catalog) VerifyFile(release, file string, t diag.Translator) (*VerifyResult, error) {
	data, err := fsutil.ReadFile(file, limits.Get().PDFBytes)
	if err != nil {
		return nil, err
	}
	return c.Verify(release, file, data, t)
}
