// Package cli owns the ovk command line: one cobra command per job, each an
// options struct and a run function that tests call with captured output.
// Exit codes: 0 ok, 1 internal error, 2 usage or invalid input.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/rules"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitInternal = 1
	ExitInput    = 2
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
}

func (g *global) source() draft.Source {
	if g.library != "" {
		return draft.DirSource(g.library)
	}
	return draft.Embedded
}

func (g *global) open() (*draft.Drafter, error) { return g.source().Open(g.release) }

func (g *global) t(id string, kv ...any) string { return g.loc.T(id, diag.A(kv...)) }

// usageError marks a problem with how the command was called.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Main runs ovk with args and returns the exit code.
func Main(args []string, in io.Reader, out, errw io.Writer) int {
	g := &global{}
	g.loc = l10n.For(l10n.FromEnv(preScanLang(args)))
	root := newRoot(g, IO{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errw)
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
	fmt.Fprintln(w, g.describe(err))
	var list diag.List
	if errors.As(err, &list) {
		fmt.Fprintln(w, g.t("err.count", "count", len(list)))
	}
	return exitCode(err)
}

// exitCode is 2 for anything the user can fix (usage, input, a file that
// cannot be read or written) and 1 for the rest.
func exitCode(err error) int {
	var (
		list    diag.List
		ns      *rules.NotServedError
		merged  *rules.MergedError
		unknown *draft.ErrUnknownRelease
		usage   *usageError
		pathErr *fs.PathError
	)
	if errors.As(err, &list) || errors.As(err, &ns) || errors.As(err, &merged) || errors.As(err, &unknown) ||
		errors.As(err, &usage) || errors.As(err, &pathErr) {
		return ExitInput
	}
	return ExitInternal
}

// describe puts an error into words for the user: every problem of a
// diag.List on a line of its own, the other domain errors in one sentence.
func (g *global) describe(err error) string {
	var (
		list    diag.List
		ns      *rules.NotServedError
		merged  *rules.MergedError
		unknown *draft.ErrUnknownRelease
		usage   *usageError
		pe      *fs.PathError
	)
	switch {
	case errors.As(err, &list):
		lines := make([]string, len(list))
		for i, p := range list {
			lines[i] = g.loc.Problem(p)
		}
		return strings.Join(lines, "\n")
	case errors.As(err, &ns):
		return g.t("err.not_served", "nis", ns.NIS, "name", ns.Name, "reason", ns.Reason)
	case errors.As(err, &merged):
		return g.t("err.merged", "nis", merged.NIS, "name", merged.Name, "since", merged.Into.Since.String(),
			"into_nis", merged.Into.NIS, "into", merged.Into.Name)
	case errors.As(err, &unknown):
		return g.t("err.release.unknown", "name", unknown.Name, "known", strings.Join(unknown.Known, ", "))
	case errors.As(err, &usage):
		return usage.msg
	case errors.As(err, &pe):
		return g.t("err.file", "path", pe.Path, "detail", localizeErrno(g, pe.Err))
	}
	return g.t("err.internal", "detail", err.Error())
}

func localizeErrno(g *global, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return g.t("err.errno.not_exist")
	case errors.Is(err, fs.ErrPermission):
		return g.t("err.errno.permission")
	}
	return err.Error()
}

func newRoot(g *global, io IO) *cobra.Command {
	root := &cobra.Command{
		Use:           "ovk",
		Short:         g.t("cli.root.short"),
		Long:          g.t("cli.root.long"),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Without a command: the help. An unknown command is a usage error.
		Args: wrapArgs(cobra.NoArgs),
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	root.PersistentFlags().StringVar(&g.lang, "lang", "", g.t("cli.flag.lang"))
	root.PersistentFlags().StringVar(&g.library, "library", "", g.t("cli.flag.library"))
	root.PersistentFlags().StringVar(&g.release, "release", "", g.t("cli.flag.release"))
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.AddCommand(newDraft(g, io), newExplain(g, io), newLint(g, io), newVerify(g, io),
		newVersion(g, io), newReleases(g, io))
	for _, newCmd := range extraCommands {
		root.AddCommand(newCmd(g, io))
	}
	for _, c := range root.Commands() {
		c.Args = wrapArgs(c.Args)
	}
	localizeHelp(g, root)
	return root
}

// localizeHelp puts cobra's own help texts (usage headings, the help flag
// and command) into the user's language; shell completion is left out.
func localizeHelp(g *global, root *cobra.Command) {
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, g.t("cli.flag.help"))
	root.InitDefaultHelpCmd()
	for _, c := range root.Commands() {
		if c.Name() == "help" {
			c.Short, c.Long = g.t("cli.help.short"), g.t("cli.help.short")
		}
	}
	root.SetUsageTemplate(g.t("cli.usage.usage") + `:{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} ` + g.t("cli.usage.command") + `{{end}}{{if .HasAvailableSubCommands}}

` + g.t("cli.usage.commands") + `:{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

` + g.t("cli.usage.flags") + `:
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

` + g.t("cli.usage.global_flags") + `:
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

` + g.t("cli.usage.more") + `{{end}}
`)
}

// extraCommands are commands that register themselves from files of their
// own (batch, impact, diff, serve), so that each feature stays in its file.
var extraCommands []func(*global, IO) *cobra.Command

// register adds a command constructor; call it from an init function.
func register(c func(*global, IO) *cobra.Command) { extraCommands = append(extraCommands, c) }

// wrapArgs turns cobra's argument errors into usage errors (exit 2).
func wrapArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	if check == nil {
		return nil
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return &usageError{err.Error() + "\n" + cmd.UseLine()}
		}
		return nil
	}
}

// exists reports whether path names an existing folder.
func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
