// Package document owns the assembled agreement: the one model that the PDF
// renderer, the plain-text renderer, diffs and manifests all read. Nothing
// downstream of this package reads TOML.
package document

import "time"

// Document is one assembled cooperation agreement, with every placeholder
// filled in and every article numbered.
type Document struct {
	// Reference identifies the agreement, e.g. "AgII-OVK-2026-23060"; it is
	// printed in the footer of every page.
	Reference string
	// Title is the main title, e.g. "Samenwerkingsovereenkomst".
	Title string
	// Subtitle names the parties and the period in one line.
	Subtitle string
	// PartiesIntro is the heading above the parties ("Tussen ondergetekenden").
	PartiesIntro string
	// Parties describes each party with seat and representatives.
	Parties []Paragraph
	// PartiesOutro closes the parties block ("hierna samen 'de partijen' genoemd").
	PartiesOutro string
	// RecitalsIntro introduces the recitals ("Overwegende dat").
	RecitalsIntro string
	// Recitals holds the legal basis, one paragraph each.
	Recitals []Paragraph
	// AgreedIntro is the sentence before the articles ("Wordt overeengekomen wat volgt:").
	AgreedIntro string
	// Chapters hold the numbered articles, in document order. Article numbers
	// run on across chapters.
	Chapters []Chapter
	// Closing is the "Opgemaakt te … op … in twee exemplaren" sentence.
	Closing string
	// Signatures are the signature blocks, one per party.
	Signatures []SignatureBlock
	// Meta is the provenance of the document: it is written into the PDF
	// metadata and the embedded manifest.
	Meta Meta
}

// Chapter groups articles under a heading ("Hoofdstuk 2. Samenwerking met het OCMW").
type Chapter struct {
	Number   int
	ID       string
	Title    string
	Articles []Article
}

// Article is one numbered article, rendered from exactly one clause.
type Article struct {
	Number        int
	ClauseID      string
	ClauseVersion int
	Title         string
	Paragraphs    []Paragraph
	// Params are the clause's parameter values as rendered into the text,
	// keyed by parameter name. Diffs use them to report a changed value as a
	// parameter change rather than as word edits.
	Params map[string]string
}

// Paragraph is a lid of an article, optionally numbered ("§ 1."), with
// optional enumerated points ("1°", "2°").
type Paragraph struct {
	Label string // "§ 1." or empty
	Text  string
	Items []Item
}

// Item is an enumerated point within a paragraph.
type Item struct {
	Label string // "1°"
	Text  string
}

// SignatureBlock is one party's signature area.
type SignatureBlock struct {
	Party   string // "Voor het Agentschap Integratie en Inburgering"
	Signers []Signer
}

// Signer is one person who signs for a party.
type Signer struct {
	Name     string
	Function string
}

// Meta is the provenance of a document.
type Meta struct {
	// Date is the agreement's date (overeenkomst.datum), at midnight UTC:
	// the PDF's creation and modification date.
	Date           time.Time
	Title          string
	Author         string
	Subject        string
	Keywords       []string
	Language       string // always "nl-BE"
	LibraryID      string
	LibraryVersion string
	ProfileSHA256  string
	ToolVersion    string
	Manifest       Manifest
	// Profile is the profile the agreement was drafted from, embedded in the
	// PDF as ProfileName ("profile.toml" or "profile.json") so that verify
	// can draft it again.
	Profile     []byte
	ProfileName string
}

// Manifest says exactly which inputs made a document. It is embedded in the
// PDF as an attached JSON file (manifest.json) and read back by verify and diff.
type Manifest struct {
	Schema         string           `json:"schema"` // "ovk-manifest/1"
	Reference      string           `json:"reference"`
	LibraryID      string           `json:"library_id"`
	LibraryVersion string           `json:"library_version"`
	ToolVersion    string           `json:"tool_version"`
	ProfileSHA256  string           `json:"profile_sha256"`
	Municipality   ManifestMunicip  `json:"municipality"`
	Clauses        []ManifestClause `json:"clauses"`
	Rules          []ManifestRule   `json:"rules"`
	// Text is the plain-text rendering of the whole document; diffs of two
	// PDFs read it instead of extracting text from the page stream.
	Text string `json:"text"`
}

// ManifestMunicip identifies the municipality an agreement was drafted for.
type ManifestMunicip struct {
	NIS  string `json:"nis"`
	Name string `json:"name"`
}

// ManifestClause records one clause that made an article.
type ManifestClause struct {
	ID      string            `json:"id"`
	Version int               `json:"version"`
	Article int               `json:"article"`
	Title   string            `json:"title"`
	SHA256  string            `json:"sha256"` // of the article's rendered text
	Params  map[string]string `json:"params,omitempty"`
}

// ManifestRule records a rule decision that included a clause.
type ManifestRule struct {
	ClauseID string `json:"clause_id"`
	Reason   string `json:"reason"`
}
