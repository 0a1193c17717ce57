package httpapi

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
)

// headerWarning carries problems that did not stop the request (a body
// read as Windows-1252), one "199 ovk "message"" value each (RFC 7234's
// warn-code 199, miscellaneous warning), in the caller's language.
const headerWarning = "Warning"

// setWarnings adds a Warning header for each problem.
func setWarnings(c echo.Context, warnings diag.List) {
	t := localizer(c).T
	for _, p := range warnings {
		c.Response().Header().Add(headerWarning, `199 ovk "`+quotedText(p.Format(t))+`"`)
	}
}

// quotedText makes s fit an HTTP quoted-string: backslash and quote
// escaped, controls and non-ASCII letters (which headers do not carry
// reliably) written as "?".
func quotedText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r >= 0x7f:
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
