// Package locales holds ovk's user-facing messages, labels and errors in
// Dutch (the default) and English, as go-i18n message files.
package locales

import "embed"

// FS holds nl.toml and en.toml.
//
//go:embed *.toml
var FS embed.FS
