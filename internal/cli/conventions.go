package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk"
)

// This file holds what users of cobra CLIs (gh, hugo, kubectl) expect:
// --version, shell completion, man pages, examples in every help, "bedoelt
// u …?" suggestions, and cobra's and pflag's own messages and help chrome
// in the user's language.

// conventions adds --version, completion, man and clauses to root and
// puts cobra's and pflag's messages into the user's language.
func conventions(g *global, cio IO, root *cobra.Command) {
	root.SuggestionsMinimumDistance = 2
	root.Version = ovk.Version()
	root.SetVersionTemplate("ovk {{.Version}}\n")
	root.Flags().BoolP("version", "v", false, g.t("cli.flag.version"))
	root.Args = func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		names := c.SuggestionsFor(args[0])
		return usage(g.t("err.cli.unknown_command", "name", args[0], "cmd", c.CommandPath()) +
			g.suggestion(names) + "\n" + g.t("msg.cli.more_help", "cmd", c.CommandPath()))
	}
	root.AddCommand(newClauses(g, cio), newMan(g, cio))
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return nonNegative(g, c) }
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usage(g.flagError(c, err)) })
	root.CompletionOptions.DisableDefaultCmd = false
	root.SetOut(cio.Out) // the completion scripts are written where the command was created to write
	root.SetErr(cio.Err)
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Short, c.Long = g.t("cli.completion.short"), g.t("cli.completion.long")
		for _, sh := range c.Commands() {
			sh.Short = g.t("cli.completion.shell.short", "shell", sh.Name())
			sh.Long = g.t("cli.completion.shell.long", "shell", sh.Name(), "load", loadLine(sh.Name()))
			if f := sh.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = g.t("cli.completion.flag.no_descriptions")
			}
		}
	}
	root.SetUsageFunc(func(c *cobra.Command) error {
		_, err := io.WriteString(c.OutOrStderr(), g.usageText(c))
		return err
	})
	setExamples(g, root)
	for _, c := range root.Commands() {
		g.wrapArgs(c)
	}
}

// wrapArgs makes cobra's argument errors of c and its subcommands usage
// errors (exit 2) in the user's language.
func (g *global) wrapArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				return usage(g.argsError(cmd, err))
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		g.wrapArgs(sub)
	}
}

// loadLine is how a shell loads ovk's completion script.
func loadLine(shell string) string {
	switch shell {
	case "bash", "zsh":
		return "source <(ovk completion " + shell + ")"
	case "fish":
		return "ovk completion fish | source"
	default:
		return "ovk completion powershell | Out-String | Invoke-Expression"
	}
}

// supportedLang reports whether lang (nl, en, nl-BE, en_US…) is a language
// ovk has messages in.
func supportedLang(lang string) bool {
	base, _, _ := strings.Cut(strings.ToLower(strings.ReplaceAll(lang, "_", "-")), "-")
	return base == "nl" || base == "en"
}

// warnLang warns when --lang (or the environment) asks for a language ovk
// has no messages in.
func warnLang(g *global, w io.Writer, args []string) {
	if flag := preScanLang(args); flag != "" && !supportedLang(flag) {
		fmt.Fprintln(w, g.t("warn.cli.lang", "lang", flag))
	}
}

// setExamples gives every command its Examples section
// (cli.example.PATH, the path after "ovk" joined by _).
func setExamples(g *global, c *cobra.Command) {
	if c.HasParent() {
		id := fmt.Sprintf("cli.%s.%s", "example", strings.ReplaceAll(strings.TrimPrefix(c.CommandPath(), "ovk "), " ", "_"))
		if ex := g.t(id); ex != diag.Untranslated(id, nil) {
			c.Example = ex
		} else if c.Parent().Name() == "completion" {
			c.Example = "  " + loadLine(c.Name())
		}
	}
	for _, sub := range c.Commands() {
		setExamples(g, sub)
	}
}

// suggestion is " (bedoelt u a, b?)" for names, or nothing.
func (g *global) suggestion(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return ": " + g.t("msg.cli.suggest", "names", strings.Join(names, ", "))
}

// flagError puts pflag's error into words, with a suggestion for a
// mistyped flag.
func (g *global) flagError(c *cobra.Command, err error) string {
	var (
		notExist *pflag.NotExistError
		needs    *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	more := "\n" + g.t("msg.cli.more_help", "cmd", c.CommandPath())
	switch {
	case errors.As(err, &notExist) && notExist.GetSpecifiedShortnames() != "":
		return g.t("err.cli.unknown_shorthand", "name", notExist.GetSpecifiedName(),
			"group", notExist.GetSpecifiedShortnames()) + more
	case errors.As(err, &notExist):
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		s := diag.Suggest(notExist.GetSpecifiedName(), names)
		for i := range s {
			s[i] = "--" + s[i]
		}
		return g.t("err.cli.unknown_flag", "name", notExist.GetSpecifiedName()) + g.suggestion(s) + more
	case errors.As(err, &needs):
		return g.t("err.cli.flag_needs_value", "name", needs.GetFlag().Name) + more
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return g.t("err.cli.flag_invalid", "value", strconv.Quote(invalid.GetValue()), "name", f.Name,
			"type", g.typeHint(f.Value.Type())) + more
	case errors.As(err, &syntax):
		return g.t("err.cli.flag_syntax", "flag", syntax.GetSpecifiedFlag()) + more
	}
	return err.Error() + more
}

// typeHint says what a flag of type typ takes ("een geheel getal, bv. 4").
func (g *global) typeHint(typ string) string {
	id := fmt.Sprintf("cli.%s.%s.hint", "type", typ)
	if s := g.t(id); s != diag.Untranslated(id, nil) {
		return s
	}
	return g.typeName(typ)
}

// typeName is the name of a flag's type in help ("tekst", "getal").
func (g *global) typeName(typ string) string {
	id := fmt.Sprintf("cli.%s.%s", "type", typ)
	if s := g.t(id); s != diag.Untranslated(id, nil) {
		return s
	}
	return typ
}

// argsRE match cobra's argument errors (cobra has no typed errors for them).
var (
	argsMinRE   = regexp.MustCompile(`^requires at least (\d+) arg\(s\), only received (\d+)$`)
	argsMaxRE   = regexp.MustCompile(`^accepts at most (\d+) arg\(s\), received (\d+)$`)
	argsExactRE = regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)$`)
	argsRangeRE = regexp.MustCompile(`^accepts between (\d+) and (\d+) arg\(s\), received (\d+)$`)
	unknownRE   = regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`)
)

// argsError puts cobra's argument error into words.
func (g *global) argsError(c *cobra.Command, err error) string {
	msg := err.Error()
	if m := argsMinRE.FindStringSubmatch(msg); m != nil {
		msg = g.t("err.cli.args_min", "want", m[1], "got", m[2])
	} else if m := argsMaxRE.FindStringSubmatch(msg); m != nil {
		msg = g.t("err.cli.args_max", "want", m[1], "got", m[2])
	} else if m := argsExactRE.FindStringSubmatch(msg); m != nil {
		msg = g.t("err.cli.args_exact", "want", m[1], "got", m[2])
	} else if m := argsRangeRE.FindStringSubmatch(msg); m != nil {
		msg = g.t("err.cli.args_range", "min", m[1], "max", m[2], "got", m[3])
	} else if m := unknownRE.FindStringSubmatch(msg); m != nil {
		msg = g.t("err.cli.unknown_command", "name", m[1], "cmd", m[2]) + g.suggestion(c.SuggestionsFor(m[1]))
	}
	return msg + "\n" + g.useLine(c)
}

// useLine is cobra's use line with the placeholders and [flags] in the
// user's language.
func (g *global) useLine(c *cobra.Command) string {
	line := c.UseLine()
	line = strings.Replace(line, " [flags]", " ["+g.t("cli.usage.flags_placeholder")+"]", 1)
	pairs := strings.Fields(g.t("cli.usage.placeholders"))
	var repl []string
	for _, p := range pairs {
		if from, to, ok := strings.Cut(p, "="); ok {
			repl = append(repl, from, to)
		}
	}
	// Placeholders are words in capitals; replace whole words only.
	return placeholderRE.ReplaceAllStringFunc(line, func(w string) string {
		for i := 0; i+1 < len(repl); i += 2 {
			if repl[i] == w {
				return repl[i+1]
			}
		}
		return w
	})
}

var placeholderRE = regexp.MustCompile(`[A-Z][A-Z:]*[A-Z]`)

// usageText is the usage of c: cobra's layout, in the user's language.
func (g *global) usageText(c *cobra.Command) string {
	var b strings.Builder
	b.WriteString(g.t("cli.usage.usage") + ":")
	if c.Runnable() {
		b.WriteString("\n  " + g.useLine(c))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n  " + c.CommandPath() + " " + g.t("cli.usage.command"))
	}
	if c.HasExample() {
		b.WriteString("\n\n" + g.t("cli.usage.examples") + ":\n" + c.Example)
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + g.t("cli.usage.commands") + ":")
		pad := 0
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				pad = max(pad, len(s.Name()))
			}
		}
		for _, s := range c.Commands() {
			if s.IsAvailableCommand() || s.Name() == "help" {
				fmt.Fprintf(&b, "\n  %-*s %s", pad, s.Name(), s.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		b.WriteString("\n\n" + g.t("cli.usage.flags") + ":\n" + g.flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		b.WriteString("\n\n" + g.t("cli.usage.global_flags") + ":\n" + g.flagUsages(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n\n" + g.t("cli.usage.more"))
	}
	b.WriteString("\n")
	return b.String()
}

// flagUsages lists the flags of fs as pflag does, with type names and
// defaults in the user's language.
func (g *global) flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		varname, text := pflag.UnquoteUsage(f)
		if varname != "" && f.Value.Type() != "bool" {
			if strings.ToLower(varname) == varname { // pflag's type name, not a `PLACEHOLDER`
				varname = g.typeName(varname)
			}
			left += " " + varname
		}
		if !zeroDefault(f) {
			v := f.DefValue
			if f.Value.Type() == "string" {
				v = strconv.Quote(v)
			}
			text += " (" + g.t("cli.usage.default", "value", v) + ")"
		}
		width = max(width, len([]rune(left)))
		rows = append(rows, row{left, text})
	})
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(r.left + strings.Repeat(" ", width-len([]rune(r.left))+3) +
			strings.ReplaceAll(r.usage, "\n", "\n"+strings.Repeat(" ", width+3)))
	}
	return b.String()
}

// zeroDefault reports whether a flag's default is its type's zero value
// (which help does not show).
func zeroDefault(f *pflag.Flag) bool {
	switch f.DefValue {
	case "", "0", "false", "[]", "0s", "<nil>":
		return true
	}
	return false
}

// ---- clauses ----

func newClauses(g *global, cio IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "clauses",
		Short: g.t("cli.clauses.short"),
		Long:  g.t("cli.clauses.long"),
		Args:  cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			list, err := cat.Clauses(g.release)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cio.Out, list)
			}
			tw := tabwriter.NewWriter(cio.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, g.t("msg.clauses.header"))
			for _, c := range list.Clauses {
				params := make([]string, 0, len(c.Params))
				for _, p := range c.Params {
					name := p.Name
					if p.Required {
						name += "*"
					}
					params = append(params, name)
				}
				ps := strings.Join(params, ", ")
				if ps == "" {
					ps = g.t("msg.clauses.none")
				}
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", c.ID, c.Version, c.Kind, ps)
			}
			return tw.Flush()
		},
	}
	jsonFlag(g, cmd, cio.Out, &asJSON)
	cmd.AddCommand(newClausesShow(g, cio))
	return cmd
}

func newClausesShow(g *global, cio IO) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: g.t("cli.clauses.show.short"),
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			cat, err := g.catalog()
			if err != nil || len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			list, err := cat.Clauses(g.release)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var ids []string
			for _, c := range list.Clauses {
				ids = append(ids, c.ID+"\t"+c.Title)
			}
			return ids, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			cat, err := g.catalog()
			if err != nil {
				return err
			}
			cv, err := cat.Clause(args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(cio.Out, cv)
			}
			for i, v := range cv.Versions {
				if i > 0 {
					fmt.Fprintln(cio.Out)
				}
				printClause(g, cio.Out, v)
			}
			return nil
		},
	}
	jsonFlag(g, cmd, cio.Out, &asJSON)
	return cmd
}

// printClause shows one clause version for a reader.
func printClause(g *global, w io.Writer, v ovk.ClauseView) {
	fmt.Fprintln(w, g.t("msg.clauses.release", "release", v.Release, "id", v.ID, "version", v.Version,
		"kind", v.Kind, "title", v.Title))
	if v.Condition != "" {
		fmt.Fprintln(w, g.t("msg.clauses.condition", "condition", v.Condition))
	}
	if len(v.Params) > 0 {
		fmt.Fprintln(w, g.t("msg.clauses.params", "id", v.ID))
		for _, p := range v.Params {
			need := g.t("msg.clauses.optional")
			if p.Required {
				need = g.t("msg.clauses.required")
			}
			fmt.Fprintln(w, g.t("msg.clauses.param", "name", p.Name, "type", p.Type, "need", need, "label", p.Label))
			if p.Default != nil {
				fmt.Fprintln(w, g.t("msg.clauses.default", "value", *p.Default))
			}
			if len(p.Choices) > 0 {
				fmt.Fprintln(w, g.t("msg.clauses.choices", "choices", strings.Join(p.Choices, ", ")))
			}
		}
	}
	if v.Text != "" {
		fmt.Fprintln(w, g.t("msg.clauses.text"))
		fmt.Fprintln(w, strings.TrimRight(v.Text, "\n"))
	}
}

// ---- man ----

// newMan is the hidden "ovk man DIR": one man page per command, written
// with cobra/doc, dated by the newest release (so the same ovk writes the
// same pages).
func newMan(g *global, cio IO) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  g.t("cli.man.short"),
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return err
			}
			date := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
			if cat, err := g.catalog(); err == nil {
				var newest []string
				for _, r := range cat.Releases() {
					newest = append(newest, r.Effective)
				}
				sort.Strings(newest)
				if len(newest) > 0 {
					if d, err := time.Parse("2006-01-02", newest[len(newest)-1]); err == nil {
						date = d
					}
				}
			}
			root := c.Root()
			root.DisableAutoGenTag = true
			hdr := &doc.GenManHeader{Title: "OVK", Section: "1", Source: "ovk " + ovk.Version(), Date: &date}
			return doc.GenManTree(root, hdr, args[0])
		},
	}
}

// ---- draft's arguments ----

// checkDraftArgs refuses what draft cannot do well: standard input named
// twice, one file name for several profiles, a binary file to a terminal.
func checkDraftArgs(o *draftOptions, f ovk.Format, multi bool) error {
	stdin := 0
	for _, p := range o.profiles {
		if p == "-" {
			stdin++
		}
	}
	if stdin > 1 {
		return usage(o.g.t("err.draft.stdin_twice"))
	}
	if len(o.profiles) > 1 && o.out != "" && o.out != "-" && !isDir(o.out) && filepath.Ext(o.out) != "" &&
		!strings.HasSuffix(o.out, "/") && !strings.HasSuffix(o.out, string(os.PathSeparator)) {
		return usage(o.g.t("err.draft.file_for_many", "out", o.out, "count", len(o.profiles)))
	}
	toStdout := o.out == "-" || (o.out == "" && f == ovk.Text)
	if !multi && toStdout && f != ovk.Text && isTerminal(o.io.Out) {
		return usage(o.g.t("err.draft.binary_terminal", "format", strings.ToUpper(ovk.Extension(f)[1:])))
	}
	return nil
}

// loadProfile reads the profile in file, or from standard input for "-".
func (o *draftOptions) loadProfile(file string) (*ovk.Profile, error) {
	if file != "-" {
		return ovk.LoadProfile(file)
	}
	src, err := io.ReadAll(o.io.In)
	if err != nil {
		return nil, err
	}
	return ovk.ParseProfile(o.g.t("msg.draft.stdin_name"), src, false)
}

// nonNegative refuses a negative value of any number or duration flag
// (--workers -1, --max-body -5, --deadline -1s): none of ovk's has a
// meaning below zero.
func nonNegative(g *global, c *cobra.Command) error {
	var err error
	c.Flags().VisitAll(func(f *pflag.Flag) {
		switch f.Value.Type() {
		case "int", "int64", "int32", "float64", "duration":
			if v := f.Value.String(); err == nil && f.Changed && strings.HasPrefix(v, "-") {
				err = usage(g.t("err.cli.flag_negative", "name", f.Name, "value", v) + "\n" +
					g.t("msg.cli.more_help", "cmd", c.CommandPath()))
			}
		}
	})
	return err
}

// listenError says why serve cannot listen on addr, and what to do.
func (g *global) listenError(addr string, err error) string {
	if errors.Is(err, syscall.EADDRINUSE) {
		return g.t("err.serve.addr_in_use", "addr", addr)
	}
	if errors.Is(err, syscall.EACCES) {
		return g.t("err.serve.addr_denied", "addr", addr)
	}
	return g.t("err.serve.listen", "addr", addr, "detail", g.describe(err))
}
