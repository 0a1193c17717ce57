package compare

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/testlib"
)

// drafted drafts a profile under a library given as a file system.
func drafted(t testing.TB, fsys fstest.MapFS, name, src string) (*draft.Drafter, *draft.Result) {
	t.Helper()
	d, err := draft.Open(fsys, "test")
	if err != nil {
		t.Fatal(err)
	}
	p, err := profile.Parse(name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	return d, res
}

// agreementPair diffs the test profile under the test library with an
// edited profile under an edited library.
func agreementPair(t testing.TB, libEdits map[string]string, newProfile string) *Report {
	t.Helper()
	_, or := drafted(t, testlib.FS(nil), "oud.toml", testlib.Profile)
	_, nr := drafted(t, testlib.FS(libEdits), "nieuw.toml", newProfile)
	r, err := Documents(FromDraft(SideProfile, "oud.toml", or.Profile, or.Selection, or.Doc),
		FromDraft(SideProfile, "nieuw.toml", nr.Profile, nr.Selection, nr.Doc))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func profileWith(t testing.TB, old, new string) string {
	t.Helper()
	if !strings.Contains(testlib.Profile, old) {
		t.Fatalf("%q not in the test profile", old)
	}
	return strings.Replace(testlib.Profile, old, new, 1)
}

func statuses(r *Report) string {
	var out []string
	for _, c := range r.Clauses {
		s := c.ID + ":" + string(c.Status)
		if c.Renumbered && c.Status != Renumbered {
			s += "+renumbered"
		}
		if c.Moved && c.Status != Moved {
			s += "+moved"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestAgreementParameterValue(t *testing.T) {
	r := agreementPair(t, nil, profileWith(t, "aantal = 12", "aantal = 15"))
	if got, want := statuses(r), "voorwerp:unchanged ocmw:unchanged buddies:value_changed analyse:unchanged"; got != want {
		t.Errorf("statuses %s, want %s", got, want)
	}
	want := `{"id":"buddies","status":"value_changed","old":{"version":1,"title":"Buddies","position":3,"article":3,"chapter":"Lokale doelstellingen"},"new":{"version":1,"title":"Buddies","position":3,"article":3,"chapter":"Lokale doelstellingen"},"moved":false,"renumbered":false,"changes":{"values":[{"name":"aantal","old":"12","new":"15"}]}}`
	if got := compactJSON(t, clauseDiff(t, r, "buddies")); got != want {
		t.Errorf("buddies:\n got %s\nwant %s", got, want)
	}
	if r.Agreement.Front != nil || r.Agreement.Back != nil || len(r.Agreement.Values) != 0 {
		t.Errorf("outside the articles: %s", compactJSON(t, r.Agreement))
	}
}

func TestAgreementPersonParameter(t *testing.T) {
	r := agreementPair(t, nil, profileWith(t, `coordinator = { naam = "Zoë Çelik", email = "zoe.celik@opwijk.example.be" }`,
		`coordinator = { naam = "Jan Peeters", email = "jan.peeters@opwijk.example.be" }`))
	want := `{"values":[{"name":"coordinator","old":"Zoë Çelik, zoe.celik@opwijk.example.be","new":"Jan Peeters, jan.peeters@opwijk.example.be"}]}`
	if got := compactJSON(t, clauseDiff(t, r, "buddies").Changes); got != want {
		t.Errorf("buddies:\n got %s\nwant %s", got, want)
	}
}

func TestAgreementWideValues(t *testing.T) {
	r := agreementPair(t, nil, profileWith(t, `algemeen_directeur = { naam = "Łukasz Wróblewski" }`, `algemeen_directeur = { naam = "Piet Pieters" }`))
	if got, want := compactJSON(t, r.Agreement.Values), `[{"name":"ondertekenaars.algemeen_directeur.naam","old":"Łukasz Wróblewski","new":"Piet Pieters"}]`; got != want {
		t.Errorf("values:\n got %s\nwant %s", got, want)
	}
	// the general director signs (back) and is named among the parties (front)
	for name, ch := range map[string]*Changes{"front": r.Agreement.Front, "back": r.Agreement.Back} {
		if ch == nil || ch.Text != nil || len(ch.Values) != 1 || ch.Values[0].Name != "ondertekenaars.algemeen_directeur.naam" {
			t.Errorf("%s: %s", name, compactJSON(t, ch))
		}
	}
	if r.Summary != (Summary{Unchanged: 4}) {
		t.Errorf("summary %+v", r.Summary)
	}
}

func TestAgreementRenumbering(t *testing.T) {
	intro := `id = "inleiding"
versie = 1
titel = "Inleiding"
soort = "verplicht"
hoofdstuk = "algemeen"
volgorde = 5
tekst = "De partijen werken samen."
`
	r := agreementPair(t, map[string]string{"inleiding.toml": intro}, testlib.Profile)
	if got, want := statuses(r), "inleiding:added voorwerp:renumbered ocmw:renumbered buddies:renumbered analyse:renumbered"; got != want {
		t.Errorf("statuses\n got %s\nwant %s", got, want)
	}
	if r.Summary != (Summary{Added: 1, Renumbered: 4}) {
		t.Errorf("summary %+v", r.Summary)
	}
	c := clauseDiff(t, r, "analyse")
	if c.Old.Article != 4 || c.New.Article != 5 || c.Changes != nil {
		t.Errorf("analyse: %s", compactJSON(t, c))
	}
}

func TestAgreementMove(t *testing.T) {
	// analyse moves from the goals to the general chapter
	moved := testlib.Replace("analyse.toml", "hoofdstuk = \"doelen\"\nvolgorde = 20", "hoofdstuk = \"algemeen\"\nvolgorde = 40")
	r := agreementPair(t, map[string]string{"analyse.toml": moved}, testlib.Profile)
	if got, want := statuses(r), "voorwerp:unchanged ocmw:unchanged analyse:moved+renumbered buddies:renumbered"; got != want {
		t.Errorf("statuses\n got %s\nwant %s", got, want)
	}
	c := clauseDiff(t, r, "analyse")
	if c.Old.Chapter != "Lokale doelstellingen" || c.New.Chapter != "Algemene bepalingen" {
		t.Errorf("analyse: %s", compactJSON(t, c))
	}
}

func TestAgreementTextChange(t *testing.T) {
	edited := testlib.Replace("analyse.toml", "versie = 1", "versie = 2")
	edited = strings.Replace(edited, "Het AgII analyseert de instroomcijfers.", "Het AgII analyseert jaarlijks de instroomcijfers.", 1)
	r := agreementPair(t, map[string]string{"analyse.toml": edited}, testlib.Profile)
	want := `{"version":{"old":1,"new":2},"text":{"deleted_words":0,"inserted_words":1,"redline":[{"op":"equal","text":"Het AgII analyseert"},{"op":"insert","text":" jaarlijks"},{"op":"equal","text":" de instroomcijfers."}]}}`
	if got := compactJSON(t, clauseDiff(t, r, "analyse").Changes); got != want {
		t.Errorf("analyse:\n got %s\nwant %s", got, want)
	}
}

// TestAgreementReflow re-wraps the manifest text of the new side: a
// different line width is no change at all.
func TestAgreementReflow(t *testing.T) {
	_, res := drafted(t, testlib.FS(nil), "oud.toml", testlib.Profile)
	old := FromDocument(SideProfile, "oud.toml", res.Doc, nil)
	m := testlib.ManifestV1(res.Doc)
	var lines []string
	split := 0
	for _, l := range strings.Split(m.Text, "\n") {
		// split long paragraph lines in two, indenting the rest as a
		// continuation line of a "§ 1. " paragraph
		if i := strings.LastIndex(l, " "); strings.HasPrefix(l, "§ ") && len(l) > 40 && i > 10 {
			lines = append(lines, l[:i], "     "+l[i+1:])
			split++
			continue
		}
		lines = append(lines, l)
	}
	if split == 0 {
		t.Fatal("nothing re-wrapped")
	}
	m.Text = strings.Join(lines, "\n")
	r, err := Documents(old, FromManifest(SidePDF, "nieuw.pdf", &m, nil))
	if err != nil {
		t.Fatal(err)
	}
	if r.Summary != (Summary{Unchanged: 4}) || r.Agreement.Front != nil || r.Agreement.Back != nil {
		t.Errorf("reflow reported: %s", compactJSON(t, r))
	}
}

// TestAgreementPDFs diffs two generated PDFs and checks that they give the
// same report as the documents they were rendered from.
func TestAgreementPDFs(t *testing.T) {
	newProfile := profileWith(t, "aantal = 12", "aantal = 15")
	newProfile = strings.Replace(newProfile, `algemeen_directeur = { naam = "Łukasz Wróblewski" }`, `algemeen_directeur = { naam = "Piet Pieters" }`, 1)
	_, or := drafted(t, testlib.FS(nil), "oud.toml", testlib.Profile)
	_, nr := drafted(t, testlib.FS(nil), "nieuw.toml", newProfile)
	fromDocs, err := Documents(FromDraft(SideProfile, "oud", or.Profile, or.Selection, or.Doc), FromDraft(SideProfile, "nieuw", nr.Profile, nr.Selection, nr.Doc))
	if err != nil {
		t.Fatal(err)
	}
	side := func(doc *document.Document) *Agreement {
		b, err := draft.Bytes(doc, draft.PDF)
		if err != nil {
			t.Fatal(err)
		}
		emb, err := pdf.ReadEmbedded(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		p, err := profile.Parse("embedded", emb.Profile)
		if err != nil {
			t.Fatal(err)
		}
		return FromManifest(SidePDF, "x.pdf", &emb.Manifest, p)
	}
	fromPDFs, err := Documents(side(or.Doc), side(nr.Doc))
	if err != nil {
		t.Fatal(err)
	}
	if a, b := compactJSON(t, fromDocs.Clauses), compactJSON(t, fromPDFs.Clauses); a != b {
		t.Errorf("from documents:\n%s\nfrom PDFs:\n%s", a, b)
	}
	if a, b := compactJSON(t, fromDocs.Agreement), compactJSON(t, fromPDFs.Agreement); a != b {
		t.Errorf("from documents:\n%s\nfrom PDFs:\n%s", a, b)
	}
}

func TestAgreementBadManifest(t *testing.T) {
	_, res := drafted(t, testlib.FS(nil), "oud.toml", testlib.Profile)
	good := FromDocument(SideProfile, "oud.toml", res.Doc, nil)
	m := testlib.ManifestV1(res.Doc)
	m.Text = strings.Replace(m.Text, "Artikel 3. Buddies", "Artikel 3: Buddies", 1)
	if _, err := Documents(good, FromManifest(SidePDF, "kapot.pdf", &m, nil)); !errors.Is(err, ErrManifest) || !strings.Contains(err.Error(), `kapot.pdf`) || !strings.Contains(err.Error(), `"Artikel 3. Buddies"`) {
		t.Errorf("err = %v", err)
	}
	m2 := testlib.ManifestV1(res.Doc)
	m2.Clauses = append(append([]document.ManifestClause(nil), m2.Clauses...), m2.Clauses[0])
	if _, err := Documents(good, FromManifest(SidePDF, "dubbel.pdf", &m2, nil)); !errors.Is(err, ErrManifest) {
		t.Errorf("duplicate clause: err = %v", err)
	}
}

// TestShippedExampleUnderBothReleases drafts Halle under both shipped
// releases: the article-level result follows clauses/CHANGES.md.
func TestShippedExampleUnderBothReleases(t *testing.T) {
	r := exampleUnderBothReleases(t, "../../examples/23027-halle.toml")
	want := "voorwerp:unchanged definities:changed verbintenissen_agii:changed verbintenissen_lokaal_bestuur:unchanged " +
		"contactpersonen:value_changed gegevensuitwisseling:changed doorverwijzing:renumbered gpmi_toeleiding:renumbered " +
		"inburgeringsplicht:changed+renumbered analyse_instroomcijfers:renumbered behoeftemonitoring:renumbered " +
		"toegankelijke_dienstverlening:renumbered lokaal_netwerk:renumbered antiracismebeleid:renumbered " +
		"overleg_evaluatie:renumbered verwerking_persoonsgegevens:moved+renumbered duur:unchanged wijziging:unchanged " +
		"opzegging:unchanged geschillen:unchanged overgangsbepaling:removed"
	if got := statuses(r); got != want {
		t.Errorf("statuses\n got %s\nwant %s", got, want)
	}
	c := clauseDiff(t, r, "contactpersonen")
	if got := compactJSON(t, c.Changes.Values); got != `[{"name":"meldingstermijn_dagen","old":"30","new":"14"}]` {
		t.Errorf("contactpersonen values: %s", got)
	}
	// The new default (30 → 14 days) explains the whole text change: a
	// parameter change, not word edits, even though the clause version rose.
	if c.Changes.Text != nil || c.Changes.Version == nil || c.Changes.Version.Old != 1 || c.Changes.Version.New != 2 {
		t.Errorf("contactpersonen: want a version and value change without redline, got %s", compactJSON(t, c.Changes))
	}
}

func exampleUnderBothReleases(t testing.TB, file string) *Report {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var sides []*Agreement
	for _, rel := range []string{"2020.1", "2025.1"} {
		d, err := draft.OpenEmbedded(rel)
		if err != nil {
			t.Fatal(err)
		}
		p, err := profile.Parse(file, src)
		if err != nil {
			t.Fatal(err)
		}
		res, err := d.Prepare(p)
		if err != nil {
			t.Fatal(err)
		}
		sides = append(sides, FromDraft(SideProfile, file, p, res.Selection, res.Doc))
	}
	r, err := Documents(sides[0], sides[1])
	if err != nil {
		t.Fatal(err)
	}
	return r
}
