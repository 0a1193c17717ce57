package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/compare"
	mreg "github.com/agii/ovk/internal/register"
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
	return cmd
}

func runImpact(o *impactOptions) error {
	g := o.g
	if o.from == "" || o.register == "" {
		return usage(g.t("err.impact.need_flags"))
	}
	to := o.to
	if to == "" {
		to = g.release
	}
	from, err := g.drafter(o.from)
	if err != nil {
		return err
	}
	target, err := g.drafter(to)
	if err != nil {
		return err
	}
	reg, err := mreg.Load(o.register, o.base)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	im, err := compare.Impact(ctx, compare.ImpactOptions{From: from.Unbounded(), To: target.Unbounded(), Register: reg,
		Describe: g.describe, Translate: g.loc.T})
	if err != nil {
		return err
	}
	if o.json {
		enc := json.NewEncoder(o.io.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(im)
	}
	var b bytes.Buffer
	printImpact(g, &b, im, o.detail)
	_, err = o.io.Out.Write(b.Bytes())
	return err
}

// printImpact writes the impact as tables: per clause, per municipality,
// then the totals a director signs off.
func printImpact(g *global, b *bytes.Buffer, im *compare.ImpactReport, detail bool) {
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
			if !m.Changed && m.From.Status != batch.Failed && m.To.Status != batch.Failed {
				continue
			}
			fmt.Fprintf(b, "\n%s %s (%s)\n", m.NIS, m.Name, m.Source)
			for i, oc := range []compare.ImpactOutcome{m.From, m.To} {
				if oc.Error != "" && (i == 0 || oc.Error != m.From.Error) {
					fmt.Fprintf(b, "  %s\n", strings.ReplaceAll(oc.Error, "\n", "\n  "))
				}
			}
			for _, c := range shown(m.Changes) {
				fmt.Fprintf(b, "  %s %s: %s\n", compare.Mark(c.Status), clauseName(g, c.Clause, c.Part), c.Why)
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

func clauseName(g *global, id, part string) string {
	switch part {
	case compare.PartFront:
		return g.t("msg.impact.part_name.front")
	case compare.PartRecitals:
		return g.t("msg.impact.part_name.recitals")
	case compare.PartBack:
		return g.t("msg.impact.part_name.back")
	}
	return id
}

// shown leaves out the articles that were only renumbered: the tables
// count them, the lists would drown in them.
func shown(cs []compare.Change) []compare.Change {
	out := make([]compare.Change, 0, len(cs))
	for _, c := range cs {
		if c.Status != compare.Renumbered {
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

func outcome(g *global, oc compare.ImpactOutcome) string {
	switch oc.Status {
	case batch.OK:
		return g.t("msg.impact.status_ok", "clauses", len(oc.Clauses))
	case batch.NotServed:
		return g.t("msg.impact.status_not_served")
	case batch.Merged:
		return g.t("msg.impact.status_merged", "into", oc.MergedInto)
	}
	return g.t("msg.impact.status_failed")
}

func statusName(g *global, s string) string {
	switch batch.Status(s) {
	case batch.NotServed:
		return g.t("msg.impact.status_not_served")
	case batch.Merged:
		return g.t("msg.impact.status_merged_short")
	case batch.Failed:
		return g.t("msg.impact.status_failed")
	}
	return s
}

func changeMarks(g *global, m compare.MunicipalityImpact) string {
	switch {
	case m.From.Status == batch.Failed || m.To.Status == batch.Failed:
		return g.t("msg.impact.see_error")
	case !m.Changed:
		return g.t("msg.impact.unchanged")
	case len(m.Changes) == 0:
		return g.t("msg.impact.no_agreement")
	}
	parts := make([]string, 0, len(m.Changes))
	for _, c := range shown(m.Changes) {
		parts = append(parts, compare.Mark(c.Status)+clauseName(g, c.Clause, c.Part))
	}
	return strings.Join(parts, " ")
}
