package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdf"
)

// Verify's exit codes besides ExitOK (identical): the PDF would be drafted
// differently; or its bytes differ but the agreement is the same (another
// ovk version or another tool wrote it), see compare.Outcome.
const (
	ExitDiffers     = 3
	ExitSameContent = 4
)

func newVerify(g *global, io IO) *cobra.Command {
	return &cobra.Command{
		Use:   "verify FILE.pdf...",
		Short: g.t("cli.verify.short"),
		Long:  g.t("cli.verify.long"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			return runVerify(g, io, args)
		},
	}
}

func runVerify(g *global, io IO, files []string) error {
	d, err := g.open()
	if err != nil {
		return err
	}
	worst := ExitOK
	for _, file := range files {
		code := verifyOne(g, io, d, file)
		if verifyRank[code] > verifyRank[worst] {
			worst = code
		}
	}
	if worst != ExitOK {
		return &silent{worst}
	}
	return nil
}

// verifyRank orders verify's exit codes: of several PDFs, the worst
// outcome gives the exit code.
var verifyRank = map[int]int{ExitOK: 0, ExitSameContent: 1, ExitDiffers: 2, ExitInput: 3}

func verifyOne(g *global, io IO, d *draft.Drafter, file string) int {
	data, err := os.ReadFile(file)
	if err != nil {
		return report(g, io.Err, err)
	}
	emb, err := pdf.ReadEmbedded(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		fmt.Fprintln(io.Err, g.t("err.verify.unreadable", "file", file, "detail", err.Error()))
		return ExitInput
	}
	p, err := ovk.EmbeddedProfile(file, emb)
	if err == nil && p == nil {
		err = usage(g.t("err.verify.unreadable", "file", file, "detail", "no profile.toml"))
	}
	var now []byte
	var res *draft.Result
	if err == nil {
		res, err = d.Prepare(p)
	}
	if err == nil {
		now, err = draft.Bytes(res.Doc, draft.PDF)
	}
	if err != nil {
		fmt.Fprintf(io.Err, "%s: %s\n", file, g.t("msg.verify.cannot_redraft", "release", d.Lib.Version))
		report(g, io.Err, err)
		return ExitDiffers
	}
	v, err := compare.Verify(compare.FromManifest(compare.SidePDF, file, &emb.Manifest, p),
		compare.FromDraft(compare.SideProfile, file, p, res.Selection, res.Doc), bytes.Equal(now, data))
	if err != nil {
		fmt.Fprintln(io.Err, g.t("err.verify.unreadable", "file", file, "detail", err.Error()))
		return ExitInput
	}
	switch v.Outcome {
	case compare.Identical:
		fmt.Fprintln(io.Out, g.t("msg.verify.identical", "file", file, "release", d.Lib.Version))
		return ExitOK
	case compare.SameContent:
		fmt.Fprintln(io.Out, g.t("msg.verify.same_content", "file", file, "release", d.Lib.Version, "tool", emb.Manifest.ToolVersion))
		return ExitSameContent
	}
	fmt.Fprintln(io.Out, g.t("msg.verify.differs", "file", file, "release", d.Lib.Version))
	old, cur := v.Report.Old, v.Report.New
	if old.LibraryID != cur.LibraryID || old.LibraryVersion != cur.LibraryVersion {
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.library", "old", old.LibraryID+" "+old.LibraryVersion, "new", cur.LibraryID+" "+cur.LibraryVersion))
	}
	if old.ToolVersion != cur.ToolVersion {
		fmt.Fprintln(io.Out, "  "+g.t("msg.verify.tool", "old", old.ToolVersion, "new", cur.ToolVersion))
	}
	for _, line := range compare.Lines(v.Report, g.loc.T) {
		fmt.Fprintln(io.Out, "  "+line)
	}
	return ExitDiffers
}
