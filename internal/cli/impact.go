package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/ovk"
)

func init() { register(newImpact) }

type impactOptions struct {
	g        *global
	io       IO
	from, to string
	register string
	base     string
	json     bool
	detail   bool
	pack     string
}

func newImpact(g *global, io IO) *cobra.Command {
	o := &impactOptions{g: g, io: io}
	cmd := &cobra.Command{
		Use:   "impact --from RELEASE [--to RELEASE] --register REGISTER [--base PROFILE.toml]",
		Short: g.t("cli.impact.short"),
		Long:  g.t("cli.impact.long"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return runImpact(o)
		},
	}
	cmd.Flags().StringVar(&o.from, "from", "", g.t("cli.impact.flag.from"))
	cmd.Flags().StringVar(&o.to, "to", "", g.t("cli.impact.flag.to"))
	cmd.Flags().StringVar(&o.register, "register", "", g.t("cli.impact.flag.register"))
	cmd.Flags().StringVar(&o.base, "base", "", g.t("cli.impact.flag.base"))
	cmd.Flags().BoolVar(&o.json, "json", false, g.t("cli.flag.json"))
	cmd.Flags().BoolVar(&o.detail, "detail", false, g.t("cli.impact.flag.detail"))
	cmd.Flags().StringVar(&o.pack, "pack", "", g.t("cli.impact.flag.pack"))
	return cmd
}

func runImpact(o *impactOptions) error {
	g := o.g
	if o.register == "" {
		return usage(g.t("err.impact.need_flags"))
	}
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	to := o.to
	if to == "" {
		to = g.release
	}
	for _, name := range []string{o.from, to} {
		if name == "" && o.from == "" && name != to {
			continue
		}
		if _, err := cat.Drafter(name); err != nil {
			return err
		}
	}
	reg, err := ovk.LoadRegister(o.register, o.base)
	if err != nil {
		return err
	}
	warn(g, o.io.Err, reg.Warnings)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if o.pack != "" {
		return runPack(o, cat, reg, to, ctx)
	}
	// Without --from each municipality is compared against the release it
	// signed (its signed record beside the profile).
	im, err := cat.Impact(ctx, ovk.ImpactOptions{From: o.from, To: to, Signed: o.from == "", Register: reg,
		Describe: g.describe, Translate: g.loc.T})
	if err != nil {
		return err
	}
	if len(im.Unsigned) > 0 && !o.json {
		fmt.Fprintln(o.io.Err, g.t("msg.impact.unsigned", "list", strings.Join(im.Unsigned, ", ")))
	}
	if o.json {
		return writeJSON(o.io.Out, im)
	}
	var b bytes.Buffer
	printImpact(g, &b, im.Impact, o.detail)
	_, err = o.io.Out.Write(b.Bytes())
	return err
}

// printImpact writes the impact as tables: per clause, per municipality,
// then the totals a director signs off.
func printImpact(g *global, b *bytes.Buffer, im *ovk.Impact, detail bool) {
	fmt.Fprintln(b, g.t("msg.impact.header", "from", im.From, "to", im.To, "register", im.Register,
		"count", im.Totals.Municipalities))
	fmt.Fprintln(b)
	fmt.Fprintln(b, g.t("msg.impact.per_clause"))
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, g.t("msg.impact.clause_columns"))
	for _, c := range im.Clauses {
		n := c.Counts
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", clauseName(g, c.Clause, c.Part), versions(c.FromVersion, c.ToVersion),
			n.Added, n.Removed, n.Changed, n.ValueChanged, n.Moved, n.VersionOnly, n.Renumbered, c.Municipalities)
	}
	tw.Flush()
	fmt.Fprintln(b)
	fmt.Fprintln(b, g.t("msg.impact.per_municipality"))
	fmt.Fprintln(b, g.t("msg.impact.legend"))
	tw = tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, g.t("msg.impact.municipality_columns", "from", im.From, "to", im.To))
	for _, m := range im.Municipalities {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", m.NIS, m.Name, outcome(g, m.From), outcome(g, m.To), len(shown(m.Changes)), changeMarks(g, m))
	}
	tw.Flush()
	if detail {
		for _, m := range im.Municipalities {
			if !m.Changed && m.From.Status != ovk.BatchFailed && m.To.Status != ovk.BatchFailed {
				continue
			}
			fmt.Fprintf(b, "\n%s %s (%s)\n", m.NIS, m.Name, m.Source)
			for i, oc := range []ovk.ImpactOutcome{m.From, m.To} {
				if oc.Error != "" && (i == 0 || oc.Error != m.From.Error) {
					fmt.Fprintf(b, "  %s\n", strings.ReplaceAll(oc.Error, "\n", "\n  "))
				}
			}
			for _, c := range shown(m.Changes) {
				fmt.Fprintf(b, "  %s %s: %s\n", ovk.Mark(c.Status), clauseName(g, c.Clause, c.Part), c.Why)
			}
		}
	}
	fmt.Fprintln(b)
	t := im.Totals
	fmt.Fprintln(b, g.t("msg.impact.totals", "changed", t.Changed, "unchanged", t.Unchanged, "total", t.Municipalities,
		"failed", t.Failed))
	keys := make([]string, 0, len(t.Transitions))
	for k := range t.Transitions {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 0 {
		fmt.Fprintln(b, g.t("msg.impact.transitions"))
	}
	for _, k := range keys {
		from, to, _ := strings.Cut(k, " → ")
		fmt.Fprintln(b, g.t("msg.impact.transition", "from", statusName(g, from), "to", statusName(g, to),
			"count", t.Transitions[k]))
	}
}

// clauseName names a clause, or a part of the agreement outside the
// articles.
func clauseName(g *global, id, part string) string {
	switch part {
	case ovk.PartFront:
		return g.t("msg.impact.part_name.front")
	case ovk.PartRecitals:
		return g.t("msg.impact.part_name.recitals")
	case ovk.PartBack:
		return g.t("msg.impact.part_name.back")
	}
	return id
}

// shown leaves out the articles that were only renumbered: the tables
// count them, the lists would drown in them.
func shown(cs []ovk.Change) []ovk.Change {
	out := make([]ovk.Change, 0, len(cs))
	for _, c := range cs {
		if c.Status != ovk.Renumbered {
			out = append(out, c)
		}
	}
	return out
}

func versions(from, to int) string {
	switch {
	case from == 0 && to == 0:
		return ""
	case from == 0:
		return fmt.Sprintf("– → v%d", to)
	case to == 0:
		return fmt.Sprintf("v%d → –", from)
	case from == to:
		return fmt.Sprintf("v%d", from)
	}
	return fmt.Sprintf("v%d → v%d", from, to)
}

func outcome(g *global, oc ovk.ImpactOutcome) string {
	switch oc.Status {
	case ovk.BatchOK:
		return g.t("msg.impact.status_ok", "clauses", len(oc.Clauses))
	case ovk.BatchNotServed:
		return g.t("msg.impact.status_not_served")
	case ovk.BatchMerged:
		return g.t("msg.impact.status_merged", "into", oc.MergedInto)
	}
	return g.t("msg.impact.status_failed")
}

func statusName(g *global, s string) string {
	switch ovk.BatchStatus(s) {
	case ovk.BatchNotServed:
		return g.t("msg.impact.status_not_served")
	case ovk.BatchMerged:
		return g.t("msg.impact.status_merged_short")
	case ovk.BatchFailed:
		return g.t("msg.impact.status_failed")
	}
	return s
}

func changeMarks(g *global, m ovk.MunicipalityImpact) string {
	switch {
	case m.From.Status == ovk.BatchFailed || m.To.Status == ovk.BatchFailed:
		return g.t("msg.impact.see_error")
	case !m.Changed:
		return g.t("msg.impact.unchanged")
	case len(m.Changes) == 0:
		return g.t("msg.impact.no_agreement")
	}
	parts := make([]string, 0, len(m.Changes))
	for _, c := range shown(m.Changes) {
		parts = append(parts, ovk.Mark(c.Status)+clauseName(g, c.Clause, c.Part))
	}
	return strings.Join(parts, " ")
}

// runPack writes the review pack of the impact into o.pack.
func runPack(o *impactOptions, cat *ovk.Catalog, reg *ovk.Register, to string, ctx context.Context) error {
	g := o.g
	pk, err := cat.WritePack(ctx, ovk.PackOptions{From: o.from, To: to, Signed: o.from == "", Register: reg, Dir: o.pack,
		Loc: g.loc, Describe: g.describe})
	if err != nil {
		return err
	}
	if len(pk.Unsigned) > 0 {
		fmt.Fprintln(o.io.Err, g.t("msg.impact.unsigned", "list", strings.Join(pk.Unsigned, ", ")))
	}
	changed, failed := 0, 0
	for _, m := range pk.Municipalities {
		if m.HTML != "" {
			changed++
		}
		if m.Status == ovk.BatchFailed {
			failed++
		}
	}
	fmt.Fprintln(o.io.Out, g.t("msg.pack.written", "dir", o.pack, "changed", changed, "groups", len(pk.Groups),
		"unchanged", len(pk.Unchanged), "failed", failed, "other", len(pk.Municipalities)-changed-len(pk.Unchanged)-failed))
	if failed > 0 {
		return &silent{ExitInput}
	}
	return nil
}
