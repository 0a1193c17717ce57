package cli

import (
	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/limits"
)

// boundFlags gives serve a flag for each bound on the inputs
// (internal/limits, docs/bounds.md), with the safe defaults.
func boundFlags(cmd *cobra.Command, l *limits.Limits) {
	*l = limits.Default
	f := cmd.Flags()
	f.Int64Var(&l.ProfileBytes, "max-profile-bytes", l.ProfileBytes, "a profile's bytes at most")
	f.Int64Var(&l.RegisterBytes, "max-register-bytes", l.RegisterBytes, "a register's bytes at most")
	f.Int64Var(&l.PDFBytes, "max-pdf-bytes", l.PDFBytes, "a PDF's bytes at most")
	f.IntVar(&l.Depth, "max-depth", l.Depth, "nesting of a profile's arrays and tables at most")
	f.IntVar(&l.Text, "max-text", l.Text, "characters of a profile's text at most")
	f.IntVar(&l.List, "max-list", l.List, "items of a profile's list at most")
	f.IntVar(&l.Goals, "max-goals", l.Goals, "goals of a profile at most")
	f.IntVar(&l.Rows, "max-rows", l.Rows, "rows of a register at most")
	f.IntVar(&l.Columns, "max-columns", l.Columns, "columns of a register at most")
	f.IntVar(&l.Cell, "max-cell", l.Cell, "bytes of a register's cell at most")
	f.IntVar(&l.KeyDepth, "max-key-depth", l.KeyDepth, "parts of a register's dotted column name at most")
}
