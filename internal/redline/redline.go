// Package redline is the model of a redline: a document that shows, for a
// reader, what changed between two versions of an agreement or of the
// clause library — a summary table of every change, then each changed part
// with its deletions and insertions. It holds types only: package review
// builds a Redline, package pdf draws it. All texts are final (already
// translated and formatted).
package redline

// Kind says whether a span of text is unchanged, deleted or inserted.
type Kind uint8

// The kinds of span.
const (
	Same     Kind = iota // unchanged text, shown as context
	Deleted              // struck through in red
	Inserted             // underlined in green
)

// Span is a run of text of one kind. "\n" in Text starts a new line (a
// point of an enumeration), "\n\n" a new paragraph.
type Span struct {
	Kind Kind
	Text string
}

// Redline is a whole redline document.
type Redline struct {
	// Title and Subtitle head the first page.
	Title    string
	Subtitle string
	// Facts are label–value lines under the title (which two versions are
	// compared, their releases and references).
	Facts []Fact
	// Summary lists every change, one row each, on the first page.
	Summary Table
	// Sections show the changes one by one.
	Sections []Section
	// Legend explains the marks ("doorgehaald in rood: geschrapt, …").
	Legend string
	// Footer is printed at the bottom of every page, left; the page number
	// goes right.
	Footer string
	// PageLabel formats the page number, e.g. "Pagina %d van %d".
	PageLabel string
	// Meta goes into the document information.
	Meta Meta
}

// Fact is one label–value line.
type Fact struct {
	Label, Value string
}

// Table is a table with a header row.
type Table struct {
	Title  string
	Header []string
	Rows   [][]string
	// Empty is shown instead of the rows when there are none.
	Empty string
}

// Section is one changed part: an article, a clause, the preamble.
type Section struct {
	// Heading names the part, with its article number in the old and the
	// new version ("Artikel 5 → artikel 6. Contactpersonen").
	Heading string
	// Notes list the changes that are not text: values, parameters, kind,
	// condition, moves.
	Notes []string
	// Text is the redline of the part's text; empty when the text did not
	// change.
	Text []Span
}

// Meta is the document information of the redline.
type Meta struct {
	Title, Subject, Author, Language string
}
