package document

import (
	"crypto/sha256"
	"encoding/hex"
)

// The manifest schemas. A /2 manifest carries the agreement itself (the
// model, Manifest.Agreement); a /1 manifest, written by ovk before December
// 2026, carried its plain-text rendering instead (Manifest.Text). Both are
// read; only /2 is written.
const (
	ManifestSchema   = "ovk-manifest/2"
	ManifestSchemaV1 = "ovk-manifest/1"
)

// Manifest says exactly which inputs made a document, and what the document
// says. It is embedded in the PDF as an attached JSON file (manifest.json)
// and read back by verify and diff, which compare the agreement it carries
// instead of reading the page stream.
type Manifest struct {
	Schema         string           `json:"schema"`
	Reference      string           `json:"reference"`
	LibraryID      string           `json:"library_id"`
	LibraryVersion string           `json:"library_version"`
	ToolVersion    string           `json:"tool_version"`
	ProfileSHA256  string           `json:"profile_sha256"`
	Municipality   ManifestMunicip  `json:"municipality"`
	Clauses        []ManifestClause `json:"clauses"`
	Rules          []ManifestRule   `json:"rules"`
	// Agreement is the whole agreement as assembled (schema /2): parties,
	// recitals, the chapters with every article's paragraphs, points and
	// parameter values, the closing and the signatures. Its Meta is empty.
	// The plain text is rendered from it (Text(m.Agreement)).
	Agreement *Document `json:"agreement,omitempty"`
	// Text is the plain-text rendering of the whole document (schema /1
	// only).
	Text string `json:"text,omitempty"`
}

// ManifestMunicip identifies the municipality an agreement was drafted for.
type ManifestMunicip struct {
	NIS  string `json:"nis"`
	Name string `json:"name"`
}

// ManifestClause records one clause that made an article.
type ManifestClause struct {
	ID      string `json:"id"`
	Version int    `json:"version"`
	Article int    `json:"article"`
	Title   string `json:"title"`
	SHA256  string `json:"sha256"` // of the article's plain-text rendering (WriteArticle)
	// Params are the clause's parameter values (schema /1 only; /2 has them
	// in the agreement's article).
	Params map[string]string `json:"params,omitempty"`
}

// ManifestRule records a rule decision that included a clause.
type ManifestRule struct {
	ClauseID string `json:"clause_id"`
	Reason   string `json:"reason"`
}

// NewManifest returns the manifest of d: its provenance from d.Meta, the
// municipality, every article's clause with the SHA-256 of its rendering,
// the rules' reasons for the clauses, and d itself (without its Meta).
func NewManifest(d *Document, muni ManifestMunicip, rules []ManifestRule) Manifest {
	body := *d
	body.Meta = Meta{}
	m := Manifest{Schema: ManifestSchema, Reference: d.Reference, LibraryID: d.Meta.LibraryID,
		LibraryVersion: d.Meta.LibraryVersion, ToolVersion: d.Meta.ToolVersion, ProfileSHA256: d.Meta.ProfileSHA256,
		Municipality: muni, Rules: rules, Agreement: &body}
	h := sha256.New()
	var sum [sha256.Size]byte
	for _, ch := range d.Chapters {
		for _, a := range ch.Articles {
			h.Reset()
			WriteArticle(h, a)
			m.Clauses = append(m.Clauses, ManifestClause{ID: a.ClauseID, Version: a.ClauseVersion, Article: a.Number,
				Title: a.Title, SHA256: hex.EncodeToString(h.Sum(sum[:0]))})
		}
	}
	return m
}

// Document returns the agreement m carries, with its Meta filled in from m,
// or nil for a /1 manifest (which carries only the text).
func (m *Manifest) Document() *Document {
	if m.Agreement == nil {
		return nil
	}
	d := *m.Agreement
	d.Meta = Meta{LibraryID: m.LibraryID, LibraryVersion: m.LibraryVersion, ProfileSHA256: m.ProfileSHA256,
		ToolVersion: m.ToolVersion, Language: "nl-BE", Manifest: *m}
	return &d
}
