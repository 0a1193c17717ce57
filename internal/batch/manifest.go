package batch

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/rules"
)

// JSON renders the manifest as indented JSON.
func (m *Manifest) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// CSVHeader is the header row of manifest.csv.
var CSVHeader = []string{"nis", "name", "status", "action", "file", "sha256", "library", "release",
	"clauses", "merged_into", "error", "source", "key"}

// WriteCSV writes the manifest as CSV, one row per item; the clause set is
// one cell of "id@version" separated by spaces.
func (m *Manifest) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(CSVHeader)
	for _, it := range m.Items {
		cw.Write([]string{it.NIS, it.Name, string(it.Status), it.Action, it.File, it.SHA256, it.Library,
			it.Release, strings.Join(it.Clauses, " "), it.MergedInto, it.Error, it.Source, it.Key})
	}
	cw.Flush()
	return cw.Error()
}

// ReadManifest reads a manifest.json.
func ReadManifest(path string) (*Manifest, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(src, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if m.Schema != Schema {
		return nil, fmt.Errorf("%s: schema %q, want %q", path, m.Schema, Schema)
	}
	return &m, nil
}

// hashes holds the digests of a release that go into every key.
type hashes struct {
	lib     *library.Library
	release string            // digest of the release's shared texts
	clauses map[string]string // clause id → digest of its file
}

func newHashes(lib *library.Library) *hashes {
	h := sha256.New()
	field(h, lib.ID, lib.Version, lib.Agency.Name, lib.Agency.Seat, lib.Agency.CompanyNumber)
	for _, r := range lib.Recitals {
		field(h, r.Src)
	}
	for _, c := range lib.Chapters {
		field(h, c.ID, c.Title)
	}
	out := &hashes{lib: lib, release: hex.EncodeToString(h.Sum(nil)), clauses: map[string]string{}}
	for _, c := range lib.Clauses {
		s := sha256.Sum256(c.File.Src)
		out.clauses[c.ID] = hex.EncodeToString(s[:])
	}
	return out
}

// key is the SHA-256 over every input of an agreement: the tool version,
// the release (its shared texts and each selected clause's file, so an
// edited clause counts even without a new version number), the output file
// name and the profile exactly as the drafter reads it.
func (hs *hashes) key(p *profile.Profile, sel *rules.Selection, file string) string {
	h := sha256.New()
	field(h, Schema, draft.Version, hs.release, file, p.SourceFormat, string(p.Source))
	for _, d := range sel.Decisions {
		if d.In {
			field(h, d.Clause.ID, fmt.Sprint(d.Clause.Version), hs.clauses[d.Clause.ID])
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// field writes length-prefixed strings, so that no two inputs hash alike.
func field(h hash.Hash, parts ...string) {
	for _, s := range parts {
		fmt.Fprintf(h, "%d:", len(s))
		io.WriteString(h, s)
	}
}
