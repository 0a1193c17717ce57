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

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
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

// key is the SHA-256 of what an agreement's PDF is rendered from: the
// assembled document (every text of the frame, the recitals and the
// articles, and its provenance: clause versions, profile, manifest), the
// output file name and the tool version, which stands for the renderer.
// An edit anywhere in the release or the frame template that changes the
// agreement changes the key; one that does not (a comment, a reflow of a
// clause's TOML) leaves the PDF alone.
func key(doc *document.Document, file string) (string, error) {
	h := sha256.New()
	field(h, Schema, draft.Version, file)
	// JSON sorts map keys, so equal documents give equal keys.
	enc := json.NewEncoder(h)
	if err := enc.Encode(doc); err != nil {
		return "", err
	}
	if err := enc.Encode(doc.Meta); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// field writes length-prefixed strings, so that no two inputs hash alike.
func field(h hash.Hash, parts ...string) {
	for _, s := range parts {
		fmt.Fprintf(h, "%d:", len(s))
		io.WriteString(h, s)
	}
}
