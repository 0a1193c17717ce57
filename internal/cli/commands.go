package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk"
)

// ---- draft ----

type draftOptions struct {
	g        *global
	io       IO
	out      string
	format   string
	profiles []string
}

func newDraft(g *global, io IO) *cobra.Command {
	o := &draftOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "draft PROFILE... [-o FILE|DIR]",
		Short: g.t("cli.draft.short"),
		Long:  g.t("cli.draft.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.profiles = args
			return runDraft(o)
		},
	}
	cmd.Flags().StringVarP(&o.out, "output", "o", "", g.t("cli.flag.output"))
	cmd.Flags().StringVar(&o.format, "format", "pdf", g.t("cli.flag.format"))
	return cmd
}

func runDraft(o *draftOptions) error {
	f, err := ovk.ParseFormat(o.format)
	if err != nil {
		return err
	}
	multi := len(o.profiles) > 1 || (o.out != "" && o.out != "-" && (isDir(o.out) || strings.HasSuffix(o.out, string(os.PathSeparator)) || strings.HasSuffix(o.out, "/")))
	if err := checkDraftArgs(o, f, multi); err != nil {
		return err
	}
	if len(o.profiles) > 1 && o.out == "" {
		return usage(o.g.t("err.draft.need_dir"))
	}
	if len(o.profiles) > 1 && o.out == "-" {
		return usage(o.g.t("err.draft.need_dir"))
	}
	cat, err := o.g.catalog()
	if err != nil {
		return err
	}
	if _, err := cat.Release(o.g.release); err != nil {
		return err
	}
	if multi {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return err
		}
	}
	failed := 0
	for _, file := range o.profiles {
		target := o.out
		base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + ovk.Extension(f)
		if file == "-" {
			base = "profiel" + ovk.Extension(f)
		}
		switch {
		case multi:
			target = filepath.Join(o.out, base)
		case target == "" && f == ovk.Text:
			target = "-"
		case target == "":
			target = base
		}
		err := draftOne(o, cat, file, target, f)
		if err == nil {
			continue
		}
		if !multi {
			return err
		}
		failed++
		fmt.Fprintf(o.io.Err, "%s: ", file)
		report(o.g, o.io.Err, err)
	}
	if failed > 0 {
		fmt.Fprintln(o.io.Err, o.g.t("msg.draft.failed", "failed", failed, "total", len(o.profiles)))
		return &silent{ExitInput}
	}
	return nil
}

func draftOne(o *draftOptions, cat *ovk.Catalog, file, target string, f ovk.Format) error {
	if target == "-" {
		p, err := o.loadProfile(file)
		if err != nil {
			return err
		}
		warn(o.g, o.io.Err, p.Warnings)
		warnUnconfirmed(o, p)
		var b bytes.Buffer // whole or nothing on stdout
		if _, err := cat.Draft(&b, o.g.release, p, f); err != nil {
			return err
		}
		_, err = o.io.Out.Write(b.Bytes())
		return err
	}
	var a *ovk.Agreement
	var err error
	if file == "-" {
		var p *ovk.Profile
		if p, err = o.loadProfile(file); err == nil {
			a, err = cat.DraftTo(o.g.release, p, target, f)
		}
	} else {
		a, err = cat.DraftFile(o.g.release, file, target, f)
	}
	if err != nil {
		return err
	}
	warn(o.g, o.io.Err, a.Profile.Warnings)
	warnUnconfirmed(o, a.Profile)
	if a.Draft() {
		fmt.Fprintln(o.io.Err, o.g.t("msg.draft.release_draft", "release", a.Release()))
	}
	fmt.Fprintln(o.io.Err, o.g.t("msg.draft.written", "path", target, "name", a.Profile.Municipality.Name,
		"articles", a.Articles(), "release", a.Release()))
	return nil
}

// warnUnconfirmed shows the profile's values still to be confirmed.
func warnUnconfirmed(o *draftOptions, p interface{ Unconfirmed() diag.List }) {
	for _, w := range p.Unconfirmed() {
		fmt.Fprintln(o.io.Err, o.g.loc.Problem(w))
	}
}

// ---- explain ----

type explainOptions struct {
	g       *global
	io      IO
	json    bool
	profile string
}

func newExplain(g *global, io IO) *cobra.Command {
	o := &explainOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "explain PROFILE",
		Short: g.t("cli.explain.short"),
		Long:  g.t("cli.explain.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			o.profile = args[0]
			return runExplain(o)
		},
	}
	jsonFlag(g, cmd, io.Out, &o.json)
	return cmd
}

func runExplain(o *explainOptions) error {
	cat, err := o.g.catalog()
	if err != nil {
		return err
	}
	x, err := cat.ExplainFile(o.g.release, o.profile, o.g.loc.T)
	if err != nil {
		return err
	}
	if o.json {
		return writeJSON(o.io.Out, x)
	}
	fmt.Fprintln(o.io.Out, o.g.t("msg.explain.header", "name", x.Municipality.Name, "nis", x.Municipality.NIS,
		"release", x.Release))
	tw := tabwriter.NewWriter(o.io.Out, 0, 0, 2, ' ', 0)
	in, out := o.g.t("msg.explain.in"), o.g.t("msg.explain.out")
	n := 0
	for _, e := range x.Clauses {
		mark := out
		if e.In {
			mark = in
			n++
		}
		fmt.Fprintf(tw, "%s\t%s v%d\t%s\t%s\n", mark, e.ID, e.Version, e.Kind, e.Text)
	}
	tw.Flush()
	fmt.Fprintln(o.io.Out, o.g.t("msg.explain.summary", "in", n, "total", len(x.Clauses)))
	return nil
}

// ---- lint ----

func newLint(g *global, io IO) *cobra.Command {
	var asJSON, strict bool
	cmd := &cobra.Command{
		Use:   "lint [--library DIR] [--release NAME] [--streng] [PROFIEL…]",
		Short: g.t("cli.lint.short"),
		Long:  g.t("cli.lint.long"),
		RunE: func(_ *cobra.Command, args []string) error {
			return runLint(g, io, asJSON, args, strict)
		},
	}
	jsonFlag(g, cmd, io.Out, &asJSON)
	cmd.Flags().BoolVar(&strict, "streng", false, g.t("cli.lint.flag.streng"))
	return cmd
}

func runLint(g *global, io IO, asJSON bool, profiles []string, strict bool) error {
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	rep, err := cat.Lint(g.release)
	if err != nil {
		return err
	}
	for _, file := range profiles {
		p, err := ovk.LoadProfile(file)
		if err != nil {
			return err
		}
		warn(g, io.Err, p.Warnings)
		rep.AddProfile(p)
	}
	if strict {
		rep.Strict()
	}
	if asJSON {
		if err := writeJSON(io.Out, rep.View(g.loc.T)); err != nil {
			return err
		}
		if len(rep.Problems) > 0 {
			return &silent{ExitInput}
		}
		return nil
	}
	for _, w := range rep.Warnings {
		fmt.Fprintln(io.Err, g.loc.Problem(w))
	}
	for _, r := range rep.Releases {
		fmt.Fprintln(io.Out, g.t("msg.lint.ok", "release", r.Name, "dir", r.Dir, "clauses", r.Clauses))
		switch {
		case r.Approvable == nil:
		case *r.Approvable:
			fmt.Fprintln(io.Out, "  "+g.t("msg.lint.approvable", "release", r.Name))
		default:
			fmt.Fprintln(io.Out, "  "+g.t("msg.lint.not_approvable", "release", r.Name, "n", r.Unconfirmed))
		}
	}
	return rep.Problems.Err()
}

// ---- version ----

func newVersion(g *global, io IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version",
		Short: g.t("cli.version.short"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			if asJSON {
				return writeJSON(io.Out, ovk.CurrentVersion())
			}
			fmt.Fprintf(io.Out, "ovk %s\n", ovk.Version())
			return nil
		},
	}
	jsonFlag(g, cmd, io.Out, &asJSON)
	return cmd
}

// ---- releases ----

func newReleases(g *global, io IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "releases",
		Short: g.t("cli.releases.short"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			if _, err := cat.Release(g.release); err != nil {
				return err
			}
			list := cat.List(g.release)
			if asJSON {
				return writeJSON(io.Out, list)
			}
			var b bytes.Buffer
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, g.t("msg.releases.header"))
			for _, r := range list.Releases {
				until := r.Until
				if until == "" {
					until = "–"
				}
				approval := r.ApprovedBy + " (" + r.ApprovedOn + ", " + r.Decision + ")"
				if r.Status != "goedgekeurd" {
					approval = strings.ToUpper(g.t("msg.releases.draft"))
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", r.Name, r.Effective, until, r.Clauses, approval, r.Policy)
			}
			tw.Flush()
			_, err = io.Out.Write(b.Bytes())
			return err
		},
	}
	jsonFlag(g, cmd, io.Out, &asJSON)
	return cmd
}
