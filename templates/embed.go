// Package templates holds the document frames of the agreements: title,
// parties, recitals' introduction, closing and signature labels, as text
// templates in TOML, one file per frame. A release names its frame in its
// header (kader); the legal content of the articles lives in clauses/.
package templates

import "embed"

// FS holds every frame file (overeenkomst.toml, overeenkomst-2026.toml, …).
//
//go:embed *.toml
var FS embed.FS
