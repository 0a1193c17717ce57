package cli

import (
	"testing"

	"github.com/agii/ovk/internal/ovk"
)

// TestExitCodes: every error code of the application layer has its exit
// code in the one table.
func TestExitCodes(t *testing.T) {
	want := map[ovk.Code]int{
		ovk.Invalid:        2,
		ovk.Usage:          2,
		ovk.NotServed:      2,
		ovk.Merged:         2,
		ovk.UnknownRelease: 2,
		ovk.NotFound:       2,
		ovk.InvalidPDF:     2,
		ovk.IO:             2,
		ovk.System:         74,
		ovk.Canceled:       130,
		ovk.Deadline:       1,
		ovk.Internal:       1,
	}
	for _, code := range ovk.Codes {
		w, ok := want[code]
		if !ok {
			t.Errorf("code %s: no exit code expected by this test; add it", code)
			continue
		}
		if got := exitCode(&ovk.Error{Code: code}); got != w {
			t.Errorf("code %s: exit %d, want %d", code, got, w)
		}
	}
	if len(want) != len(ovk.Codes) {
		t.Errorf("the test knows %d codes, ovk has %d", len(want), len(ovk.Codes))
	}
}
