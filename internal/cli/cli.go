// Package cli owns the ovk command line: one cobra command per job, each an
// options struct and a run function that tests call with captured output.
// Exit codes: 0 ok, 1 internal error, 2 usage or invalid input, 74 a
// system error (full disk, permission).
package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/ovk"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitInternal = 1
	ExitInput    = 2
	// ExitSystem is the exit code of a system error (a full disk, no
	// permission, a failing device): EX_IOERR of sysexits.h.
	ExitSystem = 74
	// ExitInterrupted is the exit code after Ctrl-C (128 + SIGINT).
	ExitInterrupted = 130
)

// IO is where a command reads and writes.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// global holds the flags every command has.
type global struct {
	lang    string
	library string
	release string
	loc     *l10n.Localizer
	cat     *ovk.Catalog
	// jsonErr, when set, receives errors as JSON (ovk-error/1): the command
	// was asked for --json.
	jsonErr io.Writer
}

func (g *global) source() ovk.Source {
	if g.library != "" {
		return ovk.DirSource(g.library)
	}
	return ovk.Embedded
}

// catalog opens the releases of --library (or the embedded ones) once.
func (g *global) catalog() (*ovk.Catalog, error) {
	if g.cat != nil {
		return g.cat, nil
	}
	cat, err := ovk.Open(g.source())
	if err != nil {
		return nil, err
	}
	g.cat = cat
	return cat, nil
}

func (g *global) t(id string, kv ...any) string { return g.loc.T(id, diag.A(kv...)) }

// usage is an error in how the command was called; msg is in words.
func usage(msg string) error { return ovk.Usagef("%s", msg) }

// Main runs ovk with args and returns the exit code.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	g := &global{}
	g.loc = l10n.For(l10n.FromEnv(preScanLang(args)))
	warnLang(g, errw, args)
	root := newRoot(g, IO{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errw)
	// A command runs for milliseconds and allocates far more than it keeps:
	// a larger heap target than the default (unless GOGC says otherwise)
	// saves a quarter of the CPU of an ovk draft for no more memory. serve
	// runs for long and keeps the default.
	if c, _, err := root.Find(args); err == nil && c.Name() != "serve" && os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	return report(g, errw, err)
}

// preScanLang finds --lang before cobra parses flags, so help and flag
// errors are in the right language too.
func preScanLang(args []string) string {
	for i, a := range args {
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
	}
	return ""
}

// silent marks an error already reported (e.g. a batch's per-item failures).
type silent struct{ code int }

func (s *silent) Error() string { return fmt.Sprintf("exit %d", s.code) }

// report prints err for the user and returns its exit code.
func report(g *global, w io.Writer, err error) int {
	var quiet *silent
	if errors.As(err, &quiet) {
		return quiet.code
	}
	if g.jsonErr != nil {
		writeJSON(g.jsonErr, ovk.AsError(err).View(g.loc.T))
	}
	fmt.Fprintln(w, g.describe(err))
	if e := ovk.AsError(err); e.Code == ovk.Invalid {
		fmt.Fprintln(w, g.t("err.count", "count", len(e.Problems)))
	}
	return exitCode(err)
}

// exitCodes is the exit code of each error code: 2 for anything the user
// can fix (usage, input, a file that does not exist or is not a file), 74
// when the system refused (full disk, permission), 130 when interrupted
// (as a shell reports Ctrl-C), 1 for the rest.
var exitCodes = map[ovk.Code]int{
	ovk.Invalid:        ExitInput,
	ovk.Usage:          ExitInput,
	ovk.NotServed:      ExitInput,
	ovk.Merged:         ExitInput,
	ovk.UnknownRelease: ExitInput,
	ovk.NotFound:       ExitInput,
	ovk.InvalidPDF:     ExitInput,
	ovk.IO:             ExitInput,
	ovk.System:         ExitSystem,
	ovk.Canceled:       ExitInterrupted,
	ovk.Deadline:       ExitInternal,
	ovk.Internal:       ExitInternal,
}

// exitCode is the exit code of err.
func exitCode(err error) int {
	if code, ok := exitCodes[ovk.ErrorCode(err)]; ok {
		return code
	}
	return ExitInternal
}

// describe puts an error into words for the user: every problem of a
// diag.List on a line of its own, the other errors in one sentence.
func (g *global) describe(err error) string { return ovk.Describe(err, g.loc.T) }

func newRoot(g *global, io IO) *cobra.Command {
	root := &cobra.Command{
		Use:           "ovk",
		Short:         g.t("cli.root.short"),
		Long:          g.t("cli.root.long"),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without a command: the help. An unknown command is a usage error
		// (see conventions).
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	root.PersistentFlags().StringVar(&g.lang, "lang", "", g.t("cli.flag.lang"))
	root.PersistentFlags().StringVar(&g.library, "library", "", g.t("cli.flag.library"))
	root.PersistentFlags().StringVar(&g.release, "release", "", g.t("cli.flag.release"))
	root.AddCommand(newDraft(g, io), newExplain(g, io), newLint(g, io), newVerify(g, io),
		newVersion(g, io), newReleases(g, io))
	for _, newCmd := range extraCommands {
		root.AddCommand(newCmd(g, io))
	}
	localizeHelp(g, root)
	conventions(g, io, root)
	return root
}

// localizeHelp puts cobra's own help texts (usage headings, the help flag
// and command) into the user's language; shell completion is left out.
func localizeHelp(g *global, root *cobra.Command) {
	root.PersistentFlags().BoolP("help", "h", false, g.t("cli.flag.help"))
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Short, c.Long = g.t("cli.help.short"), g.t("cli.help.short")
			c.RunE = func(c *cobra.Command, args []string) error {
				target, rest, err := c.Root().Find(args)
				if err != nil || len(rest) > 0 || target == nil {
					name := strings.Join(args, " ")
					return usage(g.t("err.cli.help_topic", "name", name) + g.suggestion(c.Root().SuggestionsFor(args[len(args)-1])))
				}
				return target.Help()
			}
		}
	}
}

// extraCommands are commands that register themselves from files of their
// own (batch, impact, diff, serve), so that each feature stays in its file.
var extraCommands []func(*global, IO) *cobra.Command

// register adds a command constructor; call it from an init function.
func register(c func(*global, IO) *cobra.Command) { extraCommands = append(extraCommands, c) }

// exists reports whether path names an existing folder.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// jsonFlag adds --json to cmd; asked for, errors are written as JSON to
// out too.
func jsonFlag(g *global, cmd *cobra.Command, out io.Writer, v *bool) {
	cmd.Flags().BoolVar(v, "json", false, g.t("cli.flag.json"))
	pre := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if *v {
			g.jsonErr = out
		}
		if pre != nil {
			return pre(c, args)
		}
		return nil
	}
}
