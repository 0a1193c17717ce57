// Package assemble owns the step from a selection of clauses to the
// document model: it fills every placeholder with checked parameter values,
// numbers chapters, articles, paragraphs and points, and records the
// provenance (manifest) of the result.
package assemble

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// dutch words the rules' reasons in the manifest: the manifest belongs to
// the (Dutch) agreement, whatever the user's language.
var dutch = l10n.For("nl")

// Assemble builds the agreement for profile p from the clauses sel selected
// in lib, inside the release's frame. Articles are numbered first, so that
// a text's references ({{artikel "id"}}, {{hoofdstuk "id"}}) name this
// agreement's numbers. Missing or invalid parameter values and references
// to clauses or chapters that are not in the agreement come back, all at
// once, as a diag.List.
func Assemble(lib *library.Library, p *profile.Profile, sel *rules.Selection, toolVersion string) (*document.Document, error) {
	var probs diag.List
	fr := lib.Frame
	common := CommonData(lib, p)
	num := number(lib, sel)
	doc := &document.Document{}
	execFrame := func(t *library.Text, key string) string {
		if t == nil {
			return ""
		}
		var b bytes.Buffer
		if err := t.Execute(&b, common, num.from(fr.Problem, key, key, &probs)); err != nil {
			probs.Add(diag.Problem{File: fr.File, Key: key, ID: "err.text.execute", Detail: err.Error()})
		}
		return strings.TrimSpace(b.String())
	}
	doc.Title = execFrame(fr.Title, "titel")
	doc.Subtitle = execFrame(fr.Subtitle, "ondertitel")
	doc.Reference = execFrame(fr.Reference, "referentie")
	doc.PartiesIntro = execFrame(fr.PartiesIntro, "partijen_inleiding")
	doc.Parties = append(doc.Parties, ParseMarkup(execFrame(fr.PartyAgency, "partij_agii"))...)
	doc.Parties = append(doc.Parties, ParseMarkup(execFrame(fr.Between, "partijen_tussen"))...)
	doc.Parties = append(doc.Parties, ParseMarkup(execFrame(fr.PartyLocal, "partij_gemeente"))...)
	doc.Parties = append(doc.Parties, ParseMarkup(execFrame(fr.PartyOCMW, "partij_ocmw"))...)
	doc.PartiesOutro = execFrame(fr.PartiesOutro, "partijen_slot")
	doc.RecitalsIntro = execFrame(fr.RecitalsIntro, "overwegingen_inleiding")
	header := lib.Dir + "/" + library.HeaderFile
	for i, r := range lib.Recitals {
		var b bytes.Buffer
		if err := r.Execute(&b, common, num.from(lib.Problem, "overwegingen", "overwegingen", &probs)); err != nil {
			probs.Add(diag.Problem{File: header, Key: "overwegingen",
				ID: "err.text.execute", Args: diag.A("n", i+1), Detail: err.Error()})
		}
		doc.Recitals = append(doc.Recitals, ParseMarkup(b.String())...)
	}
	doc.AgreedIntro = execFrame(fr.Agreed, "overeengekomen")
	doc.Closing = execFrame(fr.Closing, "slot")

	var reasons []document.ManifestRule
	var chapter *document.Chapter
	for _, d := range sel.Included() {
		c := d.Clause
		if chapter == nil || chapter.ID != c.Chapter {
			ch := lib.Chapters[lib.ChapterIndex(c.Chapter)]
			doc.Chapters = append(doc.Chapters, document.Chapter{Number: num.chapters[ch.ID], ID: ch.ID, Title: ch.Title})
			chapter = &doc.Chapters[len(doc.Chapters)-1]
		}
		article := num.articles[c.ID]
		before := len(probs)
		data, texts := clauseData(common, c, p, &probs)
		var b bytes.Buffer
		// With a missing or invalid parameter (already reported), executing
		// the text would only add a confusing second problem.
		if len(probs) == before {
			if err := c.Body.Execute(&b, data, num.from(c.Problem, "tekst", c.ID, &probs)); err != nil {
				probs.Add(withDetail(c.Problem("tekst", "err.text.execute", nil), err))
			}
		}
		a := document.Article{Number: article, ClauseID: c.ID, ClauseVersion: c.Version, Title: c.Title,
			Paragraphs: ParseMarkup(b.String()), Params: texts}
		chapter.Articles = append(chapter.Articles, a)
		reasons = append(reasons, document.ManifestRule{ClauseID: c.ID, Reason: dutch.T(string(d.Why), d.Args())})
	}
	doc.Signatures = signatures(execFrame(fr.SignatureAgency, "handtekening_agii"), execFrame(fr.SignatureLocal, "handtekening_gemeente"),
		execFrame(fr.SignatureOCMW, "handtekening_ocmw"), p)
	if err := probs.Err(); err != nil {
		return nil, err
	}
	doc.Meta = document.Meta{
		Date:           time.Date(p.Agreement.Date.Year, p.Agreement.Date.Month, p.Agreement.Date.Day, 0, 0, 0, 0, time.UTC),
		Title:          fmt.Sprintf("%s AgII – %s %d-%d", doc.Title, p.Municipality.Name, p.Agreement.From.Year, p.Agreement.To.Year),
		Author:         lib.Agency.Name,
		Subject:        doc.Subtitle,
		Keywords:       []string{"samenwerkingsovereenkomst", "inburgering", "OCMW", p.Municipality.Name, "NIS " + p.Municipality.NIS, lib.ID, "bibliotheek " + lib.Version, "profiel-sha256 " + p.SHA256},
		Language:       "nl-BE",
		LibraryID:      lib.ID,
		LibraryVersion: lib.Version,
		ProfileSHA256:  p.SHA256,
		ToolVersion:    toolVersion,
		Release: &document.ManifestRelease{Status: string(lib.Status), ApprovedBy: lib.ApprovedBy,
			ApprovedOn: isoOrEmpty(lib.ApprovedOn), Decision: lib.Decision},
		Profile:     p.Source,
		ProfileName: "profile." + p.SourceFormat,
	}
	doc.Meta.Manifest = document.NewManifest(doc, document.ManifestMunicip{NIS: p.Municipality.NIS, Name: p.Municipality.Name}, reasons, common)
	return doc, nil
}

// isoOrEmpty is d as YYYY-MM-DD, or "" for no date.
func isoOrEmpty(d nlfmt.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.ISO()
}

// CommonData is the template data every clause text, recital and frame
// part can use.
func CommonData(lib *library.Library, p *profile.Profile) map[string]any {
	m, a := p.Municipality, p.Agreement
	signers := map[string]any{
		"agii":               p.Signers.Agency.Map(),
		"algemeen_directeur": p.Signers.GeneralDirector.Map(),
		// Always there, so that a frame can test it: {{if .ondertekenaars.voorzitter_ocmw_raad.naam}}.
		"voorzitter_ocmw_raad": profile.Person{}.Map(),
	}
	if p.Signers.Chair != nil {
		signers["voorzitter"] = p.Signers.Chair.Map()
	}
	if p.Signers.Mayor != nil {
		signers["burgemeester"] = p.Signers.Mayor.Map()
	}
	if p.Signers.OCMWChair != nil {
		signers["voorzitter_ocmw_raad"] = p.Signers.OCMWChair.Map()
	}
	ocmw := map[string]any{"zetel": "", "ondernemingsnummer": "", "aanduiding": ""}
	if m.HasOwnOCMW() {
		ocmw["aanduiding"] = "het openbaar centrum voor maatschappelijk welzijn van " + m.Name
		if p.OCMW != nil {
			ocmw["zetel"], ocmw["ondernemingsnummer"] = p.OCMW.Seat, p.OCMW.CompanyNumber
		}
	}
	return map[string]any{
		"gemeente": map[string]any{
			"naam": m.Name, "nis": m.NIS, "provincie": m.Province, "soort": m.Kind, "adres": m.Address,
			"ondernemingsnummer": m.CompanyNumber, "aanduiding": "de " + m.Kind + " " + m.Name,
			"eigen_ocmw": m.HasOwnOCMW(),
		},
		"ocmw": ocmw,
		"periode": map[string]any{
			"van": a.From.String(), "tot": a.To.String(),
			"startjaar": fmt.Sprint(a.From.Year), "eindjaar": fmt.Sprint(a.To.Year),
		},
		"contact": map[string]any{"agii": p.Contacts.Agency.Map(), "gemeente": p.Contacts.Local.Map()},
		"agii":    map[string]any{"naam": lib.Agency.Name, "zetel": lib.Agency.Seat, "ondernemingsnummer": lib.Agency.CompanyNumber},
		"overeenkomst": map[string]any{
			"plaats": a.Place, "datum": a.Date.String(), "gemeenteraadsbesluit": dateText(a.CouncilDecision),
			"ocmw_raadsbesluit": dateText(a.OCMWDecision), "collegebesluit": dateText(a.CollegeDecision),
		},
		"ondertekenaars": signers,
		"release":        map[string]any{"versie": lib.Version, "van_kracht": lib.Effective.String()},
	}
}

func dateText(d *nlfmt.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// clauseData adds the clause's parameter values to the common data and
// returns their renderings for the manifest.
func clauseData(common map[string]any, c *library.Clause, p *profile.Profile, probs *diag.List) (map[string]any, map[string]string) {
	data := make(map[string]any, len(common)+len(c.Params))
	for k, v := range common {
		data[k] = v
	}
	given := p.Params[c.ID]
	names := make([]string, 0, len(given))
	for name := range given {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if c.Param(name) == nil {
			probs.Add(p.Problem("parameters."+c.ID+"."+name, "err.param.unknown", diag.A("name", name, "id", c.ID)))
		}
	}
	var texts map[string]string
	for _, prm := range c.Params {
		key := "parameters." + c.ID + "." + prm.Name
		raw, ok := given[prm.Name]
		var v library.Value
		switch {
		case ok:
			var id string
			var args map[string]any
			if v, id, args = prm.Convert(raw); id != "" {
				probs.Add(p.Problem(key, id, args))
				continue
			}
		case prm.Default != nil:
			v = *prm.Default
		case prm.Required || (prm.RequiredWith != "" && given[prm.RequiredWith] != nil):
			probs.Add(p.Problem("parameters."+c.ID, "err.param.required",
				diag.A("name", prm.Name, "label", prm.Label, "id", c.ID, "type", string(prm.Type))))
			continue
		default:
			v = library.Value{Data: zero(prm.Type)}
		}
		if id, args := inPeriod(v.Date, prm.Deadline, p.Agreement); id != "" {
			args["label"], args["key"] = prm.Label, key
			if !ok { // the library's default: the profile must give a date of its own
				id, key = id+"_default", "parameters."+c.ID
			}
			probs.Add(p.Problem(key, id, args))
			continue
		}
		data[prm.Name] = v.Data
		if texts == nil {
			texts = map[string]string{}
		}
		texts[prm.Name] = v.Text
	}
	return data, texts
}

// inPeriod checks a date parameter's value d (zero for another type)
// against the policy period: a deadline before the period starts or after
// it ends cannot be met under this agreement. A date the agreement records
// (not a deadline) only may not lie after the signature.
func inPeriod(d nlfmt.Date, deadline bool, a profile.Agreement) (string, map[string]any) {
	if d.IsZero() || a.From.IsZero() || a.To.IsZero() {
		return "", nil
	}
	args := diag.A("value", d.String(), "from", a.From.String(), "to", a.To.String(), "date", a.Date.String())
	switch {
	case !deadline:
		if !a.Date.IsZero() && a.Date.Before(d) {
			return "err.value.date_after_signing", args
		}
		return "", nil
	case d.Before(a.From):
		return "err.value.date_before_period", args
	case a.To.Before(d):
		return "err.value.date_after_period", args
	}
	return "", nil
}

func zero(t library.ParamType) any {
	switch t {
	case library.TList:
		return []string(nil)
	case library.TPerson:
		return map[string]string{"naam": "", "functie": "", "email": "", "telefoon": ""}
	}
	return ""
}

func signatures(agencyLabel, localLabel, ocmwLabel string, p *profile.Profile) []document.SignatureBlock {
	s := p.Signers
	agency := document.SignatureBlock{Party: agencyLabel, Signers: []document.Signer{{Name: s.Agency.Name, Function: s.Agency.Function}}}
	local := document.SignatureBlock{Party: localLabel}
	if p.Agreement.CouncilDecision != nil && s.Chair != nil {
		local.Signers = append(local.Signers, document.Signer{Name: s.Chair.Name, Function: or(s.Chair.Function, "voorzitter van de gemeenteraad")})
	} else if s.Mayor != nil {
		local.Signers = append(local.Signers, document.Signer{Name: s.Mayor.Name, Function: or(s.Mayor.Function, "burgemeester")})
	}
	director := document.Signer{Name: s.GeneralDirector.Name, Function: or(s.GeneralDirector.Function, "algemeen directeur")}
	local.Signers = append(local.Signers, director)
	blocks := []document.SignatureBlock{agency, local}
	// The OCMW signs through the chair of its council and the algemeen
	// directeur (DLB art. 279 § 1, second paragraph), when the frame gives
	// it a block: never for a municipality without an OCMW of its own. The
	// chair of the gemeenteraad is by law chair of that council.
	if ocmwLabel != "" && p.Municipality.HasOwnOCMW() {
		ocmw := document.SignatureBlock{Party: ocmwLabel}
		if s.Chair != nil {
			ocmw.Signers = append(ocmw.Signers, document.Signer{Name: s.Chair.Name,
				Function: "voorzitter van de raad voor maatschappelijk welzijn"})
		}
		ocmw.Signers = append(ocmw.Signers, director)
		blocks = append(blocks, ocmw)
	}
	return blocks
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func withDetail(p diag.Problem, err error) diag.Problem {
	p.Detail = err.Error()
	return p
}
