package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/ovk"

	"github.com/agii/ovk/internal/diag"
)

// Media types the API reads and writes.
const (
	mediaJSON = "application/json"
	mediaTOML = "application/toml"
	mediaPDF  = "application/pdf"
	mediaText = "text/plain"
	mediaHTML = "text/html"
	mediaZip  = "application/zip"
	mediaDOCX = ovk.MediaDOCX
)

// negotiate picks the offer the Accept header prefers: the highest quality,
// and among equals the first offer. No Accept header means the first
// offer; "" means none is acceptable.
func negotiate(accept string, offers ...string) string {
	if strings.TrimSpace(accept) == "" {
		return offers[0]
	}
	best, bestQ := "", 0.0
	for _, offer := range offers {
		q := quality(accept, offer)
		if q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best
}

// quality is the q-value accept gives offer, taking the most specific
// matching range (type/subtype over type/* over */*).
func quality(accept, offer string) float64 {
	otype, _, _ := strings.Cut(offer, "/")
	q, spec := 0.0, -1
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		s := -1
		switch {
		case mt == offer:
			s = 2
		case mt == otype+"/*":
			s = 1
		case mt == "*/*":
			s = 0
		}
		if s <= spec {
			continue
		}
		pq := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				pq = f
			}
		}
		q, spec = pq, s
	}
	return q
}

// requireAccept negotiates or answers 406.
func requireAccept(c echo.Context, offers ...string) (string, error) {
	accept := c.Request().Header.Get(echo.HeaderAccept)
	if m := negotiate(accept, offers...); m != "" {
		return m, nil
	}
	return "", &apiError{status: http.StatusNotAcceptable, code: CodeNotAcceptable, id: "err.api.not_acceptable",
		args: diag.A("accept", accept, "offers", strings.Join(offers, ", "))}
}

// requireContentType returns the request's media type when it is one of
// allowed, or answers 415.
func requireContentType(c echo.Context, allowed ...string) (string, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	mt, _, err := mime.ParseMediaType(ct)
	if err == nil {
		for _, a := range allowed {
			if mt == a {
				return mt, nil
			}
		}
	}
	return "", &apiError{status: http.StatusUnsupportedMediaType, code: CodeMediaType, id: "err.api.media_type",
		args: diag.A("type", ct, "allowed", strings.Join(allowed, ", "))}
}

// readBody reads the whole request body; the body limit middleware and the
// server's read timeout bound it.
func readBody(c echo.Context) ([]byte, error) {
	body, err := io.ReadAll(c.Request().Body)
	if err != nil {
		var he *echo.HTTPError
		ae := classify(err)
		if errors.As(err, &he) || ae.code == CodeBodyTimeout {
			return nil, ae
		}
		return nil, &apiError{status: http.StatusBadRequest, code: CodeMalformed, id: "err.api.body_read", cause: err}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, &apiError{status: http.StatusBadRequest, code: CodeMalformed, id: "err.api.empty_body"}
	}
	return body, nil
}

// idJSONSyntax marks a body that is not JSON at all (400), as opposed to
// JSON that is not a valid profile (422).
const idJSONSyntax = "err.api.json_syntax"

// jsonSyntax reports where body stops being JSON, or nil when it is JSON.
func jsonSyntax(body []byte) diag.List {
	var raw json.RawMessage
	err := json.Unmarshal(body, &raw)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		return nil
	}
	// Offset counts the bytes read up to and including the offending one;
	// a body that ends too early is reported just past its end.
	i := int(se.Offset) - 1
	if strings.HasPrefix(se.Error(), "unexpected end") {
		i = len(body)
	}
	line, col := position(body, i)
	return diag.List{{Line: line, Col: col, ID: idJSONSyntax, Detail: se.Error()}}
}

// position returns the 1-based line and column (in characters) of byte i
// of src; i == len(src) is the end of the input.
func position(src []byte, i int) (line, col int) {
	before := src[:min(max(i, 0), len(src))]
	line = 1 + bytes.Count(before, []byte("\n"))
	start := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[start:]) + 1
}

// fileName makes the ASCII file name of an agreement, "23060-opwijk.pdf".
func fileName(nis, name, ext string) string { return ovk.FileName(nis, name, ext) }

// utf8FileName is fileName without folding diacritics, for the filename*
// parameter: letters of any script kept, anything else made a hyphen.
func utf8FileName(nis, name, ext string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(nis + "-" + name) {
		ok := unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r >= '0' && r <= '9'
		if !ok {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			dash = false
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "overeenkomst" + ext
	}
	return b.String() + ext
}

// contentDisposition is an attachment header with an ASCII filename and
// the UTF-8 filename* of RFC 6266.
func contentDisposition(nis, name, ext string) string {
	return `attachment; filename="` + fileName(nis, name, ext) + `"; filename*=UTF-8''` +
		encodeRFC5987(utf8FileName(nis, name, ext))
}

// encodeRFC5987 percent-encodes everything but RFC 5987's attr-char.
func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
