package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/agii/ovk/internal/document"
)

// Names with diacritics that must survive into the text layer.
var testNames = []string{"Łukasz Wróblewski", "Nguyễn Thị Hoa", "Zoë Çelik"}

const testReference = "AgII-OVK-2026-23060"

// testDocument builds a realistic agreement of about six pages: two
// chapters of articles with numbered paragraphs, enumerated points and long
// justified Dutch paragraphs, signed by people with non-ASCII names.
func testDocument() *document.Document {
	long := func(n int) string {
		parts := []string{
			"Het lokaal bestuur en het Agentschap Integratie en Inburgering stemmen hun acties op het grondgebied van de gemeente Zoersel-Brecht op elkaar af, met bijzondere aandacht voor de toeleiding van inburgeraars naar het Nederlands als tweede taal, naar maatschappelijke oriëntatie en naar het netwerk- en participatietraject.",
			"De partijen bezorgen elkaar tijdig alle informatie die nodig is voor de uitvoering van deze overeenkomst, met inachtneming van de Algemene Verordening Gegevensbescherming (Verordening (EU) 2016/679) en van het protocol dat daartoe tussen de partijen werd gesloten.",
			"Elke partij draagt de kosten van haar eigen personeel en werkingsmiddelen, tenzij in deze overeenkomst uitdrukkelijk anders is bepaald; een eventuele financiële bijdrage wordt jaarlijks geëvalueerd in het overlegcomité.",
			"Wijzigingen aan deze overeenkomst zijn enkel geldig wanneer ze schriftelijk worden vastgelegd in een addendum dat door beide partijen wordt ondertekend, en dat uitdrukkelijk verwijst naar het artikel dat het wijzigt.",
		}
		var b strings.Builder
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(parts[i%len(parts)])
		}
		return b.String()
	}
	titles := [][]string{
		{"Voorwerp", "Duur", "Definities", "Toepassingsgebied", "Contactpersonen", "Overlegcomité", "Gegevensuitwisseling"},
		{"Taken van het AgII", "Taken van het lokaal bestuur", "Financiering", "Evaluatie", "Geschillen", "Wijziging en opzegging", "Inwerkingtreding"},
	}
	chapterTitles := []string{"Algemene bepalingen", "Samenwerking met het lokaal bestuur"}
	doc := &document.Document{
		Reference:    testReference,
		Title:        "Samenwerkingsovereenkomst",
		Subtitle:     "tussen het Agentschap Integratie en Inburgering en de gemeente Zoersel-Brecht voor de periode 2026–2031",
		PartiesIntro: "Tussen ondergetekenden",
		Parties: []document.Paragraph{
			{Text: "het Agentschap Integratie en Inburgering, extern verzelfstandigd agentschap in privaatrechtelijke vorm, met zetel te 1000 Brussel, Koning Albert II-laan 37, ingeschreven in de Kruispuntbank van Ondernemingen onder het nummer 0650.634.626, hier vertegenwoordigd door Łukasz Wróblewski, algemeen directeur, hierna „het AgII” genoemd,"},
			{Text: "en de gemeente Zoersel-Brecht, met zetel te 2980 Zoersel, Handelslei 167, hier vertegenwoordigd door het college van burgemeester en schepenen, voor wie optreden Nguyễn Thị Hoa, burgemeester, en Zoë Çelik, algemeen directeur, hierna „het lokaal bestuur” genoemd,"},
		},
		PartiesOutro:  "hierna samen „de partijen” genoemd,",
		RecitalsIntro: "Overwegende dat",
		Recitals: []document.Paragraph{
			{Text: "het decreet van 7 juni 2013 betreffende het Vlaamse integratie- en inburgeringsbeleid het AgII belast met de uitvoering van het inburgeringsbeleid;"},
			{Text: "het lokaal bestuur op grond van artikel 4 van hetzelfde decreet de regie voert over het lokale integratiebeleid en daartoe met het AgII een samenwerkingsovereenkomst kan sluiten;"},
			{Text: "de gemeenteraad in zitting van 16 december 2025 met deze overeenkomst heeft ingestemd;"},
		},
		AgreedIntro: "Wordt overeengekomen wat volgt:",
		Closing:     "Opgemaakt te Zoersel op 15 januari 2026 in twee exemplaren, waarvan elke partij verklaart er één te hebben ontvangen.",
		Signatures: []document.SignatureBlock{
			{Party: "Voor het Agentschap Integratie en Inburgering", Signers: []document.Signer{{Name: testNames[0], Function: "algemeen directeur"}}},
			{Party: "Voor de gemeente Zoersel-Brecht", Signers: []document.Signer{
				{Name: testNames[1], Function: "burgemeester"},
				{Name: testNames[2], Function: "algemeen directeur"},
			}},
		},
	}
	num := 0
	var clauses []document.ManifestClause
	var text strings.Builder
	for ci, ts := range titles {
		ch := document.Chapter{Number: ci + 1, ID: fmt.Sprintf("h%d", ci+1), Title: chapterTitles[ci]}
		for ai, t := range ts {
			num++
			a := document.Article{Number: num, ClauseID: strings.ToLower(strings.ReplaceAll(t, " ", "_")), ClauseVersion: 1, Title: t,
				Params: map[string]string{"periode": "2026–2031"}}
			switch ai % 3 {
			case 0:
				a.Paragraphs = []document.Paragraph{{Text: long(2)}}
			case 1:
				a.Paragraphs = []document.Paragraph{
					{Label: "§ 1.", Text: long(1 + num%3)},
					{Label: "§ 2.", Text: "Het lokaal bestuur verbindt zich ertoe om:", Items: []document.Item{
						{Label: "1°", Text: "jaarlijks een overzicht te bezorgen van de inburgeraars die op zijn grondgebied zijn ingeschreven;"},
						{Label: "2°", Text: "een contactpersoon aan te wijzen die bevoegd is voor de opvolging van deze overeenkomst en die het AgII op de hoogte houdt van alle relevante ontwikkelingen in het lokale integratiebeleid;"},
						{Label: "3°", Text: "deel te nemen aan het overlegcomité."},
					}},
				}
			default:
				a.Paragraphs = []document.Paragraph{
					{Label: "§ 1.", Text: long(1)},
					{Label: "§ 2.", Text: long(2)},
					{Label: "§ 3.", Text: "Deze bepaling geldt onverminderd artikel 3."},
				}
			}
			ch.Articles = append(ch.Articles, a)
			sum := sha256.Sum256([]byte(t))
			clauses = append(clauses, document.ManifestClause{ID: a.ClauseID, Version: 1, Article: num, Title: t,
				SHA256: hex.EncodeToString(sum[:]), Params: a.Params})
			fmt.Fprintf(&text, "Artikel %d. %s\n", num, t)
		}
		doc.Chapters = append(doc.Chapters, ch)
	}
	doc.Meta = document.Meta{
		Title:          "Samenwerkingsovereenkomst AgII – Zoersel-Brecht",
		Author:         "Agentschap Integratie en Inburgering",
		Subject:        "Samenwerkingsovereenkomst integratie en inburgering 2026–2031",
		Keywords:       []string{"samenwerkingsovereenkomst", "inburgering", "Zoersel-Brecht"},
		Language:       "nl-BE",
		LibraryID:      "agii-ovk",
		LibraryVersion: "2025.1",
		ProfileSHA256:  strings.Repeat("ab", 32),
		ToolVersion:    "v0.3.0",
		Manifest: document.Manifest{
			Schema:         "ovk-manifest/1",
			Reference:      testReference,
			LibraryID:      "agii-ovk",
			LibraryVersion: "2025.1",
			ToolVersion:    "v0.3.0",
			ProfileSHA256:  strings.Repeat("ab", 32),
			Municipality:   document.ManifestMunicip{NIS: "11055", Name: "Zoersel-Brecht"},
			Clauses:        clauses,
			Rules:          []document.ManifestRule{{ClauseID: "gegevensuitwisseling", Reason: "eigen_ocmw"}},
			Text:           text.String(),
		},
	}
	return doc
}
