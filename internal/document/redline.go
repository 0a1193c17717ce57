package document

import "github.com/agii/ovk/internal/compare/worddiff"

// Redline is the model of a redline: a document that shows, for a reader,
// what changed between two versions of an agreement or of the clause
// library — a summary table of every change, then each changed part with
// its deletions and insertions. Package compare builds it, package pdf
// draws it (and compare's HTML page). All texts are final (already
// translated and formatted).
type Redline struct {
	// Title and Subtitle head the first page.
	Title    string
	Subtitle string
	// Facts are label–value lines under the title (which two versions are
	// compared, their releases and references).
	Facts []RedlineFact
	// Summary lists every change, one row each, on the first page.
	Summary RedlineTable
	// Sections show the changes one by one.
	Sections []RedlineSection
	// Legend explains the marks ("doorgehaald in rood: geschrapt, …").
	Legend string
	// Footer is printed at the bottom of every page, left; the page number
	// goes right.
	Footer string
	// PageLabel formats the page number, e.g. "Pagina %d van %d".
	PageLabel string
	// Meta goes into the document information.
	Meta RedlineMeta
}

// RedlineFact is one label–value line.
type RedlineFact struct {
	Label, Value string
}

// RedlineTable is a table with a header row.
type RedlineTable struct {
	Title  string
	Header []string
	Rows   [][]string
	// Empty is shown instead of the rows when there are none.
	Empty string
}

// RedlineSection is one changed part: an article, a clause, the preamble.
type RedlineSection struct {
	// Heading names the part, with its article number in the old and the
	// new version ("Artikel 5 → artikel 6. Contactpersonen").
	Heading string
	// Notes list the changes that are not text: values, parameters, kind,
	// condition, moves.
	Notes []string
	// Text is the redline of the part's text; empty when the text did not
	// change. "\n" in a segment starts a new line (a point of an
	// enumeration), "\n\n" a new paragraph.
	Text []worddiff.Segment
}

// RedlineMeta is the document information of the redline.
type RedlineMeta struct {
	Title, Subject, Author, Language string
}
