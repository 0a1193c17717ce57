package library

import (
	"io/fs"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/tomlfile"
)

// DefaultFrame is the frame a release uses when its header names none
// (kader): the frame of releases 2020.1 and 2025.1.
const DefaultFrame = "overeenkomst.toml"

// Frame is the document frame of a release: the parts of an agreement
// around its articles, as templates over the same data as clause texts.
type Frame struct {
	// File names the frame in problems: "templates/overeenkomst.toml".
	File                               string
	Title, Subtitle, Reference         *Text
	PartiesIntro, PartyAgency, Between *Text
	PartyLocal, PartiesOutro           *Text
	RecitalsIntro, Agreed, Closing     *Text
	SignatureAgency, SignatureLocal    *Text
	// PartyOCMW and SignatureOCMW are optional (nil when the frame has
	// none); they are part of an agreement when their output is not empty.
	PartyOCMW, SignatureOCMW *Text
	file                     *tomlfile.File
}

// Problem builds a problem about key in the frame file.
func (fr *Frame) Problem(key, id string, args map[string]any) diag.Problem {
	return fr.file.Problem(key, id, args)
}

// Parts returns every part of the frame that is set, with its key.
func (fr *Frame) Parts() []FramePart {
	var out []FramePart
	for _, p := range fr.parts() {
		if *p.dst != nil {
			out = append(out, FramePart{p.key, *p.dst})
		}
	}
	return out
}

// FramePart is a frame text with its key in the frame file.
type FramePart struct {
	Key  string
	Text *Text
}

type framePart struct {
	key      string
	optional bool
	dst      **Text
}

func (fr *Frame) parts() []framePart {
	return []framePart{
		{"titel", false, &fr.Title}, {"ondertitel", false, &fr.Subtitle}, {"referentie", false, &fr.Reference},
		{"partijen_inleiding", false, &fr.PartiesIntro}, {"partij_agii", false, &fr.PartyAgency},
		{"partijen_tussen", false, &fr.Between}, {"partij_gemeente", false, &fr.PartyLocal},
		{"partij_ocmw", true, &fr.PartyOCMW},
		{"partijen_slot", false, &fr.PartiesOutro}, {"overwegingen_inleiding", false, &fr.RecitalsIntro},
		{"overeengekomen", false, &fr.Agreed}, {"slot", false, &fr.Closing},
		{"handtekening_agii", false, &fr.SignatureAgency}, {"handtekening_gemeente", false, &fr.SignatureLocal},
		{"handtekening_ocmw", true, &fr.SignatureOCMW},
	}
}

// loadFrame reads the frame file name from fsys (the templates folder).
// It returns nil with problems added when the frame cannot be used.
func loadFrame(fsys fs.FS, name string, probs *diag.List) *Frame {
	f, err := tomlfile.Read(fsys, name, "templates/"+name)
	if err != nil {
		probs.Add(diag.Problem{File: "templates/" + name, ID: "err.file.read", Detail: err.Error()})
		return nil
	}
	raw := map[string]string{}
	var r map[string]any
	if !f.Decode(&r, probs) {
		return nil
	}
	fr := &Frame{File: f.Name, file: f}
	known := map[string]bool{}
	for _, p := range fr.parts() {
		known[p.key] = true
	}
	for k, v := range r {
		s, ok := v.(string)
		switch {
		case !known[k]:
			probs.Add(f.Problem(k, "err.toml.unknown_key", diag.A("key", k)))
		case !ok:
			probs.Add(f.Problem(k, "err.frame.not_text", diag.A("key", k)))
		default:
			raw[k] = s
		}
	}
	n := len(*probs)
	for _, p := range fr.parts() {
		src := raw[p.key]
		if strings.TrimSpace(src) == "" {
			if !p.optional {
				probs.Add(f.Problem(p.key, "err.key.required", diag.A("key", p.key)))
			}
			continue
		}
		t, err := parseText(p.key, src)
		if err != nil {
			probs.Add(withDetail(f.Problem(p.key, "err.text.template", nil), err))
			continue
		}
		*p.dst = t
	}
	if len(*probs) > n {
		return nil
	}
	return fr
}
