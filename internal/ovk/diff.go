package ovk

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
)

// Side is one side of a comparison of agreements: drafted from a profile
// under a release, or read from a PDF that ovk drafted.
type Side = compare.Agreement

// Report is a comparison, of two releases or of two agreements (schema
// ovk-diff/2, docs/diff-schema.md).
type Report = compare.Report

// SideFromProfile drafts p under release as one side of a comparison;
// name names it in the report. The release's validity window does not
// apply: a comparison drafts a profile under releases it is not dated for.
func (c *Catalog) SideFromProfile(release string, p *profile.Profile, name string) (*Side, error) {
	d, err := c.Drafter(release)
	if err != nil {
		return nil, err
	}
	res, err := d.Unbounded().Prepare(p)
	if err != nil {
		return nil, refusal(p, err)
	}
	return compare.FromDraft(compare.SideProfile, name, p, res.Selection, res.Doc), nil
}

// SideFromProfileFile is SideFromProfile for the profile in file.
func (c *Catalog) SideFromProfileFile(release, file string) (*Side, error) {
	p, err := LoadProfile(file)
	if err != nil {
		return nil, err
	}
	return c.SideFromProfile(release, p, file)
}

// SideFromPDF reads the manifest and profile embedded in a PDF that ovk
// drafted (data, named name) as one side of a comparison. A PDF without a
// manifest, or a damaged one, is an InvalidPDF error whose problem names it.
func SideFromPDF(name string, data []byte) (*Side, error) {
	emb, _, err := readEmbedded(data)
	switch {
	case errors.Is(err, pdf.ErrNoManifest):
		return nil, errPDF(name, "err.diff.no_manifest", err)
	case err != nil:
		return nil, errPDF(name, "err.diff.damaged", err)
	}
	p, err := EmbeddedProfile(name, emb)
	if err != nil {
		p = nil // the manifest alone still gives the articles and their parameters
	}
	return compare.FromManifest(compare.SidePDF, name, &emb.Manifest, p), nil
}

// SideFromPDFFile is SideFromPDF for the PDF in file.
func SideFromPDFFile(file string) (*Side, error) {
	data, err := fsutil.ReadFile(file, limits.Get().PDFBytes)
	if err != nil {
		return nil, err
	}
	return SideFromPDF(file, data)
}

// SideFromFile is a side from file: a PDF (by its first bytes, or by its
// extension when it cannot be read), else a profile drafted under release.
func (c *Catalog) SideFromFile(release, file string) (*Side, error) {
	if IsDocument(file) {
		return SideFromPDFFile(file)
	}
	return c.SideFromProfileFile(release, file)
}

// IsPDF tells a PDF file from a profile: by its first bytes, or by its
// extension when it cannot be read (the read error is reported later).
func IsPDF(file string) bool {
	if fsutil.CheckFile(file, 0) != nil { // not opened: a pipe would block
		return strings.EqualFold(filepath.Ext(file), ".pdf")
	}
	f, err := os.Open(file)
	if err != nil {
		return strings.EqualFold(filepath.Ext(file), ".pdf")
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte("%PDF-")) || strings.EqualFold(filepath.Ext(file), ".pdf")
}

func errPDF(name, id string, err error) *Error {
	detail := strings.TrimSpace(err.Error())
	return &Error{Code: InvalidPDF, ID: id, Args: diag.A("file", name, "detail", detail),
		Problems: diag.List{{Key: name, ID: id, Args: diag.A("file", name, "detail", detail)}}, Err: err}
}

// Diff compares two agreements.
func Diff(old, new *Side) (*Report, error) {
	r, err := compare.Documents(old, new)
	if errors.Is(err, compare.ErrManifest) {
		return nil, &Error{Code: InvalidPDF, ID: "err.diff.manifest",
			Args: diag.A("file", old.Side.Name+", "+new.Side.Name, "detail", err.Error()), Err: err}
	}
	return r, err
}

// DiffReleases compares two releases clause by clause.
func (c *Catalog) DiffReleases(from, to string) (*Report, error) {
	od, err := c.Drafter(from)
	if err != nil {
		return nil, err
	}
	nd, err := c.Drafter(to)
	if err != nil {
		return nil, err
	}
	r := compare.Releases(od.Lib, nd.Lib)
	r.Old.Name, r.New.Name = from, to
	return r, nil
}

// ReportFormat is an output format of a comparison.
type ReportFormat string

// The formats of a comparison: terminal text (coloured or not), JSON
// (ovk-diff/2), an HTML page, and the redline PDF.
const (
	ReportText ReportFormat = "text"
	ReportJSON ReportFormat = "json"
	ReportHTML ReportFormat = "html"
	ReportPDF  ReportFormat = "pdf"
)

// ParseReportFormat checks a comparison format named by the user.
func ParseReportFormat(s string) (ReportFormat, error) {
	switch f := ReportFormat(s); f {
	case ReportText, ReportJSON, ReportHTML, ReportPDF, ReportDOCX:
		return f, nil
	}
	return "", usage("err.diff.format", "format", s)
}

// WriteReport writes the comparison in format f; text and HTML are in the
// language of loc (text coloured when color is set), the redline PDF is a
// legal document and always Dutch.
func WriteReport(w io.Writer, r *Report, f ReportFormat, loc *l10n.Localizer, color bool) error {
	switch f {
	case ReportJSON:
		return compare.WriteJSON(w, r)
	case ReportHTML:
		return compare.WriteHTML(w, r, loc.T, loc.Lang)
	case ReportPDF:
		return pdf.RenderRedline(w, compare.Redline(r, l10n.For("nl").T))
	case ReportText:
		return compare.WriteText(w, r, loc.T, color)
	}
	return fmt.Errorf("unknown report format %q", f)
}
