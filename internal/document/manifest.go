package document

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
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
	Schema         string `json:"schema"`
	Reference      string `json:"reference"`
	LibraryID      string `json:"library_id"`
	LibraryVersion string `json:"library_version"`
	ToolVersion    string `json:"tool_version"`
	ProfileSHA256  string `json:"profile_sha256"`
	// Release is the state of the release the agreement was drafted under:
	// a draft (ontwerp, every page says ONTWERP) or approved, by whom, when
	// and under which decision. Manifests before issue 12 have none.
	Release      *ManifestRelease `json:"release,omitempty"`
	Municipality ManifestMunicip  `json:"municipality"`
	Clauses      []ManifestClause `json:"clauses"`
	Rules        []ManifestRule   `json:"rules"`
	// Values are the agreement-wide values the texts could use, by dotted
	// name ("gemeente.naam", "contact.agii.email", "periode.startjaar"),
	// as they were filled in (schema /2): a diff tells a changed value from
	// an edited text by them.
	Values map[string]string `json:"values,omitempty"`
	// Agreement is the whole agreement as assembled (schema /2): parties,
	// recitals, the chapters with every article's paragraphs, points and
	// parameter values, the closing and the signatures. Its Meta is empty.
	// The plain text is rendered from it (Text(m.Agreement)).
	Agreement *Document `json:"agreement,omitempty"`
	// Text is the plain-text rendering of the whole document (schema /1
	// only).
	Text string `json:"text,omitempty"`
}

// ManifestRelease is the approval of the release an agreement was drafted
// under, as its header records it.
type ManifestRelease struct {
	Status     string `json:"status"`
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedOn string `json:"approved_on,omitempty"`
	Decision   string `json:"decision,omitempty"`
}

// ReleaseDraft is the status of a release nobody has approved yet.
const ReleaseDraft = "ontwerp"

// Draft reports whether the agreement was drafted under a release that is
// still a draft: it must not be signed as if approved.
func (m *Manifest) Draft() bool { return m.Release != nil && m.Release.Status == ReleaseDraft }

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
// the rules' reasons for the clauses, the agreement-wide values (the
// template data every text could use: nested maps of values) and d itself
// (without its Meta).
func NewManifest(d *Document, muni ManifestMunicip, rules []ManifestRule, values map[string]any) Manifest {
	body := *d
	body.Meta = Meta{}
	m := Manifest{Schema: ManifestSchema, Reference: d.Reference, LibraryID: d.Meta.LibraryID,
		LibraryVersion: d.Meta.LibraryVersion, ToolVersion: d.Meta.ToolVersion, ProfileSHA256: d.Meta.ProfileSHA256,
		Release: d.Meta.Release, Municipality: muni, Rules: rules, Values: FlatValues(values), Agreement: &body}
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

// Document returns the agreement m carries, with its Meta filled in from m.
// Each article must be the one m's list of clauses names, with the SHA-256
// recorded for it. For a /1 manifest, which carries only the plain text, it
// rebuilds the agreement from the text (see fromText). The error, wrapping
// ErrManifestText, says where the agreement does not match the clauses.
func (m *Manifest) Document() (*Document, error) {
	var d Document
	if m.Agreement != nil {
		d = *m.Agreement
		if err := m.check(&d); err != nil {
			return nil, err
		}
	} else {
		t, err := fromText(m)
		if err != nil {
			return nil, err
		}
		d = *t
	}
	d.Meta = Meta{LibraryID: m.LibraryID, LibraryVersion: m.LibraryVersion, ProfileSHA256: m.ProfileSHA256,
		ToolVersion: m.ToolVersion, Release: m.Release, Language: "nl-BE", Manifest: *m}
	return &d, nil
}

// check reports the first article of d that is not the one m's list of
// clauses names in its place, or whose rendering has another SHA-256.
func (m *Manifest) check(d *Document) error {
	h := sha256.New()
	var sum [sha256.Size]byte
	i := 0
	for _, ch := range d.Chapters {
		for _, a := range ch.Articles {
			if i >= len(m.Clauses) {
				return fmt.Errorf("%w: article %d (%s) is not in the list of clauses", ErrManifestText, a.Number, a.ClauseID)
			}
			c := m.Clauses[i]
			i++
			if c.ID != a.ClauseID || c.Version != a.ClauseVersion || c.Article != a.Number {
				return fmt.Errorf("%w: article %d is %s v%d, the list of clauses says article %d is %s v%d",
					ErrManifestText, a.Number, a.ClauseID, a.ClauseVersion, c.Article, c.ID, c.Version)
			}
			h.Reset()
			WriteArticle(h, a)
			if got := hex.EncodeToString(h.Sum(sum[:0])); got != c.SHA256 {
				return fmt.Errorf("%w: article %d (%s) has SHA-256 %s, the list of clauses says %s", ErrManifestText, a.Number, a.ClauseID, got, c.SHA256)
			}
		}
	}
	if i != len(m.Clauses) {
		return fmt.Errorf("%w: %d articles, %d clauses listed", ErrManifestText, i, len(m.Clauses))
	}
	return nil
}

// Legacy reports whether m is a /1 manifest: its agreement was rebuilt
// from the plain text, and keeps its title and chapter titles in capitals.
func (m *Manifest) Legacy() bool { return m.Agreement == nil }

// FlatValues returns the leaves of nested template data (maps of values, as
// the texts see them) by dotted name: "gemeente.naam", "contact.agii.email".
func FlatValues(data map[string]any) map[string]string {
	out := map[string]string{}
	flatten(out, "", data)
	return out
}

// flatten writes the leaves of nested template data by dotted name.
func flatten(out map[string]string, prefix string, v any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			flatten(out, prefix+k+".", e)
		}
	case map[string]string:
		for k, e := range x {
			out[prefix+k] = e
		}
	default:
		out[strings.TrimSuffix(prefix, ".")] = fmt.Sprint(x)
	}
}
