package batch

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/agii/ovk/internal/ovk/errs"
)

// TestFullDisk: with a disk that fills up while the batch runs (writers
// failing with ENOSPC), every PDF that could not be written is a failed
// item with a system error, the final manifest's failure is Run's error
// (a *ManifestError, classified as a system error, not as input), and the
// manifest on disk is the early one, which says it is incomplete.
func TestFullDisk(t *testing.T) {
	const n = 6
	out := t.TempDir()
	d, reg := openRelease(t, "2025.1"), benchRegister(t, n)
	realPDF, realManifest := writePDF, writeManifest
	t.Cleanup(func() { writePDF, writeManifest = realPDF, realManifest })
	var mu sync.Mutex
	pdfs, manifests := 0, 0
	full := func(path string) error { return &fs.PathError{Op: "write", Path: path, Err: syscall.ENOSPC} }
	writePDF = func(path string, data []byte, perm fs.FileMode) error {
		mu.Lock()
		defer mu.Unlock()
		if pdfs++; pdfs > 2 {
			return full(path)
		}
		return realPDF(path, data, perm)
	}
	writeManifest = func(path string, data []byte, perm fs.FileMode) error {
		mu.Lock()
		defer mu.Unlock()
		if manifests++; manifests > 2 { // the phase-1 CSV and JSON get through
			return full(path)
		}
		return realManifest(path, data, perm)
	}
	m, err := Run(context.Background(), Options{Drafter: d, Register: reg, Out: out, Force: true, FlushEvery: time.Hour})
	var me *ManifestError
	if !errors.As(err, &me) {
		t.Fatalf("got %v, want a *ManifestError", err)
	}
	if code := errs.Of(err); code != errs.System {
		t.Errorf("the manifest's failure is %s, want %s", code, errs.System)
	}
	failed := 0
	for _, it := range m.Items {
		if it.Status != Failed {
			continue
		}
		failed++
		if !it.Internal || errs.Of(it.Err) != errs.System {
			t.Errorf("%s: failed as internal=%v %s, want a system error", it.NIS, it.Internal, errs.Of(it.Err))
		}
	}
	if failed != n-2 {
		t.Errorf("%d items failed, want %d", failed, n-2)
	}
	onDisk, err := ReadManifest(filepath.Join(out, ManifestJSON))
	if err != nil {
		t.Fatal(err)
	}
	if onDisk.Complete {
		t.Error("the manifest on disk says it is complete although the final one was never written")
	}
}
