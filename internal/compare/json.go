package compare

import (
	"encoding/json"
	"io"
)

// WriteJSON writes r as indented JSON in the schema "ovk-diff/2"
// (docs/diff-schema.md). Keys come in a fixed order; characters such as
// "<", "&" and "→" are written as they are, not escaped.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
