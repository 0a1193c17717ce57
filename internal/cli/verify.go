package cli

import (
	"bytes"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/ovk"
	"github.com/agii/ovk/internal/pdf"
)

// ExitDiffers is verify's exit code when the PDF would be drafted differently.
const ExitDiffers = 3

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
		if code == ExitInput || (code == ExitDiffers && worst == ExitOK) {
			worst = code
		}
	}
	if worst != ExitOK {
		return &silent{worst}
	}
	return nil
}

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
	if bytes.Equal(now, data) {
		fmt.Fprintln(io.Out, g.t("msg.verify.identical", "file", file, "release", d.Lib.Version))
		return ExitOK
	}
	fmt.Fprintln(io.Out, g.t("msg.verify.differs", "file", file, "release", d.Lib.Version))
	for _, line := range manifestChanges(g, &emb.Manifest, &res.Doc.Meta.Manifest) {
		fmt.Fprintln(io.Out, "  "+line)
	}
	return ExitDiffers
}

// manifestChanges lists, clause by clause, how two manifests differ.
func manifestChanges(g *global, old, cur *document.Manifest) []string {
	var out []string
	if old.LibraryID != cur.LibraryID || old.LibraryVersion != cur.LibraryVersion {
		out = append(out, g.t("msg.verify.library", "old", old.LibraryID+" "+old.LibraryVersion, "new", cur.LibraryID+" "+cur.LibraryVersion))
	}
	if old.ToolVersion != cur.ToolVersion {
		out = append(out, g.t("msg.verify.tool", "old", old.ToolVersion, "new", cur.ToolVersion))
	}
	was := map[string]document.ManifestClause{}
	for _, c := range old.Clauses {
		was[c.ID] = c
	}
	seen := map[string]bool{}
	for _, c := range cur.Clauses {
		seen[c.ID] = true
		o, ok := was[c.ID]
		switch {
		case !ok:
			out = append(out, g.t("msg.verify.added", "id", c.ID, "version", c.Version, "article", c.Article))
		case o.Version != c.Version || o.SHA256 != c.SHA256:
			out = append(out, g.t("msg.verify.changed", "id", c.ID, "old", o.Version, "new", c.Version,
				"old_article", o.Article, "article", c.Article))
		case o.Article != c.Article:
			out = append(out, g.t("msg.verify.moved", "id", c.ID, "old_article", o.Article, "article", c.Article))
		}
	}
	for _, c := range old.Clauses {
		if !seen[c.ID] {
			out = append(out, g.t("msg.verify.removed", "id", c.ID, "version", c.Version, "article", c.Article))
		}
	}
	if len(out) == 0 {
		out = append(out, g.t("msg.verify.layout_only"))
	}
	return out
}
