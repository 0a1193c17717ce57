// Package locales holds ovk's user-facing messages, labels and errors in
// Dutch (the default) and English, as go-i18n message files.
package locales

import "embed"

// FS holds the message files: LANG.toml, and TOPIC.LANG.toml per feature.
//
//go:embed *.toml
var FS embed.FS
