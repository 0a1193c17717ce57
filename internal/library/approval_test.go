package library_test

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

// approvalLines are testlib.Header's approval, replaced in the cases below.
const approvalLines = "status = \"goedgekeurd\"\ngoedgekeurd_door = \"testraad\"\ngoedgekeurd_op = 2024-12-01\nbesluit = \"testbesluit\"\n"

func loadHeader(t *testing.T, approval string) (*library.Library, diag.List) {
	t.Helper()
	if !strings.Contains(testlib.Header, approvalLines) {
		t.Fatal("testlib.Header no longer has the approval lines this test replaces")
	}
	h := strings.Replace(testlib.Header, approvalLines, approval, 1)
	lib, err := library.Load(testlib.FS(map[string]string{"library.toml": h}), "lib")
	var list diag.List
	if err != nil && !errors.As(err, &list) {
		t.Fatal(err)
	}
	return lib, list
}

func TestReleaseApproval(t *testing.T) {
	lib, list := loadHeader(t, approvalLines)
	if len(list) != 0 || !lib.Approved() || lib.ApprovedBy != "testraad" || lib.ApprovedOn.ISO() != "2024-12-01" || lib.Decision != "testbesluit" {
		t.Fatalf("approved release: %+v %v", lib, list)
	}
	lib, list = loadHeader(t, "status = \"ontwerp\"\n")
	if len(list) != 0 || lib.Approved() || lib.Status != library.Draft || lib.ApprovedBy != "" {
		t.Fatalf("draft release: %v", list)
	}
	for _, c := range []struct {
		name, approval, key, id string
	}{
		{"no status", "goedgekeurd_door = \"raad\"\n", "status", "err.key.required"},
		{"unknown status", "status = \"klaar\"\n", "status", "err.release.status"},
		{"approved without decision", "status = \"goedgekeurd\"\ngoedgekeurd_door = \"raad\"\ngoedgekeurd_op = 2024-12-01\n", "besluit", "err.release.approval_missing"},
		{"approved without date", "status = \"goedgekeurd\"\ngoedgekeurd_door = \"raad\"\nbesluit = \"b\"\n", "goedgekeurd_op", "err.release.approval_missing"},
		{"approved before it was drawn up", "status = \"goedgekeurd\"\nopgesteld_op = 2024-12-02\ngoedgekeurd_door = \"raad\"\ngoedgekeurd_op = 2024-12-01\nbesluit = \"b\"\n",
			"goedgekeurd_op", "err.release.approved_before_drafted"},
		{"draft with a decision", "status = \"ontwerp\"\nbesluit = \"b\"\n", "besluit", "err.release.draft_approval"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, list := loadHeader(t, c.approval)
			for _, p := range list {
				if p.Key == c.key && p.ID == c.id {
					if p.Line == 0 && c.id != "err.key.required" && c.id != "err.release.approval_missing" {
						t.Errorf("%s has no line", p.ID)
					}
					return
				}
			}
			t.Errorf("want %s: %s, got %v", c.key, c.id, list)
		})
	}
	// Approved on the day it was drawn up is fine.
	if _, list := loadHeader(t, "status = \"goedgekeurd\"\nopgesteld_op = 2024-12-01\ngoedgekeurd_door = \"raad\"\ngoedgekeurd_op = 2024-12-01\nbesluit = \"b\"\n"); len(list) != 0 {
		t.Errorf("same day: %v", list)
	}
}

// TestShippedApprovals: the history releases are approved, 2026.1 is a
// draft until AgII's board approves it.
func TestShippedApprovals(t *testing.T) {
	for rel, approved := range map[string]bool{"2020.1": true, "2025.1": true, "2026.1": false} {
		sub, err := fs.Sub(clauses.FS, rel)
		if err != nil {
			t.Fatal(err)
		}
		lib, err := library.Load(sub, "clauses/"+rel)
		if err != nil {
			t.Fatal(err)
		}
		if lib.Approved() != approved || (approved && lib.Decision == "") {
			t.Errorf("%s: status %s, decision %q", rel, lib.Status, lib.Decision)
		}
	}
}
