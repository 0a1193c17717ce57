package assemble

import (
	"io"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/profile"
)

// CheckTexts executes every recital, clause text and frame part once with
// sample data of the right shape, so that a placeholder naming something
// that does not exist is a lint problem, not a failure when some
// municipality's agreement is drafted.
func CheckTexts(lib *library.Library, fr *Frame) diag.List {
	var probs diag.List
	chair, mayor := &profile.Person{Name: "x"}, &profile.Person{Name: "x"}
	council := nlfmt.Date{Year: 2026, Month: 1, Day: 1}
	p := &profile.Profile{
		Municipality: profile.Municipality{NIS: "10000", Name: "x", Kind: "gemeente", Province: "x", Address: "x", Population: 1},
		Agreement:    profile.Agreement{From: council, To: council, Date: council, Place: "x", CouncilDecision: &council},
		Signers:      profile.Signers{Chair: chair, Mayor: mayor},
	}
	common := CommonData(lib, p)
	for i, r := range lib.Recitals {
		if err := r.Tmpl.Execute(io.Discard, common); err != nil {
			probs.Add(diag.Problem{File: lib.Dir + "/" + library.HeaderFile, Key: "overwegingen",
				ID: "err.text.execute", Args: diag.A("n", i+1), Detail: err.Error()})
		}
	}
	for _, c := range lib.Clauses {
		if c.Body == nil { // its template did not parse: already a problem
			continue
		}
		data := make(map[string]any, len(common)+len(c.Params))
		for k, v := range common {
			data[k] = v
		}
		for _, prm := range c.Params {
			if _, reserved := common[prm.Name]; reserved {
				probs.Add(c.File.Problem(prm.Key+".naam", "err.param.reserved", diag.A("name", prm.Name)))
			}
			data[prm.Name] = prm.Sample()
		}
		if err := c.Body.Tmpl.Execute(io.Discard, data); err != nil {
			pr := c.File.Problem("tekst", "err.text.execute", nil)
			pr.Detail = err.Error()
			probs.Add(pr)
		}
	}
	if fr != nil {
		for _, t := range fr.all() {
			if err := t.Execute(io.Discard, common); err != nil {
				probs.Add(diag.Problem{File: "templates/" + fr.name, Key: t.Name(), ID: "err.text.execute", Detail: err.Error()})
			}
		}
	}
	return probs
}
