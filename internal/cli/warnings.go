package cli

import (
	"fmt"
	"io"

	"github.com/agii/ovk/internal/diag"
)

// warn prints problems that did not stop the command (an input file read
// as Windows-1252), one line each, on w.
func warn(g *global, w io.Writer, warnings diag.List) {
	for _, p := range warnings {
		fmt.Fprintln(w, g.t("msg.warning", "text", g.loc.Problem(p)))
	}
}
