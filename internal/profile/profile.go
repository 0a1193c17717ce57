// Package profile owns a municipality's profile: who the municipality is,
// the policy period, who signs, the contact persons, the local goals it
// chose and their parameter values. Profiles come from TOML files (or JSON
// through the API) and are checked field by field.
package profile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/textenc"
	"github.com/agii/ovk/internal/tomlfile"
)

// Profile is one municipality's checked profile.
type Profile struct {
	Municipality Municipality              `json:"gemeente"`
	OCMW         *OCMW                     `json:"ocmw,omitempty"`
	Agreement    Agreement                 `json:"overeenkomst"`
	Signers      Signers                   `json:"ondertekenaars"`
	Contacts     Contacts                  `json:"contactpersonen"`
	Goals        []string                  `json:"doelstellingen"`
	Params       map[string]map[string]any `json:"parameters"`
	// ToConfirm are the profile's printed values that a person must still
	// confirm ([[te_bevestigen]]), as given.
	ToConfirm []library.RawToConfirm `json:"te_bevestigen,omitempty"`
	// ToConfirmChecked are the same entries, checked.
	ToConfirmChecked []library.ToConfirm `json:"-"`

	// File is the name used in problems; SHA256 is the hash of the source bytes.
	File   string `json:"-"`
	SHA256 string `json:"-"`
	// Source is the profile as given, in SourceFormat ("toml" or "json");
	// the PDF embeds it so that verify can draft the agreement again.
	Source       []byte `json:"-"`
	SourceFormat string `json:"-"`
	// Warnings are problems that did not stop reading the profile (a file
	// read as Windows-1252), for the front end to show.
	Warnings diag.List               `json:"-"`
	locate   func(key string) Origin // where each key was written
}

// Municipality identifies the local government.
type Municipality struct {
	NIS              string `toml:"nis" json:"nis"`
	Name             string `toml:"naam" json:"naam"`
	Kind             string `toml:"soort" json:"soort"`
	Province         string `toml:"provincie" json:"provincie"`
	Address          string `toml:"adres" json:"adres"`
	CompanyNumber    string `toml:"ondernemingsnummer" json:"ondernemingsnummer,omitempty"`
	Population       int    `toml:"inwoners" json:"inwoners"`
	OwnOCMW          *bool  `toml:"eigen_ocmw" json:"eigen_ocmw,omitempty"`
	CenterCity       bool   `toml:"centrumstad" json:"centrumstad"`
	NewcomersPerYear int    `toml:"inburgeraars_per_jaar" json:"inburgeraars_per_jaar"`
}

// OCMW is the municipality's openbaar centrum voor maatschappelijk welzijn,
// a party of its own where the municipality has one.
type OCMW struct {
	Seat          string `toml:"zetel" json:"zetel"`
	CompanyNumber string `toml:"ondernemingsnummer" json:"ondernemingsnummer,omitempty"`
}

// HasOwnOCMW reports whether the municipality has an OCMW of its own
// (the default).
func (m Municipality) HasOwnOCMW() bool { return m.OwnOCMW == nil || *m.OwnOCMW }

// Agreement holds the period, place and date of the agreement.
type Agreement struct {
	From            nlfmt.Date  `toml:"van" json:"van"`
	To              nlfmt.Date  `toml:"tot" json:"tot"`
	Place           string      `toml:"plaats" json:"plaats"`
	Date            nlfmt.Date  `toml:"datum" json:"datum"`
	CouncilDecision *nlfmt.Date `toml:"gemeenteraadsbesluit" json:"gemeenteraadsbesluit,omitempty"`
	// OCMWDecision is the decision of the raad voor maatschappelijk welzijn.
	OCMWDecision *nlfmt.Date `toml:"ocmw_raadsbesluit" json:"ocmw_raadsbesluit,omitempty"`
	// CollegeDecision is the decision of the college van burgemeester en
	// schepenen, named when there is no council decision.
	CollegeDecision *nlfmt.Date `toml:"collegebesluit" json:"collegebesluit,omitempty"`
}

// Person is a signatory or contact person.
type Person struct {
	Name     string `toml:"naam" json:"naam"`
	Function string `toml:"functie" json:"functie,omitempty"`
	Email    string `toml:"email" json:"email,omitempty"`
	Phone    string `toml:"telefoon" json:"telefoon,omitempty"`
}

// Map returns the person as template data.
func (p Person) Map() map[string]string {
	return map[string]string{"naam": p.Name, "functie": p.Function, "email": p.Email, "telefoon": p.Phone}
}

// Signers are the signatories of both parties.
type Signers struct {
	Agency          Person  `toml:"agii" json:"agii"`
	Chair           *Person `toml:"voorzitter" json:"voorzitter,omitempty"`
	Mayor           *Person `toml:"burgemeester" json:"burgemeester,omitempty"`
	GeneralDirector Person  `toml:"algemeen_directeur" json:"algemeen_directeur"`
	// OCMWChair is the chair of the raad voor maatschappelijk welzijn.
	OCMWChair *Person `toml:"voorzitter_ocmw_raad" json:"voorzitter_ocmw_raad,omitempty"`
}

// Contacts are the contact persons of both parties.
type Contacts struct {
	Agency Person `toml:"agii" json:"agii"`
	Local  Person `toml:"gemeente" json:"gemeente"`
}

type rawProfile struct {
	Goals        []string                  `toml:"doelstellingen"`
	Municipality Municipality              `toml:"gemeente"`
	OCMW         *OCMW                     `toml:"ocmw"`
	Agreement    Agreement                 `toml:"overeenkomst"`
	Signers      Signers                   `toml:"ondertekenaars"`
	Contacts     Contacts                  `toml:"contactpersonen"`
	Params       map[string]map[string]any `toml:"parameters"`
	ToConfirm    []library.RawToConfirm    `toml:"te_bevestigen"`
}

// Parse reads a profile from TOML source; name is used in problems. It
// checks everything that does not depend on the library (see Check).
func Parse(name string, src []byte) (*Profile, error) {
	var probs diag.List
	if !checkSource(name, src, &probs) {
		return nil, probs.Err()
	}
	p := decode(name, src, &probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	p.checkFields(&probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return p, nil
}

// decode decodes a profile file strictly, without the checks.
func decode(name string, src []byte, probs *diag.List) *Profile {
	defer suggestKeys(probs)
	if bytes.HasPrefix(src, []byte("%PDF-")) { // a PDF where its profile belongs
		probs.Add(diag.Problem{File: name, ID: "err.toml.is_pdf"})
		return nil
	}
	src, warn, err := textenc.Decode(name, src, textenc.TOML)
	if err != nil {
		*probs = append(*probs, err.(diag.List)...)
		return nil
	}
	f := tomlfile.New(name, src)
	var r rawProfile
	if !f.Decode(&r, probs, "parameters") {
		return nil
	}
	return &Profile{Municipality: r.Municipality, OCMW: r.OCMW, Agreement: r.Agreement, Signers: r.Signers,
		Contacts: r.Contacts, Goals: r.Goals, Params: r.Params, ToConfirm: r.ToConfirm, File: name,
		locate: positions(f.Positions()), Source: src, SourceFormat: "toml", SHA256: hash(src), Warnings: warn}
}

// ParseJSON reads a profile from JSON (the API's format, with the same keys
// as the TOML). Unknown fields are refused like unknown TOML keys.
func ParseJSON(name string, src []byte) (*Profile, error) {
	var probs diag.List
	if !checkSource(name, src, &probs) {
		return nil, probs.Err()
	}
	src, _, err := textenc.Decode(name, src, textenc.JSON)
	if err != nil {
		return nil, err
	}
	var p Profile
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		probs.Add(jsonProblem(name, src, err))
		suggestKeys(&probs)
		return nil, probs.Err()
	}
	if dec.More() {
		probs.Add(diag.Problem{File: name, ID: "err.json", Detail: "trailing data after the profile"})
		return nil, probs.Err()
	}
	for id, vals := range p.Params {
		for k, v := range vals {
			p.Params[id][k] = fromJSON(v)
		}
	}
	p.File, p.Source, p.SourceFormat = name, src, "json"
	p.SHA256 = hash(src)
	p.checkFields(&probs)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return &p, nil
}

var unknownFieldRE = regexp.MustCompile(`^json: unknown field "(.*)"$`)

// jsonProblem names the field path, line and column of a JSON decoding
// error where encoding/json tells them.
func jsonProblem(name string, src []byte, err error) diag.Problem {
	p := diag.Problem{File: name, ID: "err.json", Detail: err.Error()}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	offset := int64(-1)
	switch {
	case errors.As(err, &syn):
		offset = syn.Offset - 1 // Offset is just past the offending byte
		p.Detail = syn.Error()
	case errors.As(err, &typ):
		offset = typ.Offset
		if i := bytes.LastIndex(src[:min(int(offset), len(src))], []byte(`"`+lastKey(typ.Field)+`"`)); i >= 0 {
			offset = int64(i) // point at the key rather than past the value
		}
		p.ID, p.Key = "err.json.type", typ.Field
		p.Args = diag.A("key", typ.Field, "type", typ.Value)
		p.Detail = ""
	default:
		if m := unknownFieldRE.FindStringSubmatch(err.Error()); m != nil {
			p.ID, p.Key, p.Args, p.Detail = "err.toml.unknown_key", m[1], diag.A("key", lastKey(m[1])), ""
			offset = int64(bytes.Index(src, []byte(`"`+lastKey(m[1])+`"`)))
			if path := jsonPath(src, offset); path != "" && !strings.Contains(m[1], ".") {
				p.Key = path + "." + m[1] // the same field as in a TOML body
			}
		}
	}
	if offset >= 0 && offset <= int64(len(src)) {
		before := src[:offset]
		p.Line = bytes.Count(before, []byte("\n")) + 1
		p.Col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	}
	return p
}

func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// fromJSON turns json.Number into int64 or float64 as TOML would give.
func fromJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = fromJSON(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = fromJSON(x[k])
		}
	}
	return v
}

func hash(src []byte) string {
	h := sha256.Sum256(src)
	return hex.EncodeToString(h[:])
}

// Problem builds a problem about key in the profile.
func (p *Profile) Problem(key, id string, args map[string]any) diag.Problem {
	o := p.origin(key)
	return diag.Problem{File: o.File, Line: o.Line, Col: o.Col, Key: o.Key, ID: id, Args: args}
}

func (p *Profile) checkFields(probs *diag.List) {
	n := len(*probs)
	if p.checkBounds(probs); len(*probs) > n {
		return // nothing more is checked of a profile beyond its bounds
	}
	p.checkReplacement(probs)
	req := func(key, v string) {
		if strings.TrimSpace(v) == "" {
			probs.Add(p.Problem(key, "err.key.required", diag.A("key", key)))
		}
	}
	m := p.Municipality
	req("gemeente.nis", m.NIS)
	if m.NIS != "" && !library.ValidNIS(m.NIS) {
		probs.Add(p.Problem("gemeente.nis", "err.nis.invalid", diag.A("nis", m.NIS)))
	}
	req("gemeente.naam", m.Name)
	req("gemeente.provincie", m.Province)
	req("gemeente.adres", m.Address)
	if m.Kind != "gemeente" && m.Kind != "stad" {
		probs.Add(p.Problem("gemeente.soort", "err.profile.kind", diag.A("value", m.Kind)))
	}
	if m.Population <= 0 {
		probs.Add(p.Problem("gemeente.inwoners", "err.profile.positive", diag.A("key", "inwoners")))
	}
	if m.NewcomersPerYear < 0 {
		probs.Add(p.Problem("gemeente.inburgeraars_per_jaar", "err.profile.positive", diag.A("key", "inburgeraars_per_jaar")))
	}
	a := p.Agreement
	for key, d := range map[string]nlfmt.Date{"overeenkomst.van": a.From, "overeenkomst.tot": a.To, "overeenkomst.datum": a.Date} {
		if d.IsZero() {
			probs.Add(p.Problem(key, "err.key.required", diag.A("key", key)))
		}
	}
	if !a.From.IsZero() && !a.To.IsZero() && !a.From.Before(a.To) {
		probs.Add(p.Problem("overeenkomst.tot", "err.profile.period", diag.A("from", a.From.String(), "to", a.To.String())))
	}
	if !a.Date.IsZero() && !a.To.IsZero() && a.To.Before(a.Date) {
		probs.Add(p.Problem("overeenkomst.datum", "err.profile.signing_after_period",
			diag.A("date", a.Date.String(), "to", a.To.String())))
	}
	req("overeenkomst.plaats", a.Place)
	for _, d := range []struct {
		key  string
		date *nlfmt.Date
	}{{"gemeenteraadsbesluit", a.CouncilDecision}, {"ocmw_raadsbesluit", a.OCMWDecision}, {"collegebesluit", a.CollegeDecision}} {
		if d.date != nil && !a.Date.IsZero() && a.Date.Before(*d.date) {
			id := "err.profile.decision_after_signing"
			if d.key == "gemeenteraadsbesluit" {
				id = "err.profile.council_after_signing"
			}
			probs.Add(p.Problem("overeenkomst."+d.key, id,
				diag.A("council", d.date.String(), "date", a.Date.String(), "decision", d.key)))
		}
	}
	p.checkPerson(probs, "ondertekenaars.agii", &p.Signers.Agency, true)
	p.checkPerson(probs, "ondertekenaars.algemeen_directeur", &p.Signers.GeneralDirector, false)
	if a.CouncilDecision != nil {
		if p.Signers.Chair == nil {
			probs.Add(p.Problem("ondertekenaars", "err.profile.chair_required", nil))
		} else {
			p.checkPerson(probs, "ondertekenaars.voorzitter", p.Signers.Chair, false)
		}
	} else {
		if p.Signers.Mayor == nil {
			probs.Add(p.Problem("ondertekenaars", "err.profile.mayor_required", nil))
		} else {
			p.checkPerson(probs, "ondertekenaars.burgemeester", p.Signers.Mayor, false)
		}
	}
	p.checkOCMW(probs)
	for _, f := range p.Texts() {
		if strings.Contains(f.Value, library.UnconfirmedMarker) {
			probs.Add(p.Problem(f.Key, "err.text.unconfirmed_marker", diag.A("marker", library.UnconfirmedMarker)))
		}
	}
	p.ToConfirmChecked = library.CheckToConfirm(p.ToConfirm, func(key string) bool { return KnownKey(key) && p.Has(key) },
		func(key, id string, args map[string]any) { probs.Add(p.Problem(key, id, args)) })
	p.checkPerson(probs, "contactpersonen.agii", &p.Contacts.Agency, true)
	p.checkPerson(probs, "contactpersonen.gemeente", &p.Contacts.Local, true)
	for _, key := range []string{"contactpersonen.agii", "contactpersonen.gemeente"} {
		c := p.Contacts.Agency
		if key == "contactpersonen.gemeente" {
			c = p.Contacts.Local
		}
		if c.Email == "" {
			probs.Add(p.Problem(key+".email", "err.key.required", diag.A("key", key+".email")))
		}
		if c.Phone == "" {
			probs.Add(p.Problem(key+".telefoon", "err.key.required", diag.A("key", key+".telefoon")))
		}
	}
	seen := map[string]bool{}
	for _, g := range p.Goals {
		if seen[g] {
			probs.Add(p.Problem("doelstellingen", "err.profile.goal_duplicate", diag.A("id", g)))
		}
		seen[g] = true
	}
}

// Unconfirmed lists the profile's values that a person must still confirm
// ([[te_bevestigen]] without bevestigd_door and bevestigd_op), each at the
// position of the value, as warnings (ID "warn.unconfirmed").
func (p *Profile) Unconfirmed() diag.List {
	var out diag.List
	for _, c := range p.ToConfirmChecked {
		if !c.Confirmed() {
			out.Add(p.Problem(c.Key, "warn.unconfirmed", diag.A("why", c.Why, "key", c.Key)))
		}
	}
	return out
}

// checkOCMW checks the OCMW's own keys: they belong to a municipality with
// an OCMW of its own, and its decision is not after the signing.
func (p *Profile) checkOCMW(probs *diag.List) {
	own := p.Municipality.HasOwnOCMW()
	if p.OCMW != nil {
		if !own {
			probs.Add(p.Problem("ocmw", "err.profile.ocmw_not_own", diag.A("key", "ocmw")))
		}
		p.OCMW.Seat = strings.TrimSpace(p.OCMW.Seat)
		if p.OCMW.Seat == "" {
			probs.Add(p.Problem("ocmw.zetel", "err.key.required", diag.A("key", "ocmw.zetel")))
		}
	}
	if p.Signers.OCMWChair != nil {
		if !own {
			probs.Add(p.Problem("ondertekenaars.voorzitter_ocmw_raad", "err.profile.ocmw_not_own",
				diag.A("key", "ondertekenaars.voorzitter_ocmw_raad")))
		}
		p.checkPerson(probs, "ondertekenaars.voorzitter_ocmw_raad", p.Signers.OCMWChair, false)
	}
	if p.Agreement.OCMWDecision != nil && !own {
		probs.Add(p.Problem("overeenkomst.ocmw_raadsbesluit", "err.profile.ocmw_not_own",
			diag.A("key", "overeenkomst.ocmw_raadsbesluit")))
	}
}

func (p *Profile) checkPerson(probs *diag.List, key string, person *Person, needFunction bool) {
	person.Name = strings.TrimSpace(person.Name)
	if person.Name == "" {
		probs.Add(p.Problem(key+".naam", "err.key.required", diag.A("key", key+".naam")))
	}
	if needFunction && strings.TrimSpace(person.Function) == "" {
		probs.Add(p.Problem(key+".functie", "err.key.required", diag.A("key", key+".functie")))
	}
	if person.Email != "" && !library.ValidEmail(person.Email) {
		probs.Add(p.Problem(key+".email", "err.value.email", diag.A("value", person.Email, "label", key+".email")))
	}
	if person.Phone != "" && !library.ValidPhone(person.Phone) {
		probs.Add(p.Problem(key+".telefoon", "err.value.phone", diag.A("value", person.Phone, "label", key+".telefoon")))
	}
}

// String names the profile for messages: "23060 Opwijk".
func (p *Profile) String() string {
	return fmt.Sprintf("%s %s", p.Municipality.NIS, p.Municipality.Name)
}

// Field is a text value of the profile with its key path.
type Field struct {
	Key   string
	Value string
}

// Texts lists every text value of the profile that can end up in the
// agreement, with its key path, so that each can be checked against what
// the PDF font can show.
func (p *Profile) Texts() []Field {
	m := p.Municipality
	out := []Field{
		{"gemeente.naam", m.Name}, {"gemeente.provincie", m.Province}, {"gemeente.adres", m.Address},
		{"gemeente.ondernemingsnummer", m.CompanyNumber}, {"overeenkomst.plaats", p.Agreement.Place},
	}
	if p.OCMW != nil {
		out = append(out, Field{"ocmw.zetel", p.OCMW.Seat}, Field{"ocmw.ondernemingsnummer", p.OCMW.CompanyNumber})
	}
	person := func(key string, q *Person) {
		if q == nil {
			return
		}
		out = append(out, Field{key + ".naam", q.Name}, Field{key + ".functie", q.Function},
			Field{key + ".email", q.Email}, Field{key + ".telefoon", q.Phone})
	}
	person("ondertekenaars.agii", &p.Signers.Agency)
	person("ondertekenaars.voorzitter", p.Signers.Chair)
	person("ondertekenaars.burgemeester", p.Signers.Mayor)
	person("ondertekenaars.algemeen_directeur", &p.Signers.GeneralDirector)
	person("ondertekenaars.voorzitter_ocmw_raad", p.Signers.OCMWChair)
	person("contactpersonen.agii", &p.Contacts.Agency)
	person("contactpersonen.gemeente", &p.Contacts.Local)
	ids := make([]string, 0, len(p.Params))
	for id := range p.Params {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		names := make([]string, 0, len(p.Params[id]))
		for n := range p.Params[id] {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out = appendStrings(out, "parameters."+id+"."+n, p.Params[id][n])
		}
	}
	return out
}

func appendStrings(out []Field, key string, v any) []Field {
	switch x := v.(type) {
	case string:
		out = append(out, Field{key, x})
	case []any:
		for i, e := range x {
			out = appendStrings(out, fmt.Sprintf("%s[%d]", key, i), e)
		}
	case map[string]any:
		for _, k := range sortedKeys(x) {
			out = appendStrings(out, key+"."+k, x[k])
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
