package ovk

import (
	"strings"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/ovk/errs"
)

// Code classifies an error for the front ends (see package errs).
type Code = errs.Code

// Error is an error of the application layer: a code, a message (id and
// arguments, translated by the front end) and the problems behind it.
type Error = errs.Error

// The error codes.
const (
	Invalid        = errs.Invalid
	Usage          = errs.Usage
	NotServed      = errs.NotServed
	Merged         = errs.Merged
	UnknownRelease = errs.UnknownRelease
	NotFound       = errs.NotFound
	InvalidPDF     = errs.InvalidPDF
	IO             = errs.IO
	System         = errs.System
	Canceled       = errs.Canceled
	Deadline       = errs.Deadline
	Internal       = errs.Internal
)

// Codes lists every code, for the front ends' table tests.
var Codes = errs.Codes

// ErrorCode returns the code of err; Internal for an error nobody knows.
func ErrorCode(err error) Code { return errs.Of(err) }

// AsError classifies err (see errs.As).
func AsError(err error) *Error { return errs.As(err) }

// Describe puts err into words: every problem on a line of its own, or the
// message when there are none.
func Describe(err error, t diag.Translator) string { return errs.Describe(err, t) }

// ErrnoText is the system's reason for a file error in the language of t.
func ErrnoText(err error, t diag.Translator) string { return errs.ErrnoText(err, t) }

// Usagef is a Usage error whose message is already in words.
func Usagef(format string, args ...any) *Error { return errs.Usagef(format, args...) }

func usage(id string, kv ...any) *Error { return errs.UsageError(id, kv...) }

func joinNames(names []string) string { return strings.Join(names, ", ") }

// errUnknownRelease names the release asked for and those there are.
func errUnknownRelease(name string, known []string) *Error {
	args := diag.A("name", name, "known", joinNames(known))
	return &Error{Code: UnknownRelease, ID: "err.release.unknown", Args: args,
		Problems: diag.List{{Key: "release", ID: "err.release.unknown", Args: args}}}
}

// refusal points a refusal of the municipality (not served, merged) at
// gemeente.nis of the profile it is about.
func refusal(p *Profile, err error) error {
	e := AsError(err)
	if p == nil || (e.Code != NotServed && e.Code != Merged) || len(e.Problems) > 0 {
		return err
	}
	c := *e
	c.Problems = diag.List{p.Problem("gemeente.nis", e.ID, e.Args)}
	return &c
}
