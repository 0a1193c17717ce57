// Package clauses holds the clause library releases shipped with ovk, one
// folder per release (clauses/<release>/library.toml plus one TOML file per
// clause, and the release's municipal map gemeenten.csv). See
// docs/clauses.md for the format.
package clauses

import "embed"

// FS holds every release folder.
//
//go:embed */*.toml */*.csv
var FS embed.FS
