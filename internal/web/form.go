package web

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/ovk"
)

// field is one input of the form; Key is its profile key, and its name.
type field struct {
	Key, Label, Input, Hint string
	Choices                 []string
	Min, Max                string
	Required                bool
	Value, Error            string
	Param                   bool
}

// section is a fieldset of the form.
type section struct {
	ID, Title, Intro string
	Fields           []field
}

// goal is a local goal of the catalogue with its parameters.
type goal struct {
	ID, Title, Summary string
	Chosen             bool
	Fields             []field
}

// formSpec is the form of the release, without values.
type formSpec struct {
	sections []section
	goals    []goal
	others   []goal // parameters of clauses that are not goals
	types    map[string]string
	required map[string]string // [[vereist]] key → why
}

// The profile's own keys (the profile schema, the same for every release),
// with their Dutch labels and input types.
var profileSections = []section{
	{ID: "gemeente", Title: "Gemeente", Fields: []field{
		{Key: "gemeente.nis", Label: "NIS-code", Input: "readonly"},
		{Key: "gemeente.naam", Label: "Naam", Input: "text", Required: true},
		{Key: "gemeente.soort", Label: "Soort", Input: "select", Choices: []string{"gemeente", "stad"}, Required: true},
		{Key: "gemeente.provincie", Label: "Provincie", Input: "text", Required: true},
		{Key: "gemeente.adres", Label: "Adres van de zetel", Input: "text", Required: true},
		{Key: "gemeente.ondernemingsnummer", Label: "Ondernemingsnummer", Input: "text"},
		{Key: "gemeente.inwoners", Label: "Aantal inwoners", Input: "number", Min: "1", Required: true},
		{Key: "gemeente.inburgeraars_per_jaar", Label: "Verwachte inburgeraars per jaar", Input: "number", Min: "0"},
		{Key: "gemeente.eigen_ocmw", Label: "Eigen OCMW", Input: "yesno"},
		{Key: "gemeente.centrumstad", Label: "Centrumstad", Input: "yesno"},
		{Key: "ocmw.zetel", Label: "Zetel van het OCMW", Input: "text"},
		{Key: "ocmw.ondernemingsnummer", Label: "Ondernemingsnummer van het OCMW", Input: "text"},
	}},
	{ID: "periode", Title: "Periode en ondertekening", Fields: []field{
		{Key: "overeenkomst.van", Label: "Begindatum", Input: "date", Required: true},
		{Key: "overeenkomst.tot", Label: "Einddatum", Input: "date", Required: true},
		{Key: "overeenkomst.plaats", Label: "Plaats van ondertekening", Input: "text", Required: true},
		{Key: "overeenkomst.datum", Label: "Datum van ondertekening", Input: "date", Required: true},
	}},
	{ID: "besluiten", Title: "Besluiten", Fields: []field{
		{Key: "overeenkomst.gemeenteraadsbesluit", Label: "Besluit van de gemeenteraad", Input: "date"},
		{Key: "overeenkomst.ocmw_raadsbesluit", Label: "Besluit van de raad voor maatschappelijk welzijn", Input: "date"},
		{Key: "overeenkomst.collegebesluit", Label: "Besluit van het college van burgemeester en schepenen", Input: "date"},
	}},
	{ID: "ondertekenaars", Title: "Ondertekenaars", Fields: []field{
		{Key: "ondertekenaars.agii.naam", Label: "Naam ondertekenaar AgII", Input: "text", Required: true},
		{Key: "ondertekenaars.agii.functie", Label: "Functie ondertekenaar AgII", Input: "text", Required: true},
		{Key: "ondertekenaars.voorzitter.naam", Label: "Voorzitter van de gemeenteraad", Input: "text"},
		{Key: "ondertekenaars.burgemeester.naam", Label: "Burgemeester", Input: "text"},
		{Key: "ondertekenaars.algemeen_directeur.naam", Label: "Algemeen directeur", Input: "text", Required: true},
		{Key: "ondertekenaars.voorzitter_ocmw_raad.naam", Label: "Voorzitter van de raad voor maatschappelijk welzijn", Input: "text"},
	}},
	{ID: "contactpersonen", Title: "Contactpersonen", Fields: []field{
		{Key: "contactpersonen.agii.naam", Label: "Contactpersoon AgII: naam", Input: "text", Required: true},
		{Key: "contactpersonen.agii.functie", Label: "Contactpersoon AgII: functie", Input: "text"},
		{Key: "contactpersonen.agii.email", Label: "Contactpersoon AgII: e-mailadres", Input: "email"},
		{Key: "contactpersonen.agii.telefoon", Label: "Contactpersoon AgII: telefoon", Input: "tel"},
		{Key: "contactpersonen.gemeente.naam", Label: "Contactpersoon gemeente: naam", Input: "text", Required: true},
		{Key: "contactpersonen.gemeente.functie", Label: "Contactpersoon gemeente: functie", Input: "text"},
		{Key: "contactpersonen.gemeente.email", Label: "Contactpersoon gemeente: e-mailadres", Input: "email"},
		{Key: "contactpersonen.gemeente.telefoon", Label: "Contactpersoon gemeente: telefoon", Input: "tel"},
	}},
}

var inputOf = map[string]string{"tekst": "text", "datum": "date", "geheel_getal": "number", "bedrag": "number",
	"email": "email", "telefoon": "tel", "keuze": "select", "lijst": "textarea", "persoon": "person"}

// newFormSpec generates the form of release from its catalogue.
func newFormSpec(cat *ovk.Catalog, release string) (*formSpec, error) {
	cl, err := cat.Clauses(release)
	if err != nil {
		return nil, err
	}
	reqs, err := cat.Requirements(release)
	if err != nil {
		return nil, err
	}
	fs := &formSpec{types: map[string]string{}, required: map[string]string{}}
	for _, r := range reqs {
		fs.required[r.Key] = r.Why
	}
	for _, s := range profileSections {
		s.Fields = append([]field(nil), s.Fields...)
		for i := range s.Fields {
			if why, ok := fs.required[s.Fields[i].Key]; ok {
				s.Fields[i].Hint = why
			}
		}
		fs.sections = append(fs.sections, s)
	}
	for _, c := range cl.Clauses {
		g := goal{ID: c.ID, Title: c.Title}
		if c.Kind == "optioneel" {
			if v, err := cat.Clause(c.ID); err == nil {
				for _, cv := range v.Versions {
					if cv.Release == release {
						g.Summary = summary(cv.Text)
					}
				}
			}
		}
		for _, pv := range c.Params {
			key := "parameters." + c.ID + "." + pv.Name
			fs.types[key] = pv.Type
			f := field{Key: key, Label: pv.Label, Input: inputOf[pv.Type], Choices: pv.Choices, Required: pv.Required, Param: true}
			if f.Input == "" {
				f.Input = "text"
			}
			if pv.Min != nil {
				f.Min = strconv.FormatFloat(*pv.Min, 'f', -1, 64)
			}
			if pv.Max != nil {
				f.Max = strconv.FormatFloat(*pv.Max, 'f', -1, 64)
			}
			var hints []string
			if pv.Default != nil {
				hints = append(hints, "Standaard: "+*pv.Default)
			}
			switch {
			case pv.Type == "lijst" && (f.Min != "" || f.Max != ""):
				hints = append(hints, fmt.Sprintf("Eén per regel (%s tot %s)", or(f.Min, "0"), or(f.Max, "…")))
				f.Min, f.Max = "", ""
			case pv.Type == "lijst":
				hints = append(hints, "Eén per regel")
			case f.Min != "" || f.Max != "":
				hints = append(hints, fmt.Sprintf("Van %s tot %s", or(f.Min, "…"), or(f.Max, "…")))
			}
			f.Hint = strings.Join(hints, ". ")
			g.Fields = append(g.Fields, f)
		}
		if c.Kind == "optioneel" {
			fs.goals = append(fs.goals, g)
		} else if len(g.Fields) > 0 {
			fs.others = append(fs.others, g)
		}
	}
	return fs, nil
}

func or(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

var tmplRE = regexp.MustCompile(`\{\{[^}]*\}\}`)

// summary is the first sentence of a clause's text, its placeholders as "…".
func summary(text string) string {
	s := strings.Join(strings.Fields(strings.TrimPrefix(strings.TrimSpace(text), "§")), " ")
	s = tmplRE.ReplaceAllString(s, "…")
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if r := []rune(s); len(r) > 220 {
		s = string(r[:219]) + "…"
	}
	return s
}

// formData is what the form template shows.
type formData struct {
	Title, NIS, Name, CSRF, Loaded, Release string
	Sections                                []section
	Goals, Others                           []goal
	Errors                                  []errorItem
	Notice                                  string
	Conflict                                bool
	Register                                bool
	SavedFile                               string
	Preview                                 *preview
}

type errorItem struct{ Href, Label, Message string }

// fill puts values and problems into a copy of the spec.
func (p *Page) fill(values map[string]string, probs map[string]string) formData {
	d := formData{Release: p.release}
	chosen := map[string]bool{}
	for _, g := range strings.Split(values["doelstellingen"], "\n") {
		chosen[strings.TrimSpace(g)] = true
	}
	set := func(fields []field) []field {
		out := append([]field(nil), fields...)
		for i := range out {
			out[i].Value, out[i].Error = values[out[i].Key], probs[out[i].Key]
			if out[i].Input == "person" {
				out[i].Value = values[out[i].Key+".naam"]
			}
		}
		return out
	}
	for _, s := range p.form.sections {
		s.Fields = set(s.Fields)
		d.Sections = append(d.Sections, s)
	}
	for _, g := range p.form.goals {
		g.Fields, g.Chosen = set(g.Fields), chosen[g.ID]
		d.Goals = append(d.Goals, g)
	}
	for _, g := range p.form.others {
		g.Fields = set(g.Fields)
		d.Others = append(d.Others, g)
	}
	return d
}

// allKeys is every key of the form in page order, for the error summary.
func (p *Page) allKeys() []field {
	var out []field
	for _, s := range p.form.sections {
		out = append(out, s.Fields...)
	}
	for _, g := range p.form.goals {
		out = append(out, g.Fields...)
	}
	for _, g := range p.form.others {
		out = append(out, g.Fields...)
	}
	return out
}

// values reads the form's texts by profile key; only keys of the form.
func (p *Page) values(r *http.Request, nis string) map[string]string {
	v := map[string]string{}
	for _, f := range p.allKeys() {
		if f.Input == "person" {
			v[f.Key+".naam"] = r.PostFormValue(f.Key)
			continue
		}
		v[f.Key] = r.PostFormValue(f.Key)
	}
	v["gemeente.nis"] = nis
	var goals []string
	for _, g := range r.PostForm["doelstellingen"] {
		for _, known := range p.form.goals {
			if known.ID == g {
				goals = append(goals, g)
			}
		}
	}
	v["doelstellingen"] = strings.Join(goals, "\n")
	// The parameters of a goal not chosen are not part of the profile.
	for _, g := range p.form.goals {
		if !contains(goals, g.ID) {
			for _, f := range g.Fields {
				delete(v, f.Key)
				delete(v, f.Key+".naam")
			}
		}
	}
	return v
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// build turns the form's values into an agreement, or the problems by key
// (the key "" for problems no field owns).
func (p *Page) build(nis string, values map[string]string) (*ovk.Profile, *ovk.Agreement, map[string]string, []string) {
	name := ovk.FileName(nis, values["gemeente.naam"], ".toml")
	var saved *ovk.Profile
	if file, data := p.saved(nis); data != nil {
		saved, _ = ovk.ParseProfile(file, data, false)
	}
	prof, err := ovk.FormProfile(name, values, p.form.types, saved)
	if err == nil {
		var a *ovk.Agreement
		a, err = p.cat.Prepare(p.release, prof)
		if err == nil {
			return prof, a, nil, nil
		}
	}
	byKey, general := p.problems(err)
	return prof, nil, byKey, general
}

// problems sorts err's problems by the field they concern.
func (p *Page) problems(err error) (map[string]string, []string) {
	byKey := map[string]string{}
	var general []string
	var list diag.List
	if !errors.As(err, &list) {
		if e := ovk.AsError(err); e != nil && len(e.Problems) > 0 {
			list = e.Problems
		} else {
			return byKey, []string{ovk.Describe(err, p.t.T)}
		}
	}
	known := map[string]bool{}
	for _, f := range p.allKeys() {
		known[f.Key] = true
	}
	for _, pr := range list {
		key := pr.Key
		if i := strings.IndexByte(key, '['); i >= 0 {
			key = key[:i]
		}
		for !known[key] && strings.Contains(key, ".") && !strings.HasPrefix(key, "parameters.") {
			key = key[:strings.LastIndexByte(key, '.')]
		}
		if pk := strings.TrimSuffix(key, ".naam"); known[pk] && !known[key] {
			key = pk
		}
		msg := p.message(pr)
		if !known[key] {
			if pr.Key != "" {
				msg = pr.Key + ": " + msg
			}
			general = append(general, msg)
			continue
		}
		if byKey[key] != "" {
			byKey[key] += " " + msg
		} else {
			byKey[key] = msg
		}
	}
	return byKey, general
}

func (p *Page) summaryOf(byKey map[string]string, general []string) []errorItem {
	var out []errorItem
	for _, f := range p.allKeys() {
		if m, ok := byKey[f.Key]; ok {
			out = append(out, errorItem{Href: "#" + fieldID(f.Key), Label: f.Label, Message: m})
		}
	}
	for _, g := range general {
		out = append(out, errorItem{Message: g})
	}
	return out
}

// --- handlers ---

func (p *Page) getForm(w http.ResponseWriter, r *http.Request) {
	nis := r.PathValue("nis")
	e := p.entry(nis)
	if e == nil || e.MergedInto != "" || e.NotServed != "" {
		p.notDraftable(w, e, nis)
		return
	}
	file, data := p.saved(nis)
	values := map[string]string{}
	if data != nil {
		if prof, err := ovk.ParseProfile(file, data, false); err == nil {
			values, _ = ovk.FormValues(prof)
		}
	}
	if len(values) == 0 {
		values = map[string]string{"gemeente.nis": nis, "gemeente.naam": e.Name, "gemeente.provincie": e.Province,
			"gemeente.soort": "gemeente", "overeenkomst.plaats": e.Name, "gemeente.eigen_ocmw": "ja", "gemeente.centrumstad": "nee"}
	}
	d := p.fill(values, nil)
	d.Title, d.NIS, d.Name, d.CSRF, d.Loaded = e.Name, nis, e.Name, p.csrfToken(w, r), hashOf(data)
	d.Register, d.SavedFile = p.reg != "", file
	p.render(w, http.StatusOK, "form.html", map[string]any{"Title": e.Name + " – overeenkomst", "F": d})
}

func (p *Page) notDraftable(w http.ResponseWriter, e *ovk.MapEntry, nis string) {
	switch {
	case e == nil:
		p.fail(w, http.StatusNotFound, "Geen gemeente met NIS-code "+nis+" op de kaart van deze release.")
	case e.MergedInto != "":
		p.fail(w, http.StatusGone, fmt.Sprintf("De gemeente met NIS-code %s is samengevoegd met %s (%s): maak de overeenkomst voor %s op.",
			nis, e.MergedInto, e.MergedIntoNIS, e.MergedInto))
	default:
		p.fail(w, http.StatusForbidden, e.NotServed)
	}
}

func (p *Page) postForm(w http.ResponseWriter, r *http.Request) {
	nis := r.PathValue("nis")
	e := p.entry(nis)
	if e == nil || e.MergedInto != "" || e.NotServed != "" {
		p.notDraftable(w, e, nis)
		return
	}
	if err := r.ParseForm(); err != nil {
		p.fail(w, http.StatusBadRequest, "Het formulier kon niet gelezen worden: "+err.Error())
		return
	}
	if !p.csrfOK(r) {
		p.fail(w, http.StatusForbidden, "Het formulier is verlopen of komt niet van deze pagina (CSRF-controle). Laad de pagina opnieuw.")
		return
	}
	values := p.values(r, nis)
	prof, a, byKey, general := p.build(nis, values)
	action := r.PostFormValue("actie")
	d := p.fill(values, byKey)
	d.Title, d.NIS, d.Name, d.CSRF, d.Loaded = e.Name, nis, e.Name, r.PostFormValue("csrf"), r.PostFormValue("geladen")
	d.Register = p.reg != ""
	d.SavedFile, _ = p.saved(nis)
	if a == nil {
		d.Errors = p.summaryOf(byKey, general)
		p.render(w, http.StatusUnprocessableEntity, "form.html", map[string]any{"Title": "Fout: " + e.Name + " – overeenkomst", "F": d})
		return
	}
	switch action {
	case "pdf":
		data, err := a.Bytes(ovk.PDF)
		if err != nil {
			p.fail(w, http.StatusInternalServerError, ovk.Describe(err, p.t.T))
			return
		}
		download(w, "application/pdf", ovk.FileName(nis, prof.Municipality.Name, ".pdf"), data)
		return
	case "toml":
		download(w, "application/toml; charset=utf-8", ovk.FileName(nis, prof.Municipality.Name, ".toml"), prof.Source)
		return
	case "bewaar":
		p.save(w, r, d, prof)
		return
	}
	d.Notice = "Geen fouten gevonden: de overeenkomst kan opgemaakt worden."
	d.Preview = p.preview(a)
	if d.SavedFile != "" {
		d.Preview.Diff = p.diffSaved(d.SavedFile, prof)
	}
	p.render(w, http.StatusOK, "form.html", map[string]any{"Title": e.Name + " – overeenkomst", "F": d})
}

func download(w http.ResponseWriter, typ, name string, data []byte) {
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

// save writes the profile into the register, atomically, unless the file
// changed since the form was loaded.
func (p *Page) save(w http.ResponseWriter, r *http.Request, d formData, prof *ovk.Profile) {
	if p.reg == "" {
		d.Errors = []errorItem{{Message: "Deze server heeft geen registermap (ovk serve --register MAP): bewaren kan niet. Download het profiel als TOML."}}
		p.render(w, http.StatusConflict, "form.html", map[string]any{"Title": "Fout: " + d.Name, "F": d})
		return
	}
	file, cur := p.saved(d.NIS)
	if hashOf(cur) != d.Loaded {
		d.Conflict = true
		d.Errors = []errorItem{{Message: "Niet bewaard: het profiel van " + d.Name + " is gewijzigd sinds u dit formulier opende (door een collega of in een ander venster). Open de gemeente opnieuw om de nieuwe versie te zien; uw wijzigingen staan nog in dit formulier."}}
		p.render(w, http.StatusConflict, "form.html", map[string]any{"Title": "Fout: " + d.Name, "F": d})
		return
	}
	target := filepath.Join(p.reg, ovk.FileName(d.NIS, prof.Municipality.Name, ".toml"))
	if file != "" {
		target = file // keep the file's name when the municipality's name changed
	}
	if err := fsutil.WriteFile(target, prof.Source, 0o644); err != nil {
		d.Errors = []errorItem{{Message: "Niet bewaard: " + ovk.Describe(err, p.t.T)}}
		p.render(w, http.StatusInternalServerError, "form.html", map[string]any{"Title": "Fout: " + d.Name, "F": d})
		return
	}
	d.Loaded, d.SavedFile = hashOf(prof.Source), target
	d.Notice = "Bewaard in het register als " + filepath.Base(target) + "."
	p.render(w, http.StatusOK, "form.html", map[string]any{"Title": d.Name + " – overeenkomst", "F": d})
}

// preview is the agreement as text with the rules' verdicts.
type preview struct {
	Text     string
	Articles int
	Clauses  []ovk.ClauseDecision
	Diff     string
}

func (p *Page) preview(a *ovk.Agreement) *preview {
	text, _ := a.Bytes(ovk.Text)
	v := a.View(p.t.T)
	cl := append([]ovk.ClauseDecision(nil), v.Explanation...)
	sort.SliceStable(cl, func(i, j int) bool { return cl[i].In && !cl[j].In })
	return &preview{Text: string(text), Articles: a.Articles(), Clauses: cl}
}

// postPreview answers the live preview: the agreement and the verdicts,
// or the problems, as an HTML fragment.
func (p *Page) postPreview(w http.ResponseWriter, r *http.Request) {
	nis := r.PathValue("nis")
	e := p.entry(nis)
	if e == nil || e.MergedInto != "" || e.NotServed != "" {
		p.notDraftable(w, e, nis)
		return
	}
	if err := r.ParseForm(); err != nil || !p.csrfOK(r) {
		p.fail(w, http.StatusForbidden, "CSRF-controle mislukt: laad de pagina opnieuw.")
		return
	}
	values := p.values(r, nis)
	prof, a, byKey, general := p.build(nis, values)
	data := map[string]any{}
	if a == nil {
		data["Errors"] = p.summaryOf(byKey, general)
	} else {
		pv := p.preview(a)
		if file, _ := p.saved(nis); file != "" {
			pv.Diff = p.diffSaved(file, prof)
		}
		data["Preview"] = pv
	}
	p.render(w, http.StatusOK, "preview.html", data)
}

// diffSaved compares the form's agreement with the saved profile's, as
// ovk diff's text report.
func (p *Page) diffSaved(file string, prof *ovk.Profile) string {
	old, err := p.cat.SideFromProfileFile(p.release, file)
	if err != nil {
		return "Het bewaarde profiel kan niet opgemaakt worden: " + ovk.Describe(err, p.t.T)
	}
	cur, err := p.cat.SideFromProfile(p.release, prof, "formulier")
	if err != nil {
		return ovk.Describe(err, p.t.T)
	}
	rep, err := ovk.Diff(old, cur)
	if err != nil {
		return ovk.Describe(err, p.t.T)
	}
	var b bytes.Buffer
	if err := ovk.WriteReport(&b, rep, ovk.ReportText, p.t, false); err != nil {
		return err.Error()
	}
	return b.String()
}
