package httpapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// The names profiles from a request body carry in the pipeline.
const (
	bodyJSON = "body.json"
	bodyTOML = "body.toml"
)

// postAgreement drafts one agreement: the profile in the body (JSON, or
// TOML), the PDF, the assembled agreement as JSON or its text out.
func (s *Server) postAgreement(c echo.Context) error {
	out, err := requireAccept(c, mediaPDF, mediaJSON, mediaText)
	if err != nil {
		return err
	}
	in, err := requireContentType(c, mediaJSON, mediaTOML)
	if err != nil {
		return err
	}
	d, err := s.release(c)
	if err != nil {
		return err
	}
	body, err := readBody(c)
	if err != nil {
		return err
	}
	// The slot is taken only now, so that a slow upload holds none.
	release, err := s.acquire()
	if err != nil {
		return err
	}
	defer release()

	if err := checkDeadline(c); err != nil {
		return err
	}
	p, err := parseProfile(in, body)
	if err != nil {
		return err
	}
	if err := checkDeadline(c); err != nil {
		return err
	}
	res, err := d.Prepare(p)
	if err != nil {
		return profileError(p, err)
	}
	if err := checkDeadline(c); err != nil {
		return err
	}
	switch out {
	case mediaJSON:
		return c.JSON(http.StatusOK, agreementView(d, res, localizer(c)))
	case mediaText:
		data, err := draft.Bytes(res.Doc, draft.Text)
		if err != nil {
			return err
		}
		return blob(c, mediaText+"; charset=utf-8", data)
	}
	data, err := draft.Bytes(res.Doc, draft.PDF)
	if err != nil {
		return err
	}
	m := p.Municipality
	c.Response().Header().Set(echo.HeaderContentDisposition, contentDisposition(m.NIS, m.Name, ".pdf"))
	return blob(c, mediaPDF, data)
}

// blob writes a whole body with its length.
func blob(c echo.Context, contentType string, data []byte) error {
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(data)))
	return c.Blob(http.StatusOK, contentType, data)
}

// parseProfile reads a profile in the request's media type.
func parseProfile(mediaType string, body []byte) (*profile.Profile, error) {
	if mediaType == mediaTOML {
		return profile.Parse(bodyTOML, body)
	}
	if probs := jsonSyntax(body); probs != nil {
		return nil, probs
	}
	return profile.ParseJSON(bodyJSON, body)
}

// profileError points a refusal of the municipality at gemeente.nis.
func profileError(p *profile.Profile, err error) error {
	var (
		ns     *rules.NotServedError
		merged *rules.MergedError
	)
	if !errors.As(err, &ns) && !errors.As(err, &merged) {
		return err
	}
	ae := classify(err)
	ae.details = diag.List{p.Problem("gemeente.nis", ae.id, ae.args)}
	return ae
}

// Agreement is the JSON form of an assembled agreement. Its keys are Dutch,
// like the profile's and those of the command line's JSON output.
type Agreement struct {
	Reference     string              `json:"referentie"`
	Library       string              `json:"bibliotheek"`
	Release       string              `json:"release"`
	ToolVersion   string              `json:"ovk_versie"`
	ProfileSHA256 string              `json:"profiel_sha256"`
	Municipality  Municipality        `json:"gemeente"`
	Title         string              `json:"titel"`
	Subtitle      string              `json:"ondertitel"`
	Parties       []Paragraph         `json:"partijen"`
	Recitals      []Paragraph         `json:"overwegingen"`
	Chapters      []Chapter           `json:"hoofdstukken"`
	Closing       string              `json:"slot"`
	Signatures    []SignatureBlock    `json:"handtekeningen"`
	Explanation   []rules.Explanation `json:"uitleg"`
}

// Municipality names the municipality an agreement is for.
type Municipality struct {
	NIS  string `json:"nis"`
	Name string `json:"naam"`
}

// Chapter is a chapter of an agreement with its articles.
type Chapter struct {
	Number   int       `json:"nummer"`
	ID       string    `json:"id"`
	Title    string    `json:"titel"`
	Articles []Article `json:"artikels"`
}

// Article is one numbered article and the clause it comes from.
type Article struct {
	Number        int               `json:"nummer"`
	ClauseID      string            `json:"clausule"`
	ClauseVersion int               `json:"versie"`
	Title         string            `json:"titel"`
	Paragraphs    []Paragraph       `json:"leden"`
	Params        map[string]string `json:"parameters,omitempty"`
}

// Paragraph is a paragraph ("§ 1.") with its enumerated points.
type Paragraph struct {
	Label string `json:"label,omitempty"`
	Text  string `json:"tekst"`
	Items []Item `json:"punten,omitempty"`
}

// Item is an enumerated point ("1°").
type Item struct {
	Label string `json:"label"`
	Text  string `json:"tekst"`
}

// SignatureBlock is one party's signatures.
type SignatureBlock struct {
	Party   string   `json:"partij"`
	Signers []Signer `json:"ondertekenaars"`
}

// Signer is one person who signs.
type Signer struct {
	Name     string `json:"naam"`
	Function string `json:"functie,omitempty"`
}

func agreementView(d *draft.Drafter, res *draft.Result, loc *l10n.Localizer) Agreement {
	doc := res.Doc
	a := Agreement{
		Reference: doc.Reference, Library: d.Lib.ID, Release: d.Lib.Version, ToolVersion: doc.Meta.ToolVersion,
		ProfileSHA256: doc.Meta.ProfileSHA256,
		Municipality:  Municipality{NIS: res.Profile.Municipality.NIS, Name: res.Profile.Municipality.Name},
		Title:         doc.Title, Subtitle: doc.Subtitle, Parties: paragraphs(doc.Parties),
		Recitals: paragraphs(doc.Recitals), Closing: doc.Closing,
		Chapters: make([]Chapter, 0, len(doc.Chapters)), Signatures: make([]SignatureBlock, 0, len(doc.Signatures)),
		Explanation: res.Selection.Explain(loc.T),
	}
	for _, ch := range doc.Chapters {
		vc := Chapter{Number: ch.Number, ID: ch.ID, Title: ch.Title, Articles: make([]Article, 0, len(ch.Articles))}
		for _, ar := range ch.Articles {
			vc.Articles = append(vc.Articles, Article{Number: ar.Number, ClauseID: ar.ClauseID,
				ClauseVersion: ar.ClauseVersion, Title: ar.Title, Paragraphs: paragraphs(ar.Paragraphs), Params: ar.Params})
		}
		a.Chapters = append(a.Chapters, vc)
	}
	for _, sb := range doc.Signatures {
		vs := SignatureBlock{Party: sb.Party, Signers: make([]Signer, 0, len(sb.Signers))}
		for _, sg := range sb.Signers {
			vs.Signers = append(vs.Signers, Signer{Name: sg.Name, Function: sg.Function})
		}
		a.Signatures = append(a.Signatures, vs)
	}
	return a
}

func paragraphs(ps []document.Paragraph) []Paragraph {
	out := make([]Paragraph, 0, len(ps))
	for _, p := range ps {
		vp := Paragraph{Label: p.Label, Text: p.Text}
		for _, it := range p.Items {
			vp.Items = append(vp.Items, Item{Label: it.Label, Text: it.Text})
		}
		out = append(out, vp)
	}
	return out
}
