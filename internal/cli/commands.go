package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/fsutil"
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
	f := draft.Format(o.format)
	if f != draft.PDF && f != draft.Text {
		return usage(o.g.t("err.format", "format", o.format))
	}
	multi := len(o.profiles) > 1 || (o.out != "" && o.out != "-" && (isDir(o.out) || strings.HasSuffix(o.out, string(os.PathSeparator)) || strings.HasSuffix(o.out, "/")))
	if len(o.profiles) > 1 && o.out == "" {
		return usage(o.g.t("err.draft.need_dir"))
	}
	if len(o.profiles) > 1 && o.out == "-" {
		return usage(o.g.t("err.draft.need_dir"))
	}
	d, err := o.g.open()
	if err != nil {
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
		ext := ".pdf"
		if f == draft.Text {
			ext = ".txt"
		}
		base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)) + ext
		switch {
		case multi:
			target = filepath.Join(o.out, base)
		case target == "" && f == draft.Text:
			target = "-"
		case target == "":
			target = base
		}
		err := draftOne(o, d, file, target, f)
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

func draftOne(o *draftOptions, d *draft.Drafter, file, target string, f draft.Format) error {
	p, err := ovk.LoadProfile(file)
	if err != nil {
		return err
	}
	res, err := d.Prepare(p)
	if err != nil {
		return err
	}
	data, err := draft.Bytes(res.Doc, f)
	if err != nil {
		return err
	}
	if target == "-" {
		_, err = o.io.Out.Write(data)
		return err
	}
	if err := fsutil.WriteFile(target, data, 0o644); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return &fs.PathError{Op: "write", Path: target, Err: pe.Err}
		}
		return err
	}
	fmt.Fprintln(o.io.Err, o.g.t("msg.draft.written", "path", target, "name", p.Municipality.Name,
		"articles", len(res.Doc.Meta.Manifest.Clauses), "release", d.Lib.Version))
	return nil
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
	cmd.Flags().BoolVar(&o.json, "json", false, g.t("cli.flag.json"))
	return cmd
}

func runExplain(o *explainOptions) error {
	d, err := o.g.open()
	if err != nil {
		return err
	}
	p, err := ovk.LoadProfile(o.profile)
	if err != nil {
		return err
	}
	sel, err := d.Explain(p)
	if err != nil {
		return err
	}
	entries := sel.Explain(o.g.loc.T)
	if o.json {
		enc := json.NewEncoder(o.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(map[string]any{"gemeente": p.Municipality.NIS + " " + p.Municipality.Name,
			"bibliotheek": d.Lib.ID, "release": d.Lib.Version, "clausules": entries})
	}
	fmt.Fprintln(o.io.Out, o.g.t("msg.explain.header", "name", p.Municipality.Name, "nis", p.Municipality.NIS,
		"release", d.Lib.Version))
	tw := tabwriter.NewWriter(o.io.Out, 0, 0, 2, ' ', 0)
	in, out := o.g.t("msg.explain.in"), o.g.t("msg.explain.out")
	for _, e := range entries {
		mark := out
		if e.In {
			mark = in
		}
		fmt.Fprintf(tw, "%s\t%s v%d\t%s\t%s\n", mark, e.ID, e.Version, e.Kind, e.Text)
	}
	tw.Flush()
	n := 0
	for _, e := range entries {
		if e.In {
			n++
		}
	}
	fmt.Fprintln(o.io.Out, o.g.t("msg.explain.summary", "in", n, "total", len(entries)))
	return nil
}

// ---- lint ----

func newLint(g *global, io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "lint [--library DIR] [--release NAME]",
		Short: g.t("cli.lint.short"),
		Long:  g.t("cli.lint.long"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runLint(g, io)
		},
	}
}

func runLint(g *global, io IO) error {
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	rep, err := cat.Lint(g.release)
	if err != nil {
		return err
	}
	for _, r := range rep.Releases {
		fmt.Fprintln(io.Out, g.t("msg.lint.ok", "release", r.Name, "dir", r.Dir, "clauses", r.Clauses))
	}
	return rep.Problems.Err()
}

// ---- version ----

func newVersion(g *global, io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: g.t("cli.version.short"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			fmt.Fprintf(io.Out, "ovk %s\n", draft.Version)
			return nil
		},
	}
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
			out := cat.Releases()
			if asJSON {
				enc := json.NewEncoder(io.Out)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			var b bytes.Buffer
			tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, g.t("msg.releases.header"))
			for _, r := range out {
				fmt.Fprintf(tw, "%s\t%s\t%d\t%s (%s)\t%s\n", r.Name, r.Effective, r.Clauses, r.ApprovedBy, r.ApprovedOn, r.Policy)
			}
			tw.Flush()
			_, err = io.Out.Write(b.Bytes())
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, g.t("cli.flag.json"))
	return cmd
}
