package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/ovk"
)

// ExitDiffers is verify's exit code when the PDF would be drafted differently.
const ExitDiffers = 3

func newVerify(g *global, io IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "verify FILE.pdf...",
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
		if code == ExitInput || (code == ExitDiffers && worst == ExitOK) {
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
	}
	switch res.Outcome {
	case ovk.Identical:
		if !asJSON {
			fmt.Fprintln(io.Out, g.t("msg.verify.identical", "file", file, "release", res.Release))
		}
		return ExitOK
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
	for _, c := range res.Changes {
		fmt.Fprintln(io.Out, "  "+verifyChange(g, c))
	}
	return ExitDiffers
}

// verifyChange puts one difference of verify into words.
func verifyChange(g *global, c ovk.VerifyChange) string {
	switch c.Kind {
	case ovk.ChangeLibrary:
		return g.t("msg.verify.library", "old", c.Old, "new", c.New)
	case ovk.ChangeTool:
		return g.t("msg.verify.tool", "old", c.Old, "new", c.New)
	case ovk.ChangeAdded:
		return g.t("msg.verify.added", "id", c.Clause, "version", c.NewVersion, "article", c.NewArticle)
	case ovk.ChangeRemoved:
		return g.t("msg.verify.removed", "id", c.Clause, "version", c.OldVersion, "article", c.OldArticle)
	case ovk.ChangeText:
		return g.t("msg.verify.changed", "id", c.Clause, "old", c.OldVersion, "new", c.NewVersion,
			"old_article", c.OldArticle, "article", c.NewArticle)
	case ovk.ChangeMoved:
		return g.t("msg.verify.moved", "id", c.Clause, "old_article", c.OldArticle, "article", c.NewArticle)
	}
	return g.t("msg.verify.layout_only")
}
