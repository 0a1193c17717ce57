package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/agii/ovk/internal/ovk"
)

func init() { register(newBatch) }

type batchOptions struct {
	g        *global
	io       IO
	register string
	base     string
	out      string
	force    bool
	draft    bool
	workers  int
	json     bool
}

func newBatch(g *global, io IO) *cobra.Command {
	o := &batchOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "batch --register REGISTER [--base PROFILE.toml] [--release NAME] [--out DIR]",
		Short: g.t("cli.batch.short"),
		Long:  g.t("cli.batch.long"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runBatch(o)
		},
	}
	cmd.Flags().StringVar(&o.register, "register", "", g.t("cli.batch.flag.register"))
	cmd.Flags().StringVar(&o.base, "base", "", g.t("cli.batch.flag.base"))
	cmd.Flags().StringVar(&o.out, "out", "out", g.t("cli.batch.flag.out"))
	cmd.Flags().BoolVar(&o.force, "force", false, g.t("cli.batch.flag.force"))
	cmd.Flags().BoolVar(&o.draft, "ontwerp", false, g.t("cli.batch.flag.ontwerp"))
	cmd.Flags().IntVar(&o.workers, "workers", 0, g.t("cli.batch.flag.workers"))
	cmd.Flags().BoolVar(&o.json, "json", false, g.t("cli.batch.flag.json"))
	return cmd
}

func runBatch(o *batchOptions) error {
	g := o.g
	if o.register == "" {
		return usage(g.t("err.batch.need_register"))
	}
	// Stopped with Ctrl-C or SIGTERM, the batch finishes the files it is
	// writing and leaves a manifest of what is done.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Drafting allocates much short-lived memory: a larger heap target than
	// the default (unless GOGC says otherwise) spends ~8% less CPU on
	// collection for some 35 MB more at peak.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	rel, err := cat.Release(g.release)
	if err != nil {
		return err
	}
	if _, err := rel.Drafter(); err != nil {
		return err
	}
	reg, err := ovk.LoadRegister(o.register, o.base)
	if err != nil {
		return err
	}
	warn(g, o.io.Err, reg.Warnings)
	if missing, err := cat.Unsigned(reg); err != nil {
		return err
	} else if len(missing) > 0 {
		fmt.Fprintln(o.io.Err, g.t("msg.batch.unsigned", "list", strings.Join(missing, ", ")))
	}
	prog := newProgress(o, len(reg.Entries), rel.Version())
	m, err := cat.Batch(ctx, ovk.BatchOptions{Release: g.release, Register: reg, Out: o.out, Force: o.force, Draft: o.draft,
		Workers: o.workers, Describe: g.describe, OnItem: prog.item})
	prog.finish()
	if err != nil && m == nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return usage(g.t("err.batch.out", "dir", o.out, "detail", ovk.ErrnoText(pe.Err, g.loc.T)))
		}
		return err
	}
	// The summary names the manifest only when this run wrote it.
	manifest := filepath.Join(o.out, ovk.BatchManifestJSON)
	var notWritten *ovk.BatchManifestError
	if errors.As(err, &notWritten) {
		manifest = ""
	}
	c := m.Counts
	if o.json {
		json.NewEncoder(o.io.Out).Encode(ovk.BatchSummary{Schema: ovk.SchemaBatchRun, Summary: c, Release: m.Release,
			Library: m.Library, Manifest: manifest, Complete: m.Complete})
	} else {
		printBatchReport(o, m)
		fmt.Fprintln(o.io.Out, g.t("msg.batch.summary", "release", m.Release, "total", c.Total, "ok", c.OK,
			"drafted", c.Drafted, "unchanged", c.Unchanged, "not_served", c.NotServed, "merged", c.Merged,
			"failed", c.Failed, "manifest", manifest))
	}
	if err != nil {
		if errors.Is(err, context.Canceled) && manifest != "" {
			fmt.Fprintln(o.io.Err, g.t("msg.batch.interrupted", "manifest", manifest))
			return &silent{ExitInterrupted}
		}
		return err
	}
	if c.Failed > 0 {
		// The worst failure gives the exit code: a system error (a full
		// disk) before an internal one before an input problem.
		code := ExitInput
		for _, it := range m.Items {
			switch {
			case it.Status != ovk.BatchFailed || !it.Internal:
			case ovk.ErrorCode(it.Err) == ovk.System:
				code = ExitSystem
			case code != ExitSystem:
				code = ExitInternal
			}
		}
		return &silent{code}
	}
	return nil
}

// printBatchReport lists every municipality that got no agreement, and why.
func printBatchReport(o *batchOptions, m *ovk.BatchManifest) {
	inRegister := map[string]bool{}
	for _, it := range m.Items {
		inRegister[it.NIS] = true
	}
	for _, it := range m.Items {
		switch it.Status {
		case ovk.BatchFailed:
			fmt.Fprintln(o.io.Err, o.g.t("msg.batch.failed_item", "source", it.Source, "nis", it.NIS, "name", it.Name))
			for _, line := range strings.Split(it.Error, "\n") {
				fmt.Fprintln(o.io.Err, "    "+line)
			}
		case ovk.BatchNotServed:
			fmt.Fprintln(o.io.Out, o.g.t("msg.batch.not_served_item", "nis", it.NIS, "name", it.Name))
		case ovk.BatchMerged:
			id := "msg.batch.merged_item"
			if into, _, _ := strings.Cut(it.MergedInto, " "); !inRegister[into] {
				id = "msg.batch.merged_item_missing"
			}
			fmt.Fprintln(o.io.Out, o.g.t(id, "nis", it.NIS, "name", it.Name, "into", it.MergedInto))
		}
	}
}

// progress reports a batch as it runs: a bar on a terminal, a line every
// tenth otherwise, one JSON object per municipality with --json.
type progress struct {
	o       *batchOptions
	total   int
	bar     *progressbar.ProgressBar
	enc     *json.Encoder
	nextPct int
	start   time.Time
}

func newProgress(o *batchOptions, total int, release string) *progress {
	p := &progress{o: o, total: total, nextPct: 10, start: time.Now()}
	switch {
	case o.json:
		p.enc = json.NewEncoder(o.io.Out)
	case isTerminal(o.io.Err):
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(o.io.Err),
			progressbar.OptionSetDescription(o.g.t("msg.batch.bar", "release", release)),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(65*time.Millisecond),
			progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) item(it *ovk.BatchItem, done, total int) {
	switch {
	case p.enc != nil:
		p.enc.Encode(ovk.BatchItemLine{Schema: ovk.SchemaBatchItem, BatchItem: it})
	case p.bar != nil:
		p.bar.Set(done)
	default:
		if pct := done * 100 / max(total, 1); pct >= p.nextPct || done == total {
			fmt.Fprintln(p.o.io.Err, p.o.g.t("msg.batch.progress", "done", done, "total", total, "pct", pct,
				"seconds", fmt.Sprintf("%.1f", time.Since(p.start).Seconds())))
			for p.nextPct <= pct {
				p.nextPct += 10
			}
		}
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
