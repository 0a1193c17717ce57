package assemble

import (
	"io/fs"
	"strings"
	"text/template"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/tomlfile"
)

// Frame is the document frame: the parts of an agreement around its articles.
type Frame struct {
	Title, Subtitle, Reference         *template.Template
	PartiesIntro, PartyAgency, Between *template.Template
	PartyLocal, PartiesOutro           *template.Template
	RecitalsIntro, Agreed, Closing     *template.Template
	SignatureAgency, SignatureLocal    *template.Template
	name                               string
}

func (fr *Frame) all() []*template.Template {
	return []*template.Template{fr.Title, fr.Subtitle, fr.Reference, fr.PartiesIntro, fr.PartyAgency, fr.Between,
		fr.PartyLocal, fr.PartiesOutro, fr.RecitalsIntro, fr.Agreed, fr.Closing, fr.SignatureAgency, fr.SignatureLocal}
}

type rawFrame struct {
	Title           string `toml:"titel"`
	Subtitle        string `toml:"ondertitel"`
	Reference       string `toml:"referentie"`
	PartiesIntro    string `toml:"partijen_inleiding"`
	PartyAgency     string `toml:"partij_agii"`
	Between         string `toml:"partijen_tussen"`
	PartyLocal      string `toml:"partij_gemeente"`
	PartiesOutro    string `toml:"partijen_slot"`
	RecitalsIntro   string `toml:"overwegingen_inleiding"`
	Agreed          string `toml:"overeengekomen"`
	Closing         string `toml:"slot"`
	SignatureAgency string `toml:"handtekening_agii"`
	SignatureLocal  string `toml:"handtekening_gemeente"`
}

// LoadFrame reads the frame file name from fsys.
func LoadFrame(fsys fs.FS, name string) (*Frame, error) {
	var probs diag.List
	f, err := tomlfile.Read(fsys, name, "templates/"+name)
	if err != nil {
		return nil, err
	}
	var r rawFrame
	if !f.Decode(&r, &probs) {
		return nil, probs.Err()
	}
	fr := &Frame{name: name}
	for _, t := range []struct {
		key string
		src string
		dst **template.Template
	}{
		{"titel", r.Title, &fr.Title}, {"ondertitel", r.Subtitle, &fr.Subtitle}, {"referentie", r.Reference, &fr.Reference},
		{"partijen_inleiding", r.PartiesIntro, &fr.PartiesIntro}, {"partij_agii", r.PartyAgency, &fr.PartyAgency},
		{"partijen_tussen", r.Between, &fr.Between}, {"partij_gemeente", r.PartyLocal, &fr.PartyLocal},
		{"partijen_slot", r.PartiesOutro, &fr.PartiesOutro}, {"overwegingen_inleiding", r.RecitalsIntro, &fr.RecitalsIntro},
		{"overeengekomen", r.Agreed, &fr.Agreed}, {"slot", r.Closing, &fr.Closing},
		{"handtekening_agii", r.SignatureAgency, &fr.SignatureAgency}, {"handtekening_gemeente", r.SignatureLocal, &fr.SignatureLocal},
	} {
		if strings.TrimSpace(t.src) == "" {
			probs.Add(f.Problem(t.key, "err.key.required", diag.A("key", t.key)))
			continue
		}
		tm, err := template.New(t.key).Funcs(library.TextFuncs).Option("missingkey=error").Parse(t.src)
		if err != nil {
			p := f.Problem(t.key, "err.text.template", nil)
			p.Detail = err.Error()
			probs.Add(p)
			continue
		}
		*t.dst = tm
	}
	if err := probs.Err(); err != nil {
		return nil, err
	}
	return fr, nil
}
