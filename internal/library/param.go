package library

import (
	"fmt"
	"math"
	"net/mail"
	"regexp"
	"strings"
	"time"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/tomlfile"
)

// ParamType is the type of a clause parameter.
type ParamType string

// The parameter types.
const (
	TText   ParamType = "tekst"
	TDate   ParamType = "datum"
	TInt    ParamType = "geheel_getal"
	TAmount ParamType = "bedrag"
	TEmail  ParamType = "email"
	TPhone  ParamType = "telefoon"
	TPerson ParamType = "persoon"
	TChoice ParamType = "keuze"
	TList   ParamType = "lijst"
)

// Param is a typed parameter of a clause.
type Param struct {
	Name     string
	Type     ParamType
	Label    string
	Required bool
	Default  *Value // nil when there is none
	Min, Max *float64
	MinDate  *nlfmt.Date
	MaxDate  *nlfmt.Date
	MaxLen   int
	Pattern  *regexp.Regexp
	Choices  []string
	// Deadline is true for a date the agreement sets (a deadline, which
	// must lie within the policy period) and false for a date it records
	// (termijn = false: e.g. when a protocol was concluded, which lies
	// before the signature).
	Deadline bool
	// RequiredWith names another parameter of the same clause: when the
	// profile gives that one, it must give this one too (verplicht_met).
	RequiredWith string
	// Key is the parameter's key path in its clause file ("parameter[2]").
	Key string
}

type rawParam struct {
	Name     string   `toml:"naam"`
	Type     string   `toml:"soort"`
	Label    string   `toml:"label"`
	Required bool     `toml:"verplicht"`
	Default  any      `toml:"standaard"`
	Min      any      `toml:"min"`
	Max      any      `toml:"max"`
	MaxLen   int      `toml:"max_lengte"`
	Pattern  string   `toml:"patroon"`
	Choices  []string `toml:"keuzes"`
	Deadline *bool    `toml:"termijn"`
	With     string   `toml:"verplicht_met"`
}

// Value is a checked parameter value: Data goes into the clause text
// template, Text is its rendering for manifests and diffs.
type Value struct {
	Data any // string, []string or map[string]string (persons)
	Text string
	// Date is the value of a date parameter (the zero Date for others).
	Date nlfmt.Date
}

func loadParam(f *tomlfile.File, key string, r rawParam, probs *diag.List) *Param {
	p := &Param{Name: r.Name, Type: ParamType(r.Type), Label: r.Label, Required: r.Required,
		MaxLen: r.MaxLen, Choices: r.Choices, Key: key, Deadline: r.Deadline == nil || *r.Deadline,
		RequiredWith: r.With}
	bad := false
	add := func(k, id string, args map[string]any) {
		probs.Add(f.Problem(key+"."+k, id, args))
		bad = true
	}
	if !idRE.MatchString(r.Name) {
		add("naam", "err.id.invalid", diag.A("id", r.Name))
	}
	if r.Deadline != nil && p.Type != TDate {
		add("termijn", "err.param.deadline_not_date", diag.A("type", r.Type))
	}
	if strings.TrimSpace(r.Label) == "" {
		add("label", "err.key.required", diag.A("key", "label"))
	}
	switch p.Type {
	case TText, TDate, TInt, TAmount, TEmail, TPhone, TPerson, TList:
	case TChoice:
		if len(r.Choices) == 0 {
			add("keuzes", "err.key.required", diag.A("key", "keuzes"))
		}
	default:
		add("soort", "err.param.type", diag.A("type", r.Type))
		return nil
	}
	if r.Pattern != "" {
		re, err := regexp.Compile(r.Pattern)
		if err != nil {
			probs.Add(withDetail(f.Problem(key+".patroon", "err.param.pattern", nil), err))
			bad = true
		}
		p.Pattern = re
	}
	for _, b := range []struct {
		k   string
		raw any
		num **float64
		dat **nlfmt.Date
	}{{"min", r.Min, &p.Min, &p.MinDate}, {"max", r.Max, &p.Max, &p.MaxDate}} {
		if b.raw == nil {
			continue
		}
		switch v := b.raw.(type) {
		case int64:
			x := float64(v)
			*b.num = &x
		case float64:
			*b.num = &v
		case time.Time:
			d := nlfmt.DateOf(v)
			*b.dat = &d
		default:
			add(b.k, "err.param.bound", diag.A("key", b.k))
		}
		okType := (*b.num != nil && (p.Type == TInt || p.Type == TAmount || p.Type == TList)) ||
			(*b.dat != nil && p.Type == TDate)
		if (*b.num != nil || *b.dat != nil) && !okType {
			add(b.k, "err.param.bound", diag.A("key", b.k))
		}
	}
	if bad {
		return nil
	}
	if r.Default != nil {
		v, id, args := p.Convert(r.Default)
		if id != "" {
			probs.Add(f.Problem(key+".standaard", id, args))
			return nil
		}
		p.Default = &v
	}
	return p
}

// Convert checks a raw TOML (or JSON-decoded) value against the parameter's
// type and constraints. On failure it returns a message id and arguments.
func (p *Param) Convert(raw any) (Value, string, map[string]any) {
	fail := func(id string, kv ...any) (Value, string, map[string]any) {
		return Value{}, id, diag.A(append([]any{"label", p.Label, "type", string(p.Type)}, kv...)...)
	}
	switch p.Type {
	case TText, TEmail, TPhone, TChoice:
		s, ok := raw.(string)
		if !ok {
			return fail("err.value.type")
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return fail("err.value.empty")
		}
		switch p.Type {
		case TText:
			if p.MaxLen > 0 && len([]rune(s)) > p.MaxLen {
				return fail("err.value.too_long", "max", p.MaxLen)
			}
			if p.Pattern != nil && !p.Pattern.MatchString(s) {
				return fail("err.value.pattern", "pattern", p.Pattern.String())
			}
		case TEmail:
			if !ValidEmail(s) {
				return fail("err.value.email", "value", s)
			}
		case TPhone:
			if !ValidPhone(s) {
				return fail("err.value.phone", "value", s)
			}
		case TChoice:
			found := false
			for _, c := range p.Choices {
				found = found || c == s
			}
			if !found {
				return fail("err.value.choice", "value", s, "choices", strings.Join(p.Choices, ", "))
			}
		}
		return Value{Data: s, Text: s}, "", nil
	case TDate:
		var d nlfmt.Date
		switch v := raw.(type) {
		case time.Time:
			d = nlfmt.DateOf(v)
		case string: // JSON has no dates
			var err error
			if d, err = nlfmt.ParseDate(v); err != nil {
				return fail("err.value.date", "value", v)
			}
		default:
			return fail("err.value.type")
		}
		if p.MinDate != nil && d.Before(*p.MinDate) {
			return fail("err.value.date_min", "min", p.MinDate.String())
		}
		if p.MaxDate != nil && p.MaxDate.Before(d) {
			return fail("err.value.date_max", "max", p.MaxDate.String())
		}
		return Value{Data: d.String(), Text: d.String(), Date: d}, "", nil
	case TInt:
		var n int64
		switch v := raw.(type) {
		case int64:
			n = v
		case float64: // JSON numbers
			if v != math.Trunc(v) || math.Abs(v) > 1e15 {
				return fail("err.value.type")
			}
			n = int64(v)
		default:
			return fail("err.value.type")
		}
		if msg, args := p.checkRange(float64(n)); msg != "" {
			return fail(msg, args...)
		}
		return Value{Data: nlfmt.Int(n), Text: nlfmt.Int(n)}, "", nil
	case TAmount:
		var x float64
		switch v := raw.(type) {
		case int64:
			x = float64(v)
		case float64:
			x = v
		default:
			return fail("err.value.type")
		}
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1e12 {
			return fail("err.value.amount", "value", fmt.Sprint(x))
		}
		if msg, args := p.checkRange(x); msg != "" {
			return fail(msg, args...)
		}
		return Value{Data: nlfmt.Amount(x), Text: nlfmt.Amount(x)}, "", nil
	case TList:
		items, ok := toStrings(raw)
		if !ok {
			return fail("err.value.type")
		}
		if msg, args := p.checkRange(float64(len(items))); msg != "" {
			return fail(msg, args...)
		}
		return Value{Data: items, Text: strings.Join(items, "; ")}, "", nil
	case TPerson:
		m, ok := raw.(map[string]any)
		if !ok {
			return fail("err.value.type")
		}
		person, id, args := ConvertPerson(m)
		if id != "" {
			return fail(id, flatten(args)...)
		}
		return Value{Data: person, Text: PersonText(person)}, "", nil
	}
	return fail("err.value.type")
}

func flatten(m map[string]any) []any {
	var kv []any
	for k, v := range m {
		kv = append(kv, k, v)
	}
	return kv
}

func (p *Param) checkRange(x float64) (string, []any) {
	if p.Min != nil && x < *p.Min {
		return "err.value.min", []any{"min", *p.Min}
	}
	if p.Max != nil && x > *p.Max {
		return "err.value.max", []any{"max", *p.Max}
	}
	return "", nil
}

func toStrings(raw any) ([]string, bool) {
	arr, ok := raw.([]any)
	if !ok {
		if s, ok := raw.([]string); ok {
			return s, true
		}
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, v := range arr {
		s, ok := v.(string)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, false
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, true
}

// PersonKeys are the fields of a person value.
var PersonKeys = []string{"naam", "functie", "email", "telefoon"}

// ConvertPerson checks a person value: naam is required, email and telefoon
// are validated when present, other keys are refused.
func ConvertPerson(m map[string]any) (map[string]string, string, map[string]any) {
	out := map[string]string{"naam": "", "functie": "", "email": "", "telefoon": ""}
	for k, v := range m {
		if _, known := out[k]; !known {
			return nil, "err.person.unknown_key", diag.A("key", k)
		}
		s, ok := v.(string)
		if !ok {
			return nil, "err.person.type", diag.A("key", k)
		}
		out[k] = strings.TrimSpace(s)
	}
	if out["naam"] == "" {
		return nil, "err.person.name", nil
	}
	if out["email"] != "" && !ValidEmail(out["email"]) {
		return nil, "err.value.email", diag.A("value", out["email"])
	}
	if out["telefoon"] != "" && !ValidPhone(out["telefoon"]) {
		return nil, "err.value.phone", diag.A("value", out["telefoon"])
	}
	return out, "", nil
}

// PersonText renders a person on one line for manifests and diffs.
func PersonText(p map[string]string) string {
	parts := []string{}
	for _, k := range PersonKeys {
		if p[k] != "" {
			parts = append(parts, p[k])
		}
	}
	return strings.Join(parts, ", ")
}

// ValidEmail reports whether s is a bare e-mail address.
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}

var phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 ./]{6,20}[0-9]$`)

// ValidPhone reports whether s looks like a phone number: digits with
// spaces, dots or slashes, optionally starting with +.
func ValidPhone(s string) bool { return phoneRE.MatchString(s) }

// Sample returns a value of the parameter's type for lint's dry run.
func (p *Param) Sample() any {
	switch p.Type {
	case TList:
		return []string{"x", "y"}
	case TPerson:
		return map[string]string{"naam": "x", "functie": "x", "email": "x", "telefoon": "x"}
	case TChoice:
		return p.Choices[0]
	case TInt:
		return "2" // formatted like a value, so that {{voluit}} and {{eq}} can use it
	}
	return "x"
}
