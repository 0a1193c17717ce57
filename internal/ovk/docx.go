package ovk

import (
	"bytes"
	"github.com/agii/ovk/internal/fsutil"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/docx"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/pdf"
)

// ReportDOCX is the redline as a Word document with tracked changes
// (package docx).
const ReportDOCX ReportFormat = "docx"

// MediaDOCX is the media type of a DOCX document.
const MediaDOCX = docx.MediaType

// Extension is the file name extension of an agreement in format f.
func Extension(f Format) string {
	switch f {
	case Text:
		return ".txt"
	case DOCX:
		return ".docx"
	}
	return ".pdf"
}

// IsDOCX tells a DOCX file from a profile: by its first bytes (a zip
// archive), or by its extension when it cannot be read.
func IsDOCX(file string) bool {
	if strings.EqualFold(filepath.Ext(file), ".docx") {
		return true
	}
	if fsutil.CheckFile(file, 0) != nil { // not opened: a pipe would block
		return false
	}
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	return isZip(head[:n])
}

// IsDocument tells an agreement ovk drafted (a PDF or a DOCX) from a
// profile.
func IsDocument(file string) bool { return IsPDF(file) || IsDOCX(file) }

func isZip(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// readEmbedded reads the manifest and profile embedded in a PDF or, by its
// first bytes, a DOCX document, and says which format it is. The errors of
// both readers are pdf.ErrNoManifest and pdf.ErrDamaged for errors.Is.
func readEmbedded(data []byte) (*pdf.Embedded, Format, error) {
	if isZip(data) {
		e, err := docx.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
		return e, DOCX, err
	}
	e, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	return e, PDF, err
}

// WriteRedlineDOCX writes the redline of r as a DOCX document with tracked
// changes under the author "AgII – release X" and the effective date of X,
// the new side's release (when the catalog has it).
func (c *Catalog) WriteRedlineDOCX(w io.Writer, r *Report) error {
	var date time.Time
	if rel, err := c.Release(r.New.LibraryVersion); err == nil && rel.Info != nil {
		e := rel.Info.Effective
		date = time.Date(e.Year, e.Month, e.Day, 0, 0, 0, 0, time.UTC)
	}
	return docx.RenderRedline(w, RedlineDOCX(r, date))
}

// RedlineDOCX is what package docx draws of the comparison r, its revisions
// dated date: for two agreements the agreements themselves, the clauses
// that moved and the values that changed; for two releases the redline
// model.
func RedlineDOCX(r *Report, date time.Time) *docx.Redline {
	rl := &docx.Redline{Model: compare.Redline(r, l10n.For("nl").T), Author: "AgII – release " + r.New.LibraryVersion, Date: date}
	if date.IsZero() && r.New.Effective != "" {
		rl.Date, _ = time.Parse(time.DateOnly, r.New.Effective)
	}
	if r.Mode != compare.ModeAgreements || r.OldDoc == nil || r.NewDoc == nil {
		return rl
	}
	rl.Old, rl.New = r.OldDoc, r.NewDoc
	rl.Moved, rl.Values = map[string]bool{}, map[string]*docx.Values{}
	for _, c := range r.Clauses {
		if c.Moved {
			rl.Moved[c.ID] = true
		}
		if c.Changes != nil {
			if v := changedValues(nil, c.Changes); v != nil {
				rl.Values[c.ID] = v
			}
		}
	}
	if a := r.Agreement; a != nil {
		rl.Front = changedValues(a.Values, a.Front, a.Recitals)
		rl.Back = changedValues(a.Values, a.Back)
	}
	return rl
}

// changedValues are the values of a part of an agreement that changed: the
// agreement-wide ones and those of the part's pieces (nil when a piece did
// not change); nil when none did.
func changedValues(global []compare.ValueChange, changes ...*compare.Changes) *docx.Values {
	v := &docx.Values{}
	add := func(vs []compare.ValueChange) {
		for _, c := range vs {
			if c.Old != nil && strings.TrimSpace(*c.Old) != "" {
				v.Old = append(v.Old, *c.Old)
			}
			if c.New != nil && strings.TrimSpace(*c.New) != "" {
				v.New = append(v.New, *c.New)
			}
		}
	}
	add(global)
	valued, noText := false, true
	for _, ch := range changes {
		if ch != nil {
			add(ch.Values)
			valued = valued || len(ch.Values) > 0
			noText = noText && ch.Text == nil
		}
	}
	v.Only = valued && noText
	if len(v.Old) == 0 && len(v.New) == 0 {
		return nil
	}
	return v
}
