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
// that does not exist, or a reference to a clause or chapter the library
// does not have, is a lint problem, not a failure when some municipality's
// agreement is drafted.
func CheckTexts(lib *library.Library) diag.List {
	var probs diag.List
	chair, mayor, ocmwChair := &profile.Person{Name: "x"}, &profile.Person{Name: "x"}, &profile.Person{Name: "x"}
	council := nlfmt.Date{Year: 2026, Month: 1, Day: 1}
	p := &profile.Profile{
		Municipality: profile.Municipality{NIS: "10000", Name: "x", Kind: "gemeente", Province: "x", Address: "x", Population: 1},
		OCMW:         &profile.OCMW{Seat: "x"},
		Agreement: profile.Agreement{From: council, To: council, Date: council, Place: "x", CouncilDecision: &council,
			OCMWDecision: &council, CollegeDecision: &council},
		Signers: profile.Signers{Chair: chair, Mayor: mayor, OCMWChair: ocmwChair},
	}
	common := CommonData(lib, p)
	header := lib.Dir + "/" + library.HeaderFile
	for i, r := range lib.Recitals {
		if err := r.Execute(io.Discard, common, sampleRefs{lib, lib.Problem, "overwegingen", &probs}); err != nil {
			probs.Add(diag.Problem{File: header, Key: "overwegingen",
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
				probs.Add(c.Problem(prm.Key+".naam", "err.param.reserved", diag.A("name", prm.Name)))
			}
			data[prm.Name] = prm.Sample()
		}
		if err := c.Body.Execute(io.Discard, data, sampleRefs{lib, c.Problem, "tekst", &probs}); err != nil {
			probs.Add(withDetail(c.Problem("tekst", "err.text.execute", nil), err))
		}
	}
	if fr := lib.Frame; fr != nil {
		for _, part := range fr.Parts() {
			if err := part.Text.Execute(io.Discard, common, sampleRefs{lib, fr.Problem, part.Key, &probs}); err != nil {
				probs.Add(diag.Problem{File: fr.File, Key: part.Key, ID: "err.text.execute", Detail: err.Error()})
			}
		}
	}
	return probs
}

// sampleRefs answers references while the texts are checked: every clause
// and chapter of the library may be referred to; anything else is a problem.
type sampleRefs struct {
	lib   *library.Library
	place placer
	key   string
	probs *diag.List
}

func (r sampleRefs) known(fn, id string, ok bool) {
	if !ok {
		r.probs.Add(r.place(r.key, "err.ref.unknown_target", diag.A("ref", `{{`+fn+` "`+id+`"}}`, "id", id)))
	}
}

func (r sampleRefs) Article(id string) string {
	r.known("artikel", id, r.lib.Clause(id) != nil)
	return "artikel 1"
}

func (r sampleRefs) Chapter(id string) string {
	r.known("hoofdstuk", id, r.lib.ChapterIndex(id) >= 0)
	return "hoofdstuk 1"
}

func (r sampleRefs) Included(id string) bool {
	r.known("opgenomen", id, r.lib.Clause(id) != nil || r.lib.ChapterIndex(id) >= 0)
	return true
}
