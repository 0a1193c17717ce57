package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/ovk"
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
	f, err := ovk.ParseReportFormat(o.format)
	if err != nil {
		return err
	}
	toStdout := o.out == "" || o.out == "-"
	if (f == ovk.ReportPDF || f == ovk.ReportDOCX) && toStdout && isTerminal(o.io.Out) {
		return usage(o.g.t("err.diff.pdf_tty"))
	}
	r, err := diffReport(o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	color := toStdout && isTerminal(o.io.Out) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	if f == ovk.ReportDOCX {
		cat, err := o.g.catalog()
		if err == nil {
			err = cat.WriteRedlineDOCX(&buf, r)
		}
		if err != nil {
			return err
		}
	} else if err := ovk.WriteReport(&buf, r, f, o.g.loc, color); err != nil {
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
func diffReport(o *diffOptions) (*ovk.Report, error) {
	cat, err := o.g.catalog()
	if err != nil {
		return nil, err
	}
	switch len(o.args) {
	case 0:
		if o.from == "" || o.to == "" {
			return nil, usage(o.g.t("err.diff.need_releases"))
		}
		for i, name := range []string{o.from, o.to} {
			if _, err := cat.Release(name); err != nil {
				return nil, sideError(o, i, name, err)
			}
		}
		return cat.DiffReleases(o.from, o.to)
	case 1:
		if o.from == "" || o.to == "" || ovk.IsDocument(o.args[0]) {
			return nil, usage(o.g.t("err.diff.one_profile"))
		}
	}
	var sides [2]*ovk.Side
	for i := range sides {
		file := o.args[min(i, len(o.args)-1)]
		var err error
		if ovk.IsDocument(file) {
			sides[i], err = ovk.SideFromPDFFile(file)
		} else {
			rel := o.release(i)
			r, err := cat.Release(rel)
			if err != nil {
				return nil, sideError(o, i, rel, err)
			}
			if sides[i], err = cat.SideFromProfileFile(rel, file); err != nil {
				return nil, sideError(o, i, file+" @ "+r.Version(), err)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return ovk.Diff(sides[oldSide], sides[newSide])
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
