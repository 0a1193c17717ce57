package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdf"
)

func init() { register(newDiff) }

type diffOptions struct {
	g        *global
	io       IO
	from, to string
	format   string
	out      string
	args     []string
}

func newDiff(g *global, io IO) *cobra.Command {
	o := &diffOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "diff [--from A --to B] [PROFILE | PROFILE1 PROFILE2 | OLD.pdf NEW.pdf] [--format text|json|html|pdf] [-o FILE]",
		Short: g.t("cli.diff.short"),
		Long:  g.t("cli.diff.long"),
		Args:  cobra.MaximumNArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			o.args = args
			return runDiff(o)
		},
	}
	cmd.Flags().StringVar(&o.from, "from", "", g.t("cli.flag.diff.from"))
	cmd.Flags().StringVar(&o.to, "to", "", g.t("cli.flag.diff.to"))
	cmd.Flags().StringVar(&o.format, "format", "text", g.t("cli.flag.diff.format"))
	cmd.Flags().StringVarP(&o.out, "output", "o", "", g.t("cli.flag.diff.output"))
	return cmd
}

// The sides of a diff.
const (
	oldSide = iota
	newSide
)

func runDiff(o *diffOptions) error {
	switch o.format {
	case "text", "json", "html", "pdf":
	default:
		return usage(o.g.t("err.diff.format", "format", o.format))
	}
	toStdout := o.out == "" || o.out == "-"
	if o.format == "pdf" && toStdout && isTerminal(o.io.Out) {
		return usage(o.g.t("err.diff.pdf_tty"))
	}
	r, err := diffReport(o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	switch o.format {
	case "json":
		err = compare.WriteJSON(&buf, r)
	case "html":
		err = compare.WriteHTML(&buf, r, o.g.loc.T, o.g.loc.Lang)
	case "pdf":
		err = pdf.RenderRedline(&buf, compare.Redline(r, l10n.For("nl").T))
	default:
		err = compare.WriteText(&buf, r, o.g.loc.T, toStdout && isTerminal(o.io.Out) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb")
	}
	if err != nil {
		return err
	}
	if toStdout {
		_, err = o.io.Out.Write(buf.Bytes())
		return err
	}
	if err := fsutil.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintln(o.io.Err, o.g.t("msg.diff.written", "path", o.out))
	return nil
}

// diffReport works out what is compared from the arguments and compares it.
func diffReport(o *diffOptions) (*compare.Report, error) {
	switch len(o.args) {
	case 0:
		if o.from == "" || o.to == "" {
			return nil, usage(o.g.t("err.diff.need_releases"))
		}
		od, err := openRelease(o, oldSide, o.from)
		if err != nil {
			return nil, err
		}
		nd, err := openRelease(o, newSide, o.to)
		if err != nil {
			return nil, err
		}
		r := compare.Releases(od.Lib, nd.Lib)
		r.Old.Name, r.New.Name = o.from, o.to
		return r, nil
	case 1:
		if o.from == "" || o.to == "" || isPDF(o.args[0]) {
			return nil, usage(o.g.t("err.diff.one_profile"))
		}
	}
	var sides [2]*compare.Agreement
	for i := range sides {
		file := o.args[min(i, len(o.args)-1)]
		var err error
		if isPDF(file) {
			sides[i], err = pdfAgreement(o, file)
		} else {
			sides[i], err = profileAgreement(o, i, file)
		}
		if err != nil {
			return nil, err
		}
	}
	r, err := compare.Documents(sides[oldSide], sides[newSide])
	if errors.Is(err, compare.ErrManifest) {
		fmt.Fprintln(o.io.Err, o.g.t("err.diff.manifest", "file", strings.Join(o.args, ", "), "detail", err.Error()))
		return nil, &silent{ExitInput}
	}
	return r, err
}

// release returns the release a side's profile is drafted under: --from or
// --to, else --release, else the newest.
func (o *diffOptions) release(side int) string {
	if side == oldSide && o.from != "" {
		return o.from
	}
	if side == newSide && o.to != "" {
		return o.to
	}
	return o.g.release
}

// sideError prints which side failed and the error, and returns the exit
// code as an already reported error.
func sideError(o *diffOptions, side int, name string, err error) error {
	label := o.g.t("err.diff.old")
	if side == newSide {
		label = o.g.t("err.diff.new")
	}
	fmt.Fprintln(o.io.Err, o.g.t("err.diff.side", "side", label, "name", name))
	return &silent{report(o.g, o.io.Err, err)}
}

func openRelease(o *diffOptions, side int, name string) (*draft.Drafter, error) {
	d, err := o.g.drafter(name)
	if err != nil {
		return nil, sideError(o, side, name, err)
	}
	return d, nil
}

// profileAgreement drafts the profile in file under the side's release.
func profileAgreement(o *diffOptions, side int, file string) (*compare.Agreement, error) {
	rel := o.release(side)
	d, err := openRelease(o, side, rel)
	if err != nil {
		return nil, err
	}
	p, err := ovk.LoadProfile(file)
	if err != nil {
		return nil, sideError(o, side, file, err)
	}
	res, err := d.Unbounded().Prepare(p)
	if err != nil {
		return nil, sideError(o, side, file+" @ "+d.Lib.Version, err)
	}
	return compare.FromDraft(compare.SideProfile, file, p, res.Selection, res.Doc), nil
}

// pdfAgreement reads the manifest and profile embedded in a PDF that ovk
// drafted.
func pdfAgreement(o *diffOptions, file string) (*compare.Agreement, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	switch {
	case errors.Is(err, pdf.ErrNoManifest):
		fmt.Fprintln(o.io.Err, o.g.t("err.diff.no_manifest", "file", file))
		return nil, &silent{ExitInput}
	case err != nil:
		fmt.Fprintln(o.io.Err, o.g.t("err.diff.damaged", "file", file, "detail", err.Error()))
		return nil, &silent{ExitInput}
	}
	p, err := ovk.EmbeddedProfile(file, emb)
	if err != nil {
		p = nil // the manifest alone still gives the articles and their parameters
	}
	return compare.FromManifest(compare.SidePDF, file, &emb.Manifest, p), nil
}

// isPDF tells a PDF argument from a profile: by its first bytes, or by its
// extension when it cannot be read (the read error is reported later).
func isPDF(file string) bool {
	f, err := os.Open(file)
	if err != nil {
		return strings.EqualFold(filepath.Ext(file), ".pdf")
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return bytes.Contains(head[:n], []byte("%PDF-")) || strings.EqualFold(filepath.Ext(file), ".pdf")
}
