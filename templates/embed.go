// Package templates holds the document frame of an agreement: title,
// parties, recitals' introduction, closing and signature labels, as text
// templates in TOML. The legal content of the articles lives in clauses/.
package templates

import "embed"

// FS holds overeenkomst.toml.
//
//go:embed *.toml
var FS embed.FS

// Frame is the name of the frame file in FS.
const Frame = "overeenkomst.toml"
