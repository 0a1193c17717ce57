package httpapi

import (
	"net/http"
	"testing"

	"github.com/agii/ovk/internal/ovk"
)

// TestStatuses: every error code of the application layer has its HTTP
// status and body code in the one table.
func TestStatuses(t *testing.T) {
	want := map[ovk.Code]struct {
		status int
		code   string
	}{
		ovk.Invalid:        {http.StatusUnprocessableEntity, CodeInvalidProfile},
		ovk.Usage:          {http.StatusUnprocessableEntity, CodeInvalidRequest},
		ovk.NotServed:      {http.StatusUnprocessableEntity, CodeNotServed},
		ovk.Merged:         {http.StatusUnprocessableEntity, CodeMerged},
		ovk.UnknownRelease: {http.StatusBadRequest, CodeUnknownRelease},
		ovk.NotFound:       {http.StatusNotFound, CodeClauseNotFound},
		ovk.InvalidPDF:     {http.StatusUnprocessableEntity, CodeInvalidPDF},
		ovk.IO:             {http.StatusInternalServerError, CodeInternal},
		ovk.System:         {http.StatusInternalServerError, CodeInternal},
		ovk.Canceled:       {statusClientClosed, CodeClientClosed},
		ovk.Deadline:       {http.StatusServiceUnavailable, CodeDeadline},
		ovk.Internal:       {http.StatusInternalServerError, CodeInternal},
	}
	for _, code := range ovk.Codes {
		w, ok := want[code]
		if !ok {
			t.Errorf("code %s: no status expected by this test; add it", code)
			continue
		}
		ae := classify(&ovk.Error{Code: code, ID: "err.internal"})
		if ae.status != w.status || ae.code != w.code {
			t.Errorf("code %s: %d %s, want %d %s", code, ae.status, ae.code, w.status, w.code)
		}
	}
	if len(want) != len(ovk.Codes) {
		t.Errorf("the test knows %d codes, ovk has %d", len(want), len(ovk.Codes))
	}
}
