package tomlfile

import (
	"regexp"
	"strings"

	"github.com/agii/ovk/internal/diag"
)

// details are the parser's and decoder's English messages that users
// meet, each with the message that says it in their language (none for
// the type error: its two types become the problem's arguments) and the
// names of its arguments (the regexp's groups, in order). The rest stay
// as the problem's detail.
var details = []struct {
	re   *regexp.Regexp
	id   string
	args []string
}{
	{regexp.MustCompile(`^incompatible types: TOML value has type (.+); destination has type (.+)$`), "", []string{"got", "want"}},
	{regexp.MustCompile(`^expected '\.' or '=', but got (.+) instead$`), "msg.toml.key_separator", []string{"got"}},
	{regexp.MustCompile(`^expected value but found (.+) instead$`), "msg.toml.value_expected", []string{"got"}},
	{regexp.MustCompile(`^unexpected EOF; expected value$`), "msg.toml.eof_value", nil},
	{regexp.MustCompile(`^TOML files cannot contain control characters: '(0x[0-9a-f]+)'$`), "msg.toml.control", []string{"char"}},
	{regexp.MustCompile(`^(.+) is out of range for int64$`), "msg.toml.range", []string{"value"}},
	{regexp.MustCompile(`^Key '(.+)' has already been defined\.$`), "msg.toml.duplicate", []string{"key"}},
}

// kindIDs name TOML's and Go's type words as message ids.
var kindIDs = map[string]string{
	"string": "msg.toml.kind.string", "int64": "msg.toml.kind.integer", "integer": "msg.toml.kind.integer",
	"float64": "msg.toml.kind.float", "float": "msg.toml.kind.float", "bool": "msg.toml.kind.boolean",
	"boolean": "msg.toml.kind.boolean", "[]any": "msg.toml.kind.array", "slice": "msg.toml.kind.array",
	"map[string]any": "msg.toml.kind.table", "map": "msg.toml.kind.table",
	"time.Time": "msg.toml.kind.datetime", "toml.LocalDate": "msg.toml.kind.datetime",
}

// localize replaces p's English detail by words in the user's language
// where it knows the detail: a type error gets the two types (got, want),
// a syntax error the reason (why); the id stays.
func localize(p *diag.Problem) {
	for _, d := range details {
		m := d.re.FindStringSubmatch(p.Detail)
		if m == nil {
			continue
		}
		args := map[string]any{}
		for i, name := range d.args {
			args[name] = m[i+1]
			if id, ok := kindIDs[strings.TrimSpace(m[i+1])]; ok && d.id == "" {
				args[name] = diag.Message{ID: id}
			}
		}
		p.Detail = ""
		if d.id == "" {
			p.Args = args
		} else {
			p.Args = diag.A("why", diag.Message{ID: d.id, Args: args})
		}
		return
	}
}
