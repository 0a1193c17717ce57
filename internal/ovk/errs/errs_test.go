package errs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/rules"
)

// TestErrorCode: every typed error of the stages and of the system gets
// its code in one place, also when wrapped.
func TestOf(t *testing.T) {
	list := diag.List{{File: "p.toml", Line: 3, Col: 1, Key: "gemeente.nis", ID: "err.nis.invalid", Args: diag.A("nis", "1")}}
	merged := &rules.MergedError{NIS: "73009", Name: "Borgloon",
		Into: library.Merger{NIS: "73111", Name: "Tongeren-Borgloon", Since: nlfmt.Date{Year: 2025, Month: 1, Day: 1}}}
	for _, tc := range []struct {
		err  error
		want Code
		nl   string // part of the Dutch message
	}{
		{list, Invalid, "p.toml:3:1: gemeente.nis: "},
		{fmt.Errorf("profile: %w", list), Invalid, "p.toml:3:1"},
		{&rules.NotServedError{NIS: "11002", Name: "Antwerpen", Reason: "eigen beleid"}, NotServed, "11002 Antwerpen wordt niet door het AgII bediend"},
		{merged, Merged, "Stel de overeenkomst op voor Tongeren-Borgloon"},
		{&Error{Code: UnknownRelease, ID: "err.release.unknown", Args: diag.A("name", "1999", "known", "2020.1, 2025.1")},
			UnknownRelease, "onbekende release 1999; beschikbaar: 2020.1, 2025.1"},
		{Usagef("geef --from"), Usage, "geef --from"},
		{&fs.PathError{Op: "open", Path: "x.toml", Err: fs.ErrNotExist}, IO, "x.toml: bestand of map bestaat niet"},
		{fmt.Errorf("read: %w", &fs.PathError{Op: "open", Path: "y", Err: fs.ErrPermission}), System, "y: geen toegang (een fout van het systeem"},
		{&fs.PathError{Op: "write", Path: "out/a.pdf", Err: syscall.ENOSPC}, System, "out/a.pdf: geen plaats meer op de schijf"},
		{fmt.Errorf("x: %w", syscall.EIO), System, "input/output error (een fout van het systeem"},
		{&fs.PathError{Op: "open", Path: "d", Err: syscall.EISDIR}, IO, "d: is een map, geen bestand"},
		{context.Canceled, Canceled, "onderbroken"},
		{fmt.Errorf("batch: %w", context.DeadlineExceeded), Deadline, "langer"},
		{errors.New("boom"), Internal, "interne fout: boom"},
		{&Error{Code: InvalidPDF, ID: "err.pdf.no_manifest", Args: diag.A("file", "a.pdf")}, InvalidPDF, "a.pdf"},
	} {
		if got := Of(tc.err); got != tc.want {
			t.Errorf("Of(%v) = %s, want %s", tc.err, got, tc.want)
		}
		if msg := Describe(tc.err, l10n.For("nl").T); !strings.Contains(msg, tc.nl) {
			t.Errorf("Describe(%v) = %q, want it to contain %q", tc.err, msg, tc.nl)
		}
	}
	if Of(nil) != "" {
		t.Error("nil has a code")
	}
}
