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
	Reference string `json:"reference"`
	// Title is the main title, e.g. "Samenwerkingsovereenkomst".
	Title string `json:"title"`
	// Subtitle names the parties and the period in one line.
	Subtitle string `json:"subtitle"`
	// PartiesIntro is the heading above the parties ("Tussen ondergetekenden").
	PartiesIntro string `json:"parties_intro"`
	// Parties describes each party with seat and representatives.
	Parties []Paragraph `json:"parties"`
	// PartiesOutro closes the parties block ("hierna samen 'de partijen' genoemd").
	PartiesOutro string `json:"parties_outro"`
	// RecitalsIntro introduces the recitals ("Overwegende dat").
	RecitalsIntro string `json:"recitals_intro"`
	// Recitals holds the legal basis, one paragraph each.
	Recitals []Paragraph `json:"recitals"`
	// AgreedIntro is the sentence before the articles ("Wordt overeengekomen wat volgt:").
	AgreedIntro string `json:"agreed_intro"`
	// Chapters hold the numbered articles, in document order. Article numbers
	// run on across chapters.
	Chapters []Chapter `json:"chapters"`
	// Closing is the "Opgemaakt te … op … in twee exemplaren" sentence.
	Closing string `json:"closing"`
	// Signatures are the signature blocks, one per party.
	Signatures []SignatureBlock `json:"signatures"`
	// Meta is the provenance of the document: it is written into the PDF
	// metadata and the embedded manifest.
	Meta Meta `json:"-"`
}

// Chapter groups articles under a heading ("Hoofdstuk 2. Samenwerking met het OCMW").
type Chapter struct {
	Number   int       `json:"number"`
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Articles []Article `json:"articles"`
}

// Article is one numbered article, rendered from exactly one clause.
type Article struct {
	Number        int         `json:"number"`
	ClauseID      string      `json:"clause_id"`
	ClauseVersion int         `json:"clause_version"`
	Title         string      `json:"title"`
	Paragraphs    []Paragraph `json:"paragraphs"`
	// Params are the clause's parameter values as rendered into the text,
	// keyed by parameter name. Diffs use them to report a changed value as a
	// parameter change rather than as word edits.
	Params map[string]string `json:"params,omitempty"`
}

// Paragraph is a lid of an article, optionally numbered ("§ 1."), with
// optional enumerated points ("1°", "2°").
type Paragraph struct {
	Label string `json:"label,omitempty"` // "§ 1." or empty
	Text  string `json:"text"`
	Items []Item `json:"items,omitempty"`
}

// Item is an enumerated point within a paragraph.
type Item struct {
	Label string `json:"label,omitempty"` // "1°"
	Text  string `json:"text"`
}

// SignatureBlock is one party's signature area.
type SignatureBlock struct {
	Party   string   `json:"party"` // "Voor het Agentschap Integratie en Inburgering"
	Signers []Signer `json:"signers"`
}

// Signer is one person who signs for a party.
type Signer struct {
	Name     string `json:"name"`
	Function string `json:"function"`
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
	// Release is the approval state of the release (see ManifestRelease).
	Release  *ManifestRelease
	Manifest Manifest
	// Profile is the profile the agreement was drafted from, embedded in the
	// PDF as ProfileName ("profile.toml" or "profile.json") so that verify
	// can draft it again.
	Profile     []byte
	ProfileName string
}
