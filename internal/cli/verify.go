package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/ovk"
)

// Verify's exit codes besides ExitOK (identical): the PDF would be drafted
// differently; or its bytes differ but the agreement is the same (another
// ovk version or another tool wrote it).
const (
	ExitDiffers     = 3
	ExitSameContent = 4
)

// verifyRank orders verify's exit codes: of several PDFs, the worst
// outcome gives the exit code.
var verifyRank = map[int]int{ExitOK: 0, ExitSameContent: 1, ExitDiffers: 2, ExitInput: 3}

func newVerify(g *global, io IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify FILE.pdf|FILE.docx...",
		Short: g.t("cli.verify.short"),
		Long:  g.t("cli.verify.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return runVerify(g, io, args, asJSON)
		},
	}
	jsonFlag(g, cmd, io.Out, &asJSON)
	return cmd
}

func runVerify(g *global, io IO, files []string, asJSON bool) error {
	cat, err := g.catalog()
	if err != nil {
		return err
	}
	worst := ExitOK
	for _, file := range files {
		code := verifyOne(g, io, cat, file, asJSON)
		if verifyRank[code] > verifyRank[worst] {
			worst = code
		}
	}
	if worst != ExitOK {
		return &silent{worst}
	}
	return nil
}

func verifyOne(g *global, io IO, cat *ovk.Catalog, file string, asJSON bool) int {
	res, err := cat.VerifyFile(g.release, file, g.loc.T)
	if err != nil {
		return report(g, io.Err, err)
	}
	if asJSON {
		writeJSON(io.Out, res)
	} else {
		defer printApproval(g, io, res)
	}
	switch res.Outcome {
	case ovk.Identical:
		if !asJSON && len(res.Revisions) > 0 {
			fmt.Fprintln(io.Out, g.t("msg.verify.identical_revisions", "file", file, "release", res.Release, "n", len(res.Revisions)))
			printRevisions(g, io, res.Revisions)
		} else if !asJSON {
			fmt.Fprintln(io.Out, g.t("msg.verify.identical", "file", file, "release", res.Release))
		}
		return ExitOK
	case ovk.SameContent:
		if !asJSON {
			fmt.Fprintln(io.Out, g.t("msg.verify.same_content", "file", file, "release", res.Release, "tool", res.Drafted.ToolVersion))
		}
		return ExitSameContent
	case ovk.CannotRedraft:
		fmt.Fprintf(io.Err, "%s: %s\n", file, g.t("msg.verify.cannot_redraft", "release", res.Release))
		saved := g.jsonErr
		g.jsonErr = nil // already in the result
		report(g, io.Err, res.Err)
		g.jsonErr = saved
		return ExitDiffers
	}
	if asJSON {
		return ExitDiffers
	}
	fmt.Fprintln(io.Out, g.t("msg.verify.differs", "file", file, "release", res.Release))
	printRevisions(g, io, res.Revisions)
	old, cur := res.Drafted, res.Now
	if old.LibraryID != cur.LibraryID || old.LibraryVersion != cur.LibraryVersion {
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.library", "old", old.LibraryID+" "+old.LibraryVersion, "new", cur.LibraryID+" "+cur.LibraryVersion))
	}
	if old.ToolVersion != cur.ToolVersion {
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.tool", "old", old.ToolVersion, "new", cur.ToolVersion))
	}
	for _, c := range res.Changes {
		if c.Status != ovk.Renumbered {
			fmt.Fprintf(io.Out, "  %s %s: %s\n", ovk.Mark(c.Status), clauseName(g, c.Clause, c.Part), c.Why)
		}
	}
	return ExitDiffers
}

// printApproval says under which release state the PDF was drafted: a
// draft (ONTWERP), or approved by whom, when and under which decision.
func printApproval(g *global, io IO, res *ovk.VerifyResult) {
	a := res.Drafted.Approval
	switch {
	case a == nil:
	case a.Status == "goedgekeurd":
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.approved", "release", res.Drafted.LibraryVersion, "by", a.ApprovedBy,
			"on", a.ApprovedOn, "decision", a.Decision))
	default:
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.draft", "release", res.Drafted.LibraryVersion))
	}
}

// printRevisions says what each later revision of a PDF adds.
func printRevisions(g *global, io IO, revs []ovk.Revision) {
	for _, r := range revs {
		var parts []string
		for _, s := range r.Signatures {
			who := s.Name
			if who == "" {
				who = g.t("msg.verify.rev_unnamed")
			}
			if s.SignedOn != "" {
				who += " (" + s.SignedOn + ")"
			}
			parts = append(parts, g.t("msg.verify.rev_signature", "who", who))
		}
		if len(r.Annotations) > 0 {
			parts = append(parts, g.t("msg.verify.rev_annotations", "kinds", strings.Join(r.Annotations, ", ")))
		}
		if len(r.ChangesContent) > 0 {
			parts = append(parts, g.t("msg.verify.rev_changes", "what", strings.Join(r.ChangesContent, ", ")))
		}
		if len(parts) == 0 {
			parts = append(parts, g.t("msg.verify.rev_other"))
		}
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.revision", "n", r.Number, "bytes", r.Bytes, "what", strings.Join(parts, "; ")))
	}
}
