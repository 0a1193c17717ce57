package testlib

import "github.com/agii/ovk/internal/document"

// ManifestV1 returns the manifest of doc as ovk wrote it before schema /2
// (ovk-manifest/1): the plain text instead of the agreement, and the
// parameter values with the clauses. Tests read it as an old PDF's.
func ManifestV1(doc *document.Document) document.Manifest {
	m := doc.Meta.Manifest
	m.Schema, m.Agreement, m.Values, m.Text = document.ManifestSchemaV1, nil, nil, document.Text(doc)
	m.Clauses = append([]document.ManifestClause(nil), m.Clauses...)
	params := map[string]map[string]string{}
	for _, ch := range doc.Chapters {
		for _, a := range ch.Articles {
			params[a.ClauseID] = a.Params
		}
	}
	for i := range m.Clauses {
		m.Clauses[i].Params = params[m.Clauses[i].ID]
	}
	return m
}
