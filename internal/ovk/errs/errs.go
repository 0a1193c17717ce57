// Package errs is the one classification of ovk's errors: one Error type
// with a Code, and As, which knows the typed errors of the stages
// (diag.List, rules.NotServedError, rules.MergedError) and of the system
// (file errors, cancellation). It is a leaf, so that the batch (below the
// application layer) and the application layer (package ovk, which
// re-exports it) classify alike; the command line's exit codes and the HTTP
// API's statuses are derived from the Code, each in one table.
package errs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/rules"
)

// Code classifies an error for the front ends: the command line derives
// its exit code from it, the HTTP API its status, each in one table.
type Code string

// The error codes.
const (
	// Invalid: the input (a profile, a register, a library, a request) has
	// problems; Problems lists every one with its position.
	Invalid Code = "invalid"
	// Usage: the command or request is put together wrongly (a missing
	// flag, an unknown format); nothing is wrong with any file.
	Usage Code = "usage"
	// NotServed: AgII does not serve the municipality; no agreement.
	NotServed Code = "not_served"
	// Merged: the municipality merged into another under the release.
	Merged Code = "merged"
	// UnknownRelease: no release has the name asked for.
	UnknownRelease Code = "unknown_release"
	// NotFound: no release has the clause asked for.
	NotFound Code = "not_found"
	// InvalidPDF: a PDF is not one ovk drafted, or it is damaged.
	InvalidPDF Code = "invalid_pdf"
	// IO: a file cannot be read or written because of what the user named
	// (no such file, a folder, not a regular file).
	IO Code = "io"
	// System: the system refused (a full disk, no permission, a read-only
	// or failing device, too many open files); nothing is wrong with the
	// input, and a script must not take it for an input error.
	System Code = "system"
	// Canceled: the caller stopped the operation (Ctrl-C, a client gone).
	Canceled Code = "canceled"
	// Deadline: the operation ran past its deadline.
	Deadline Code = "deadline"
	// Internal: anything else; a bug or a broken environment.
	Internal Code = "internal"
)

// Codes lists every code, for the front ends' table tests.
var Codes = []Code{Invalid, Usage, NotServed, Merged, UnknownRelease, NotFound, InvalidPDF, IO, System, Canceled, Deadline, Internal}

// Error is an error of the application layer: a code, a message (id and
// arguments, translated by the front end) and the problems behind it.
type Error struct {
	Code Code
	// ID and Args are the message, e.g. "err.merged" with the merger's names.
	ID   string
	Args map[string]any
	// Problems are the problems behind the error, each with its position;
	// empty when the message says it all.
	Problems diag.List
	// Err is the cause, if any.
	Err error
}

func (e *Error) Error() string {
	s := string(e.Code)
	if e.ID != "" {
		s += ": " + diag.Untranslated(e.ID, e.Args)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Message is the error's one-line message in the language of t.
func (e *Error) Message(t diag.Translator) string {
	var pe *fs.PathError
	if (e.Code == IO || e.Code == System) && errors.As(e.Err, &pe) {
		return t(e.ID, diag.A("path", pe.Path, "detail", ErrnoText(pe.Err, t)))
	}
	return t(e.ID, e.Args)
}

// ErrnoText is the system's reason for a file error in the language of t.
func ErrnoText(err error, t diag.Translator) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t("err.errno.not_exist", nil)
	case errors.Is(err, fs.ErrPermission):
		return t("err.errno.permission", nil)
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return t("err.errno.no_space", nil)
	case errors.Is(err, syscall.EISDIR):
		return t("err.errno.is_dir", nil)
	case errors.Is(err, syscall.ENOTDIR):
		return t("err.errno.not_dir", nil)
	case errors.Is(err, syscall.EROFS):
		return t("err.errno.read_only", nil)
	case errors.Is(err, syscall.EADDRINUSE):
		return t("err.errno.addr_in_use", nil)
	}
	var (
		nr   *fsutil.NotRegularError
		size *fsutil.SizeError
	)
	switch {
	case errors.As(err, &nr):
		return t(notRegular[nr.Kind], nil)
	case errors.As(err, &size):
		return t("err.errno.too_large", diag.A("size", size.Size, "limit", size.Limit))
	}
	return err.Error()
}

// Describe puts err into words: every problem on a line of its own, or the
// message when there are none. Batch manifests and impact reports record
// it; the command line prints it.
func Describe(err error, t diag.Translator) string {
	e := As(err)
	if e.Code != Invalid && (len(e.Problems) == 0 || e.Problems[0].File == "") {
		return e.Message(t)
	}
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.Format(t)
	}
	return strings.Join(lines, "\n")
}

// Of returns the code of err; Internal for an error nobody knows.
func Of(err error) Code {
	if err == nil {
		return ""
	}
	return As(err).Code
}

// As classifies err: the one place that knows the typed errors of the
// stages (diag.List, rules.NotServedError, rules.MergedError) and of the
// system (file errors, cancellation).
func As(err error) *Error {
	var (
		e      *Error
		list   diag.List
		ns     *rules.NotServedError
		merged *rules.MergedError
		pe     *fs.PathError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &e):
		return e
	case errors.As(err, &list):
		return &Error{Code: Invalid, ID: "err.count", Args: diag.A("count", len(list)), Problems: list, Err: err}
	case errors.As(err, &ns):
		return &Error{Code: NotServed, ID: ns.MessageID(), Args: ns.Args(), Err: err}
	case errors.As(err, &merged):
		return &Error{Code: Merged, ID: merged.MessageID(), Args: merged.Args(), Err: err}
	case errors.Is(err, context.Canceled):
		return &Error{Code: Canceled, ID: "err.canceled", Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Code: Deadline, ID: "err.deadline", Err: err}
	case isSystem(err):
		detail := err.Error()
		if errors.As(err, &pe) {
			detail = pe.Err.Error()
		}
		return &Error{Code: System, ID: "err.system", Args: diag.A("detail", detail), Err: err}
	case errors.As(err, &pe):
		return &Error{Code: IO, ID: "err.file", Args: diag.A("path", pe.Path, "detail", pe.Err.Error()), Err: err}
	}
	return &Error{Code: Internal, ID: "err.internal", Args: diag.A("detail", err.Error()), Err: err}
}

// notRegular is the message of each kind of file that is not a regular one.
var notRegular = map[string]string{"folder": "err.errno.not_regular.folder", "pipe": "err.errno.not_regular.pipe",
	"device": "err.errno.not_regular.device", "socket": "err.errno.not_regular.socket", "other": "err.errno.not_regular.other"}

// systemErrnos are the errors of the system rather than of the input: the
// disk is full, access is denied, the device fails or is read-only, the
// process is out of file descriptors or memory.
var systemErrnos = []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EACCES, syscall.EPERM,
	syscall.EIO, syscall.EROFS, syscall.EMFILE, syscall.ENFILE, syscall.ENOMEM}

// isSystem reports whether err comes from the system refusing (see
// systemErrnos), whatever wraps it.
func isSystem(err error) bool {
	var no syscall.Errno
	if errors.Is(err, fs.ErrPermission) {
		return true
	}
	if !errors.As(err, &no) {
		return false
	}
	for _, s := range systemErrnos {
		if no == s {
			return true
		}
	}
	return false
}

// UsageError returns a Usage error with message id and its arguments.
func UsageError(id string, kv ...any) *Error { return &Error{Code: Usage, ID: id, Args: diag.A(kv...)} }

// Usagef is a Usage error whose message is already in words (a flag
// parser's, say).
func Usagef(format string, args ...any) *Error {
	return &Error{Code: Usage, ID: "err.usage", Args: diag.A("detail", fmt.Sprintf(format, args...))}
}

// SchemaError is the schema id of an error's JSON form.
const SchemaError = "ovk-error/1"

// ErrorView is the JSON form of an error ("--json" on the command line;
// the HTTP API's error body adds its request id).
type ErrorView struct {
	Schema  string        `json:"schema"`
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Details []ProblemView `json:"details,omitempty"`
}

// ProblemView is one problem behind an error: the field (a key path such
// as "gemeente.nis"), its file, line and column when known, the message id
// as code, and the message.
type ProblemView struct {
	Field   string `json:"field,omitempty"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// View is the JSON form of the error in the language of t.
func (e *Error) View(t diag.Translator) ErrorView {
	v := ErrorView{Schema: SchemaError, Code: string(e.Code), Message: e.Message(t)}
	for _, p := range e.Problems {
		msg := t(p.ID, p.Args)
		if p.Detail != "" {
			msg += ": " + p.Detail
		}
		v.Details = append(v.Details, ProblemView{Field: p.Key, File: p.File, Line: p.Line, Column: p.Col, Code: p.ID, Message: msg})
	}
	return v
}
