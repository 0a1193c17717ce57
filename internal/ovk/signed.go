package ovk

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/register"
)

// SchemaSigned is the schema of a signed record.
const SchemaSigned = "ovk-signed/1"

// SignedRecord says which agreement a municipality signed: it lies beside
// the municipality's profile in the register folder (23060-opwijk.toml →
// 23060-opwijk.ondertekend.json; for a CSV register in the folder
// ondertekend/ beside the CSV, by NIS code). impact and batch compare
// against the release it names.
type SignedRecord struct {
	Schema       string `json:"schema"`
	NIS          string `json:"nis"`
	Name         string `json:"name"`
	Library      string `json:"library"`
	Release      string `json:"release"`
	ToolVersion  string `json:"tool_version"`
	ProfileSHA   string `json:"profile_sha256"`
	ManifestSHA  string `json:"manifest_sha256"`
	FileSHA      string `json:"file_sha256"`
	File         string `json:"file"`
	SignedOn     string `json:"signed_on"`
	Verification string `json:"verification"`
	Revisions    int    `json:"revisions"`
}

// signedSuffix ends the name of a signed record beside its profile.
const signedSuffix = ".ondertekend.json"

// SignedPath is where the signed record of entry e of reg lies.
func SignedPath(reg *Register, e *register.Entry) string {
	if reg.Base == "" { // a folder of profiles: e.Source is the profile's file
		return strings.TrimSuffix(e.Source, filepath.Ext(e.Source)) + signedSuffix
	}
	return filepath.Join(filepath.Dir(reg.Name), "ondertekend", e.NIS+signedSuffix)
}

// SignedRecords reads the signed records of every entry of reg, by NIS
// code; an entry without one is absent. A record that does not read is an
// error naming its file.
func SignedRecords(reg *Register) (map[string]*SignedRecord, error) {
	out := map[string]*SignedRecord{}
	var probs diag.List
	for _, e := range reg.Entries {
		if e.NIS == "" {
			continue
		}
		path := SignedPath(reg, e)
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		var r SignedRecord
		if err == nil {
			err = json.Unmarshal(data, &r)
		}
		if err == nil && (r.Schema != SchemaSigned || r.NIS != e.NIS || r.Release == "") {
			err = errors.New("not a signed record of " + e.NIS + " (" + SchemaSigned + ")")
		}
		if err != nil {
			probs.Add(diag.Problem{File: path, ID: "err.signed.unreadable", Args: diag.A("detail", err.Error())})
			continue
		}
		out[e.NIS] = &r
	}
	return out, probs.Err()
}

// SignOptions configure Sign.
type SignOptions struct {
	// File is the signed PDF.
	File     string
	Register *Register
	// SignedOn is the signing date (YYYY-MM-DD); "" takes the date of the
	// last signature the PDF's revisions carry.
	SignedOn string
	T        diag.Translator
}

// Sign records that the municipality of the signed PDF signed it: the PDF
// must verify (identical as drafted, with or without later revisions, or
// the same content drafted by another ovk version), its municipality must
// be in the register. The record is written atomically beside the
// profile; the result says where.
func (c *Catalog) Sign(o SignOptions) (*SignedRecord, string, error) {
	data, err := os.ReadFile(o.File)
	if err != nil {
		return nil, "", err
	}
	res, err := c.Verify("", o.File, data, o.T)
	if err != nil {
		return nil, "", err
	}
	if res.Outcome != Identical && res.Outcome != SameContent {
		return nil, "", usage("err.signed.not_verified", "file", o.File, "outcome", res.Outcome)
	}
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, "", &Error{Code: InvalidPDF, ID: "err.verify.unreadable", Args: diag.A("file", o.File, "detail", err.Error()), Err: err}
	}
	m := &emb.Manifest
	var entry *register.Entry
	for _, e := range o.Register.Entries {
		if e.NIS == m.Municipality.NIS {
			entry = e
		}
	}
	if entry == nil {
		return nil, "", usage("err.signed.not_in_register", "file", o.File, "nis", m.Municipality.NIS,
			"name", m.Municipality.Name, "register", o.Register.Name)
	}
	date := o.SignedOn
	if date == "" {
		for _, r := range res.Revisions {
			for _, s := range r.Signatures {
				if s.SignedOn != "" {
					date = s.SignedOn
				}
			}
		}
	}
	if _, err := nlfmt.ParseDate(date); err != nil {
		return nil, "", usage("err.signed.no_date", "file", o.File)
	}
	mj, _ := json.Marshal(m)
	ms, fsum := sha256.Sum256(mj), sha256.Sum256(data)
	rec := &SignedRecord{Schema: SchemaSigned, NIS: m.Municipality.NIS, Name: m.Municipality.Name, Library: m.LibraryID,
		Release: m.LibraryVersion, ToolVersion: m.ToolVersion, ProfileSHA: m.ProfileSHA256,
		ManifestSHA: hex.EncodeToString(ms[:]), FileSHA: hex.EncodeToString(fsum[:]), File: filepath.Base(o.File),
		SignedOn: date, Verification: res.Outcome, Revisions: len(res.Revisions)}
	out, _ := json.MarshalIndent(rec, "", "  ")
	path := SignedPath(o.Register, entry)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, "", err
	}
	if err := fsutil.WriteFile(path, append(out, '\n'), 0o644); err != nil {
		return nil, "", err
	}
	return rec, path, nil
}

// Unsigned lists the municipalities of reg ("NIS name") without a signed
// record, when reg records any (nil otherwise: a register that records
// none is not yet kept that way).
func (c *Catalog) Unsigned(reg *Register) ([]string, error) {
	recs, err := SignedRecords(reg)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	var out []string
	for _, e := range reg.Entries {
		if _, ok := recs[e.NIS]; !ok && e.NIS != "" {
			out = append(out, strings.TrimSpace(e.NIS+" "+e.Name))
		}
	}
	return out, nil
}
