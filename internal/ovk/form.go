package ovk

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/tomlfile"
)

// This file is what a form front end (internal/web) needs of a release:
// its municipalities with their state, its required keys, and a profile
// built from a form's texts. The form names every value by its profile
// key, so the problems of the profile name the field to correct.

// MapEntry is a municipality a release knows: one of its map, or a former
// municipality merged into one of them.
type MapEntry struct {
	NIS, Name, Province string
	// NotServed is the reason AgII does not serve it; "" when it does.
	NotServed string
	// MergedInto names the successor of a former municipality.
	MergedInto, MergedIntoNIS string
}

// Municipalities lists the municipalities on the map of release, then the
// former municipalities merged into one of them.
func (c *Catalog) Municipalities(release string) ([]MapEntry, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	var out []MapEntry
	for _, m := range d.Lib.Municipalities.All() {
		e := MapEntry{NIS: m.NIS, Name: m.Name, Province: m.Province}
		if ns, ok := d.Lib.NotServedBy(m.NIS); ok {
			e.NotServed = ns.Reason
		}
		out = append(out, e)
	}
	for _, mg := range d.Lib.Mergers {
		for _, p := range mg.Predecessors {
			out = append(out, MapEntry{NIS: p, MergedInto: mg.Name, MergedIntoNIS: mg.NIS})
		}
	}
	return out, nil
}

// Requirement is a profile key a release requires when Condition holds.
type Requirement struct{ Key, Condition, Why string }

// Requirements lists the release's [[vereist]] keys.
func (c *Catalog) Requirements(release string) ([]Requirement, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	out := make([]Requirement, 0, len(d.Lib.Requirements))
	for _, r := range d.Lib.Requirements {
		out = append(out, Requirement{Key: r.Key, Condition: r.Condition, Why: r.Why})
	}
	return out, nil
}

// ReleaseFor names the release whose validity window holds the ISO date
// iso, or "".
func (c *Catalog) ReleaseFor(iso string) string {
	d, err := nlfmt.ParseDate(iso)
	if err != nil {
		return ""
	}
	for i := len(c.all) - 1; i >= 0; i-- {
		if r := c.all[i]; r.Info != nil && r.Window.Contains(d) {
			return r.Version()
		}
	}
	return ""
}

// EncodeProfile writes p as canonical TOML (profile.Encode): the bytes a
// front end saves, which the command line drafts as they are.
func EncodeProfile(p *Profile) ([]byte, error) { return profile.Encode(p) }

// FormProfile builds the profile of a form: fields are the texts typed,
// keyed by profile key ("gemeente.inwoners", "parameters.taalbeleid.vormen");
// types names each parameter's type (ParamView.Type) by the same key. A
// text that does not read as its key's type is passed on as text, so that
// the profile's checks report it with the command line's message. The
// profile's source is its canonical TOML, named name in problems. The
// values a form does not show ([[te_bevestigen]]) are kept from saved, the
// profile the form was loaded from (nil for none).
func FormProfile(name string, fields map[string]string, types map[string]string, saved *Profile) (*Profile, error) {
	tree := map[string]any{}
	var bad diag.List // texts that are not of their key's type, as a register's cells
	for key, text := range fields {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		v, typ := formValue(key, text, types[key])
		if typ != "" {
			bad.Add(diag.Problem{File: name, Key: key, ID: "err.register.value", Args: diag.A("value", text, "type", typ)})
			continue
		}
		parts := strings.Split(key, ".")
		m := tree
		for _, p := range parts[:len(parts)-1] {
			sub, ok := m[p].(map[string]any)
			if !ok {
				sub = map[string]any{}
				m[p] = sub
			}
			m = sub
		}
		m[parts[len(parts)-1]] = v
	}
	src, err := tomlfile.Encode(tree, "parameters")
	if err != nil {
		return nil, err
	}
	p, err := profile.Parse(name, src)
	if err == nil && saved != nil {
		p.ToConfirm = saved.ToConfirm
		var canon []byte
		if canon, err = profile.Encode(p); err == nil {
			p, err = profile.Parse(name, canon)
		}
	}
	if len(bad) == 0 {
		return p, err
	}
	// The other problems, but not those of a key whose text was bad (it
	// is missing from the profile).
	var list diag.List
	if errors.As(err, &list) {
		for _, pr := range list {
			if !slices.ContainsFunc(bad, func(b diag.Problem) bool { return b.Key == pr.Key }) {
				bad = append(bad, pr)
			}
		}
	}
	return nil, bad
}

// formValue converts one typed text by its key's kind (or parameter
// type); typ names the type a text does not read as ("" when it does).
func formValue(key, text, paramType string) (v any, typ string) {
	kind, _ := profile.KeyKind(key)
	switch kind {
	case profile.Int:
		if n, err := strconv.ParseInt(text, 10, 64); err == nil {
			return n, ""
		}
		return nil, "int"
	case profile.Bool:
		switch text {
		case "true", "ja", "on":
			return true, ""
		case "false", "nee", "off":
			return false, ""
		}
		return nil, "bool"
	case profile.Date:
		if d, err := nlfmt.ParseDate(text); err == nil {
			return d, ""
		}
		return nil, "date"
	case profile.List:
		return lines(text), ""
	case profile.Param:
		switch paramType {
		case "geheel_getal":
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				return n, ""
			}
			return nil, "int"
		case "bedrag":
			if n, err := strconv.ParseInt(text, 10, 64); err == nil {
				return n, ""
			}
			if f, err := strconv.ParseFloat(strings.Replace(text, ",", ".", 1), 64); err == nil {
				return f, ""
			}
			return nil, "float"
		case "datum":
			if d, err := nlfmt.ParseDate(text); err == nil {
				return tomlfile.LocalDate(d), ""
			}
			return nil, "date"
		case "lijst":
			var out []any
			for _, l := range lines(text) {
				out = append(out, l)
			}
			return out, ""
		}
	}
	return text, ""
}

// lines splits a list typed one item a line (or with ";").
func lines(text string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == ';' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// FormValues are the values of p as a form shows them, keyed by profile
// key: dates as ISO dates, lists one item a line, yes/no as "ja"/"nee".
// The values to confirm ([[te_bevestigen]]) are no form's: FormProfile
// keeps them.
func FormValues(p *Profile) (map[string]string, error) {
	src, err := profile.Encode(p)
	if err != nil {
		return nil, err
	}
	var tree map[string]any
	if _, err := toml.Decode(string(src), &tree); err != nil {
		return nil, err
	}
	out := map[string]string{}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			key := prefix + k
			switch x := v.(type) {
			case map[string]any:
				walk(key+".", x)
			case []any:
				var items []string
				for _, e := range x {
					items = append(items, fmt.Sprint(e))
				}
				out[key] = strings.Join(items, "\n")
			case time.Time:
				out[key] = x.Format("2006-01-02")
			case bool:
				out[key] = map[bool]string{true: "ja", false: "nee"}[x]
			default:
				out[key] = fmt.Sprint(x)
			}
		}
	}
	delete(tree, "te_bevestigen")
	walk("", tree)
	return out, nil
}
