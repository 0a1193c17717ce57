// Package batch owns the renewal of many agreements at once: it drafts every
// municipality of a register under one library release on a bounded pool
// of workers, writes each PDF atomically, keeps a manifest (JSON and CSV)
// of what was drafted from which inputs, and on a rerun drafts only the
// agreements whose inputs changed. It also previews the impact of moving a
// register from one release to another (impact.go). It sits on top of the
// pipeline (package draft) and re-implements none of its stages.
package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sync"
	"time"

	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/ovk/errs"
	"github.com/agii/ovk/internal/profile"
	"github.com/agii/ovk/internal/register"
	"github.com/agii/ovk/internal/rules"
)

// Status is the outcome for one municipality.
type Status string

// The statuses of a manifest item.
const (
	OK        Status = "ok"         // the agreement is in File
	NotServed Status = "not-served" // AgII does not serve the municipality: no agreement, by design
	Merged    Status = "merged"     // the municipality no longer exists under the release: see MergedInto
	Failed    Status = "failed"     // the profile or row is wrong, or drafting failed: see Error
)

// The actions of a run on an OK item.
const (
	Drafted   = "drafted"   // drafted by this run
	Unchanged = "unchanged" // inputs and file as recorded: left alone
)

// The manifest files in the output folder.
const (
	ManifestJSON = "manifest.json"
	ManifestCSV  = "manifest.csv"
	// Schema names the manifest format.
	Schema = "ovk-batch/1"
)

// Item is one municipality in the manifest.
type Item struct {
	NIS    string `json:"nis"`
	Name   string `json:"name"`
	Source string `json:"source"`
	Status Status `json:"status"`
	Action string `json:"action,omitempty"`
	// File is the agreement's file name in the output folder, with its SHA-256.
	File   string `json:"file,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
	// Library and Release identify the clause library release drafted under.
	Library string `json:"library"`
	Release string `json:"release"`
	// Clauses is the clause set of the agreement: "id@version" in document order.
	Clauses []string `json:"clauses,omitempty"`
	// Key is the SHA-256 of every input of the agreement (see Key).
	Key string `json:"key,omitempty"`
	// MergedInto names the municipality that replaced a merged one: "73111 Tongeren-Borgloon".
	MergedInto string `json:"merged_into,omitempty"`
	Error      string `json:"error,omitempty"`

	// Err is the error behind Error (not in the manifest).
	Err error `json:"-"`
	// Internal marks a failure that is not the input's fault (a write error, a crash).
	Internal bool `json:"-"`
}

// Counts sums up a manifest.
type Counts struct {
	Total     int `json:"total"`
	OK        int `json:"ok"`
	Drafted   int `json:"drafted"`
	Unchanged int `json:"unchanged"`
	NotServed int `json:"not_served"`
	Merged    int `json:"merged"`
	Failed    int `json:"failed"`
}

// Manifest records a batch: per municipality what was drafted, into which
// file, from which inputs. A manifest on disk is always whole; one written
// while a batch runs lists only the items finished so far.
type Manifest struct {
	Schema  string `json:"schema"`
	Tool    string `json:"tool_version"`
	Library string `json:"library"`
	Release string `json:"release"`
	// Draft says the release is not approved: a draft run (ovk batch
	// --ontwerp), every page marked ONTWERP.
	Draft    bool   `json:"ontwerp,omitempty"`
	Register string `json:"register"`
	Base     string `json:"base,omitempty"`
	Complete bool   `json:"complete"`
	Counts   Counts `json:"counts"`
	Items    []Item `json:"items"`
}

// Options configure a batch.
type Options struct {
	Drafter  *draft.Drafter
	Register *register.Register
	// Out is the output folder; it is created if needed.
	Out string
	// Force drafts every agreement, changed or not.
	Force bool
	// Workers bounds the agreements drafted at once (0: runtime.GOMAXPROCS).
	Workers int
	// Describe turns an error into the text the manifest records (default:
	// err.Error()); the CLI passes one that speaks the user's language.
	Describe func(error) string
	// OnItem is called once per municipality as it finishes, from a single
	// goroutine, with the number finished so far and the total.
	OnItem func(it *Item, done, total int)
	// FlushEvery is how often the manifest is rewritten while the batch
	// runs (0: every 200 ms).
	FlushEvery time.Duration
}

// Run drafts every municipality of the register. It returns the final
// manifest, also written to Out, and an error only when the batch as a
// whole could not run (the output folder cannot be written) or was
// cancelled through ctx; a municipality that fails is a Failed item.
func Run(ctx context.Context, o Options) (*Manifest, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Describe == nil {
		o.Describe = func(err error) string { return err.Error() }
	}
	if o.FlushEvery <= 0 {
		o.FlushEvery = 200 * time.Millisecond
	}
	if err := prepareOut(o.Out); err != nil {
		return nil, err
	}
	b := &run{o: o, lib: o.Drafter.Lib, old: readOld(o.Out)}
	entries := o.Register.Entries
	b.items = make([]Item, len(entries))
	b.prepared = make([]*draft.Result, len(entries))
	b.done = make([]bool, len(entries))

	// Phase 1: decide for every entry, in parallel, whether it needs
	// drafting. Whatever is decided is final; the manifest written after
	// this phase drops every stale record of an agreement about to be
	// redrafted, so a crash in phase 2 never leaves a record that no longer
	// matches its file.
	pending := make([]bool, len(entries))
	parallel(ctx, o.Workers, len(entries), func(i int) { pending[i] = b.decide(i, entries[i]) })
	results := make(chan int, len(entries)+1) // never blocks a worker on the collector
	var collect sync.WaitGroup
	collect.Add(1)
	var flushErr error
	b.flushed.Add(1)
	go func() {
		defer collect.Done()
		flushErr = b.collect(results)
	}()
	var todo []int
	for i := range entries {
		if ctx.Err() != nil {
			break
		}
		if !pending[i] {
			results <- i
		} else {
			todo = append(todo, i)
		}
	}
	results <- -1 // flush now, before any file is replaced
	b.flushed.Wait()

	// Phase 2: draft what needs drafting. Rendering is CPU-bound and runs
	// on Workers goroutines; writing runs on writers of its own, so that a
	// core never idles on the disk. The channel bounds the PDFs held in
	// memory.
	writes := make(chan written, o.Workers)
	var writers sync.WaitGroup
	for w := 0; w < ioWriters; w++ {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for wr := range writes {
				b.write1(wr)
				results <- wr.i
			}
		}()
	}
	parallel(ctx, o.Workers, len(todo), func(k int) {
		i := todo[k]
		if data := b.draft(i, entries[i]); data != nil {
			writes <- written{i, data}
		} else {
			results <- i
		}
	})
	close(writes)
	writers.Wait()
	close(results)
	collect.Wait()
	m := b.manifest(true)
	if ctx.Err() != nil {
		m.Complete = false
	}
	if err := b.write(m); err != nil {
		return m, &ManifestError{Err: err}
	}
	if flushErr != nil {
		return m, flushErr
	}
	return m, ctx.Err()
}

// ManifestError is Run's error when the final manifest could not be
// written (a full disk, say): whatever manifest is on disk is not this
// run's, and nobody may say it is.
type ManifestError struct{ Err error }

func (e *ManifestError) Error() string { return "manifest not written: " + e.Err.Error() }

func (e *ManifestError) Unwrap() error { return e.Err }

// run is the state of one batch.
type run struct {
	o   Options
	lib *library.Library
	old map[string]Item
	// prepared holds the assembled agreement of each entry that phase 1
	// found to need drafting, until phase 2 renders it.
	prepared []*draft.Result

	mu      sync.Mutex // guards items, done and unsynced
	items   []Item
	done    []bool
	flushed sync.WaitGroup
	writeMu sync.Mutex
	// unsynced lists the files written since the last sync: a manifest
	// lists a file only after it was made durable (see write).
	unsynced []string
}

// parallel calls f(0..n-1) on a pool of workers goroutines, stopping
// early when ctx is cancelled. A panic in f (a bug in a stage) is f's to
// recover.
func parallel(ctx context.Context, workers, n int, f func(int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers && w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
}

// decide fills in the outcome of entry i that needs no rendering and
// reports whether the entry still needs drafting.
func (b *run) decide(i int, e *register.Entry) (pending bool) {
	it := &b.items[i]
	*it = Item{NIS: e.NIS, Name: e.Name, Source: e.Source, Library: b.lib.ID, Release: b.lib.Version}
	defer func() {
		if r := recover(); r != nil {
			b.fail(it, fmt.Errorf("%v", r), true)
			pending = false
		}
	}()
	if e.Err != nil {
		b.fail(it, e.Err, false)
		return false
	}
	res, err := b.o.Drafter.Prepare(e.Profile)
	if err != nil {
		b.outcome(it, err)
		return false
	}
	it.File = FileName(e.Profile)
	it.Clauses = clauseSet(res.Selection)
	if it.Key, err = key(res.Doc, it.File); err != nil {
		b.fail(it, err, true)
		return false
	}
	b.prepared[i] = res
	if b.o.Force {
		return true
	}
	prev, ok := b.old[it.NIS]
	if !ok || prev.Status != OK || prev.Key != it.Key || prev.File != it.File || prev.SHA256 == "" {
		return true
	}
	if sum, err := fileSHA256(filepath.Join(b.o.Out, prev.File)); err != nil || sum != prev.SHA256 {
		return true
	}
	*it = prev
	it.Source, it.Action = e.Source, Unchanged
	b.prepared[i] = nil
	return false
}

// ioWriters is the number of goroutines writing PDFs; with the fsync left
// to the manifest writes, a write only copies into the page cache.
const ioWriters = 2

// written is a rendered agreement on its way to disk.
type written struct {
	i    int
	data []byte
}

// draft drafts entry i and returns its PDF, or nil when it failed (the
// item says why).
func (b *run) draft(i int, e *register.Entry) (data []byte) {
	it := &b.items[i]
	defer func() {
		if r := recover(); r != nil {
			b.fail(it, fmt.Errorf("%v", r), true)
			data = nil
		}
	}()
	res := b.prepared[i]
	b.prepared[i] = nil // rendered once; let it go
	data, err := draft.Bytes(res.Doc, draft.PDF)
	if err != nil {
		b.fail(it, err, !isInput(err))
		return nil
	}
	return data
}

// write1 writes a rendered agreement atomically and records it.
func (b *run) write1(wr written) {
	it := &b.items[wr.i]
	// Not synced here: write syncs every file written so far at once,
	// before a manifest lists them.
	if err := writePDF(filepath.Join(b.o.Out, it.File), wr.data, 0o644); err != nil {
		b.fail(it, err, true)
		return
	}
	sum := sha256.Sum256(wr.data)
	it.SHA256 = hex.EncodeToString(sum[:])
	it.Status, it.Action = OK, Drafted
	b.mu.Lock()
	b.unsynced = append(b.unsynced, it.File)
	b.mu.Unlock()
}

// outcome records a municipality that cannot get an agreement.
func (b *run) outcome(it *Item, err error) { classify(it, err, b.o.Describe) }

// classify records why a municipality gets no agreement: not served,
// merged, or failed (an input problem, or internal when it is not one).
// The codes come from the one classification of errors (package errs).
func classify(it *Item, err error, describe func(error) string) {
	it.File, it.Clauses, it.Key, it.SHA256, it.Action = "", nil, "", "", ""
	it.Err, it.Error = err, describe(err)
	switch e := errs.As(err); e.Code {
	case errs.NotServed:
		it.Status = NotServed
	case errs.Merged:
		it.Status = Merged
		it.MergedInto = fmt.Sprint(e.Args["into_nis"], " ", e.Args["into"])
	default:
		it.Status, it.Internal = Failed, !isInput(err)
	}
}

func (b *run) fail(it *Item, err error, internal bool) {
	classify(it, err, b.o.Describe)
	it.Status, it.Internal = Failed, internal
}

func isInput(err error) bool { return errs.Of(err) == errs.Invalid }

// collect receives finished item indexes (-1: write the manifest now and
// signal flushed), reports them and rewrites the manifest now and then.
func (b *run) collect(results <-chan int) error {
	total := len(b.items)
	n := 0
	dirty := false
	var firstErr error
	flush := func() {
		if err := b.write(b.manifest(false)); err != nil && firstErr == nil {
			firstErr = err
		}
		dirty = false
	}
	tick := time.NewTicker(b.o.FlushEvery)
	defer tick.Stop()
	for {
		select {
		case i, ok := <-results:
			if !ok {
				return firstErr
			}
			if i < 0 {
				flush()
				b.flushed.Done()
				continue
			}
			b.mu.Lock()
			b.done[i] = true
			b.mu.Unlock()
			n++
			dirty = true
			if b.o.OnItem != nil {
				b.o.OnItem(&b.items[i], n, total)
			}
		case <-tick.C:
			if dirty {
				flush()
			}
		}
	}
}

// manifest builds the manifest of the items finished so far (all, when
// final), in register order.
func (b *run) manifest(final bool) *Manifest {
	m := &Manifest{Schema: Schema, Tool: draft.Version, Library: b.lib.ID, Release: b.lib.Version, Draft: !b.lib.Approved(),
		Register: b.o.Register.Name, Base: b.o.Register.Base, Complete: final, Items: []Item{}}
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range b.items {
		if !final && !b.done[i] || b.items[i].Status == "" {
			continue
		}
		m.Items = append(m.Items, b.items[i])
	}
	m.Counts = count(m.Items)
	return m
}

func count(items []Item) Counts {
	c := Counts{Total: len(items)}
	for _, it := range items {
		switch it.Status {
		case OK:
			c.OK++
			if it.Action == Unchanged {
				c.Unchanged++
			} else {
				c.Drafted++
			}
		case NotServed:
			c.NotServed++
		case Merged:
			c.Merged++
		case Failed:
			c.Failed++
		}
	}
	return c
}

// write writes the manifest atomically, CSV first: the JSON is what a
// rerun reads, so it is replaced last. Before it, one sync makes durable
// every PDF written so far, which includes every PDF m lists (an item is
// done only after its file was written), so that after a power loss the
// manifest on disk never lists a file that is not.
func (b *run) write(m *Manifest) error {
	b.writeMu.Lock()
	defer b.writeMu.Unlock()
	b.mu.Lock()
	files := b.unsynced
	b.unsynced = nil
	b.mu.Unlock()
	if err := syncFiles(b.o.Out, files); err != nil {
		b.mu.Lock()
		b.unsynced = append(files, b.unsynced...) // the next write tries again
		b.mu.Unlock()
		return err
	}
	var csvBuf bytes.Buffer
	if err := m.WriteCSV(&csvBuf); err != nil {
		return err
	}
	if err := writeManifest(filepath.Join(b.o.Out, ManifestCSV), csvBuf.Bytes(), 0o644); err != nil {
		return err
	}
	js, err := m.JSON()
	if err != nil {
		return err
	}
	return writeManifest(filepath.Join(b.o.Out, ManifestJSON), js, 0o644)
}

// writePDF and writeManifest write files atomically; a test replaces them
// with writers that fail as a full disk does.
var writePDF, writeManifest = fsutil.WriteFileNoSync, fsutil.WriteFile

// syncFiles makes written files durable; a test replaces it to check when
// it is called.
var syncFiles = fsutil.SyncFiles

// FileName is the output file of a profile's agreement: "23060-opwijk.pdf".
func FileName(p *profile.Profile) string {
	return p.Municipality.NIS + "-" + register.Slug(p.Municipality.Name) + ".pdf"
}

func clauseSet(sel *rules.Selection) []string {
	var out []string
	for _, d := range sel.Decisions {
		if d.In {
			out = append(out, fmt.Sprintf("%s@%d", d.Clause.ID, d.Clause.Version))
		}
	}
	return out
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// tempRE matches the temporary files of fsutil.WriteFile: ".NAME.123.tmp".
var tempRE = regexp.MustCompile(`^\..+\.(pdf|json|csv)\.[0-9]+\.tmp$`)

// prepareOut creates the output folder, checks that it can be written and
// removes temporary files a killed run left behind.
func prepareOut(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	probe, err := os.CreateTemp(dir, ".ovk-write-check-*")
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return &os.PathError{Op: "write", Path: dir, Err: pe.Err}
		}
		return err
	}
	probe.Close()
	os.Remove(probe.Name())
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() && (tempRE.MatchString(e.Name()) || len(e.Name()) > 18 && e.Name()[:18] == ".ovk-write-check-") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

// readOld reads the manifest of a previous run, by NIS; a missing or
// unreadable one means that everything is drafted.
func readOld(dir string) map[string]Item {
	m, err := ReadManifest(filepath.Join(dir, ManifestJSON))
	if err != nil {
		return nil
	}
	out := make(map[string]Item, len(m.Items))
	for _, it := range m.Items {
		out[it.NIS] = it
	}
	return out
}

// Classify sets the status, merged-into and error of it as a run does for
// the error of drafting its municipality (impact previews use it too).
func Classify(it *Item, err error, describe func(error) string) { classify(it, err, describe) }

// Parallel calls f(0) … f(n-1) on at most workers goroutines, and stops
// handing out work when ctx is done.
func Parallel(ctx context.Context, workers, n int, f func(int)) { parallel(ctx, workers, n, f) }
