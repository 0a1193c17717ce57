package ovk

import (
	"bytes"
	"os"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/pdf"
)

// The outcomes of verify.
const (
	// Identical: the release drafts the PDF byte for byte.
	Identical = "identical"
	// Differs: the release would draft the PDF differently; Changes say how.
	Differs = "differs"
	// CannotRedraft: the embedded profile no longer drafts under the
	// release; Error says why.
	CannotRedraft = "cannot_redraft"
)

// VerifyResult is what verify found for one PDF ("ovk verify --json",
// POST /v1/verify).
type VerifyResult struct {
	Schema  string `json:"schema"`
	File    string `json:"file"`
	Release string `json:"release"`
	Outcome string `json:"outcome"`
	// Changes list, clause by clause, how the manifest of a PDF that
	// differs differs from the one drafted now.
	Changes []VerifyChange `json:"changes,omitempty"`
	// Error is why the profile cannot be drafted again (CannotRedraft).
	Error *ErrorView `json:"error,omitempty"`

	// Err is the error behind Error.
	Err error `json:"-"`
}

// The kinds of VerifyChange.
const (
	ChangeLibrary    = "library"     // another library or release: Old and New name it
	ChangeTool       = "tool"        // another ovk version: Old and New
	ChangeAdded      = "added"       // a clause would come in
	ChangeRemoved    = "removed"     // a clause would go
	ChangeText       = "changed"     // a clause's text or version differs
	ChangeMoved      = "moved"       // same text, another article number
	ChangeLayoutOnly = "layout_only" // the clauses are the same; layout or metadata differ
)

// VerifyChange is one difference between the embedded and the redrafted
// manifest.
type VerifyChange struct {
	Kind       string `json:"kind"`
	Clause     string `json:"clause,omitempty"`
	Old        string `json:"old,omitempty"`
	New        string `json:"new,omitempty"`
	OldVersion int    `json:"old_version,omitempty"`
	NewVersion int    `json:"new_version,omitempty"`
	OldArticle int    `json:"old_article,omitempty"`
	NewArticle int    `json:"new_article,omitempty"`
}

// Verify drafts the profile embedded in the PDF data (named name) again and
// compares the result byte for byte. The release is the one named, or, for
// "", the one the PDF names when the catalog has it, else the default. The
// error is for a PDF that is not one ovk drafted, or an unknown release;
// the translator t words the error of a PDF that cannot be redrafted.
func (c *Catalog) Verify(release, name string, data []byte, t diag.Translator) (*VerifyResult, error) {
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
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
	res := &VerifyResult{Schema: SchemaVerify, File: name, Release: r.Version()}
	var a *Agreement
	var now []byte
	if err == nil {
		a, err = c.Prepare(release, p)
	}
	if err == nil {
		now, err = a.Bytes(PDF)
	}
	if err != nil {
		if ErrorCode(err) == UnknownRelease || ErrorCode(err) == Internal {
			return nil, err
		}
		v := AsError(err).View(t)
		res.Outcome, res.Error, res.Err = CannotRedraft, &v, err
		return res, nil
	}
	if bytes.Equal(now, data) {
		res.Outcome = Identical
		return res, nil
	}
	res.Outcome = Differs
	res.Changes = manifestChanges(&emb.Manifest, &a.res.Doc.Meta.Manifest)
	return res, nil
}

// VerifyFile is Verify for the PDF in file.
func (c *Catalog) VerifyFile(release, file string, t diag.Translator) (*VerifyResult, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return c.Verify(release, file, data, t)
}

// manifestChanges lists, clause by clause, how two manifests differ.
func manifestChanges(old, cur *document.Manifest) []VerifyChange {
	var out []VerifyChange
	if old.LibraryID != cur.LibraryID || old.LibraryVersion != cur.LibraryVersion {
		out = append(out, VerifyChange{Kind: ChangeLibrary, Old: old.LibraryID + " " + old.LibraryVersion,
			New: cur.LibraryID + " " + cur.LibraryVersion})
	}
	if old.ToolVersion != cur.ToolVersion {
		out = append(out, VerifyChange{Kind: ChangeTool, Old: old.ToolVersion, New: cur.ToolVersion})
	}
	was := map[string]document.ManifestClause{}
	for _, c := range old.Clauses {
		was[c.ID] = c
	}
	seen := map[string]bool{}
	for _, c := range cur.Clauses {
		seen[c.ID] = true
		o, ok := was[c.ID]
		switch {
		case !ok:
			out = append(out, VerifyChange{Kind: ChangeAdded, Clause: c.ID, NewVersion: c.Version, NewArticle: c.Article})
		case o.Version != c.Version || o.SHA256 != c.SHA256:
			out = append(out, VerifyChange{Kind: ChangeText, Clause: c.ID, OldVersion: o.Version, NewVersion: c.Version,
				OldArticle: o.Article, NewArticle: c.Article})
		case o.Article != c.Article:
			out = append(out, VerifyChange{Kind: ChangeMoved, Clause: c.ID, OldVersion: o.Version, NewVersion: c.Version,
				OldArticle: o.Article, NewArticle: c.Article})
		}
	}
	for _, c := range old.Clauses {
		if !seen[c.ID] {
			out = append(out, VerifyChange{Kind: ChangeRemoved, Clause: c.ID, OldVersion: c.Version, OldArticle: c.Article})
		}
	}
	if len(out) == 0 {
		out = append(out, VerifyChange{Kind: ChangeLayoutOnly})
	}
	return out
}
