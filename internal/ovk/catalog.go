package ovk

import (
	"github.com/agii/ovk/internal/fsutil"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/agii/ovk/clauses"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/nlfmt"
)

// Source is where library releases come from: the embedded clauses/, or a
// folder given with --library (a release folder, or a folder of releases).
type Source struct {
	FS   fs.FS
	Root string // display name, e.g. "clauses"
}

// Embedded is the library shipped in the binary.
var Embedded = Source{FS: clauses.FS, Root: "clauses"}

// DirSource reads releases from a folder on disk.
func DirSource(dir string) Source { return Source{FS: os.DirFS(dir), Root: filepath.ToSlash(dir)} }

// Catalog is the set of releases of a source, opened once: their headers
// are read at once, each release is loaded and compiled the first time it
// is used.
type Catalog struct {
	src Source
	// all is every release folder, sorted by folder name.
	all []*Release
	// problems are the problems of the set: duplicate versions, each once.
	problems diag.List
	def      *Release
}

// Release is one release of a catalog.
type Release struct {
	// Folder is the release's folder in the source; "." for a source that
	// is itself a release folder.
	Folder string
	// Dir names the folder in problems, e.g. "clauses/2025.1".
	Dir string
	// Info is the release header; nil when it cannot be read (Err says why).
	Info *library.Info
	// Window is the period this release drafts agreements in.
	Window draft.Window

	src     Source
	infoErr error
	once    sync.Once
	cat     *Catalog
	mapOnce sync.Once
	m       *library.Map
	d       *draft.Drafter
	err     error
}

// Open reads the release headers of src. It fails only when src holds no
// release at all; a broken release is reported when it is used.
func Open(src Source) (*Catalog, error) {
	c := &Catalog{src: src}
	var folders []string
	if _, err := fs.Stat(src.FS, library.HeaderFile); err == nil {
		folders = []string{"."}
	} else {
		matches, _ := fs.Glob(src.FS, "*/"+library.HeaderFile)
		for _, m := range matches {
			folders = append(folders, path.Dir(m))
		}
		sort.Strings(folders)
	}
	if len(folders) == 0 {
		return nil, diag.List{{File: src.Root, ID: "err.library.no_header"}}
	}
	seen := map[string]*Release{} // version → first release with it
	for _, f := range folders {
		r := &Release{Folder: f, Dir: src.Root, src: src, cat: c}
		fsys := src.FS
		if f != "." {
			r.Dir = path.Join(src.Root, f)
			fsys, _ = fsutil.Sub(src.FS, f)
		}
		r.Info, r.infoErr = library.ReadInfo(fsys, r.Dir)
		c.all = append(c.all, r)
		if r.Info == nil {
			continue
		}
		if prev, dup := seen[r.Info.Version]; dup {
			c.problems.Add(r.Info.Problem("versie", "err.release.duplicate_version",
				diag.A("version", r.Info.Version, "other", prev.Dir)))
			continue
		}
		seen[r.Info.Version] = r
		if c.def == nil || !r.Info.Effective.Before(c.def.Info.Effective) {
			c.def = r
		}
	}
	c.windows()
	return c, nil
}

// windows derives each release's validity window: from its effective date
// until the effective date of the next release of the same library.
func (c *Catalog) windows() {
	byLib := map[string][]*Release{}
	for _, r := range c.all {
		if r.Info != nil {
			byLib[r.Info.ID] = append(byLib[r.Info.ID], r)
		}
	}
	for _, rels := range byLib {
		slices.SortStableFunc(rels, func(a, b *Release) int { return a.Info.Effective.Compare(b.Info.Effective) })
		suggest := func(date nlfmt.Date) string {
			for i := len(rels) - 1; i >= 0; i-- {
				if rels[i].Window.Contains(date) {
					return rels[i].Version()
				}
			}
			return ""
		}
		for i, r := range rels {
			r.Window = draft.Window{From: r.Info.Effective, Suggest: suggest}
			for _, next := range rels[i+1:] {
				if r.Info.Effective.Before(next.Info.Effective) {
					r.Window.Until = next.Info.Effective
					break
				}
			}
		}
	}
}

// Problems are the problems of the set of releases: every duplicate
// version, reported once, on the library.toml that repeats it.
func (c *Catalog) Problems() diag.List { return c.problems }

// All lists every release of the catalog, by folder name.
func (c *Catalog) All() []*Release { return c.all }

// Default is the release used when none is named: the newest by effective
// date (ties broken by folder name).
func (c *Catalog) Default() (*Release, error) {
	if c.def == nil {
		return c.all[len(c.all)-1], nil // no header reads: the error comes when it is used
	}
	return c.def, nil
}

// Release returns the release named name: a folder name or a version (its
// versie), so that the names "ovk releases" lists work everywhere; "" is
// the default.
func (c *Catalog) Release(name string) (*Release, error) {
	if name == "" {
		return c.Default()
	}
	for _, r := range c.all {
		if r.Folder == name {
			return r, nil
		}
	}
	var known []string
	for _, r := range c.all {
		if r.Info == nil {
			continue
		}
		if r.Info.Version == name {
			return r, nil
		}
		if !slices.Contains(known, r.Info.Version) {
			known = append(known, r.Info.Version)
		}
	}
	sort.Strings(known)
	return nil, errUnknownRelease(name, known)
}

// Drafter returns the drafter of the release named name (see Release).
func (c *Catalog) Drafter(name string) (*draft.Drafter, error) {
	r, err := c.Release(name)
	if err != nil {
		return nil, err
	}
	return r.Drafter()
}

// LoadAll loads and compiles every release now (the HTTP API does, so that
// a broken release stops it at start-up and no request pays for a load).
func (c *Catalog) LoadAll() error {
	for _, r := range c.all {
		if _, err := r.Drafter(); err != nil {
			return err
		}
	}
	return nil
}

// Version is the release's version (versie), or its folder when its
// header cannot be read.
func (r *Release) Version() string {
	if r.Info == nil {
		return r.Folder
	}
	return r.Info.Version
}

// Drafter loads, checks and compiles the release the first time it is
// asked for, and returns the same drafter (or error) every time after. The
// drafter refuses agreements dated outside the release's window.
func (r *Release) Drafter() (*draft.Drafter, error) {
	r.once.Do(func() {
		if r.infoErr != nil {
			r.err = r.infoErr
			return
		}
		fsys := r.src.FS
		if r.Folder != "." {
			fsys, _ = fsutil.Sub(r.src.FS, r.Folder)
		}
		r.d, r.err = draft.Open(fsys, r.Dir)
		if r.d != nil {
			w := r.Window
			r.d.Window = &w
			r.d.Engine.Elsewhere = r.cat.elsewhere(r)
		}
	})
	return r.d, r.err
}

// elsewhere names, for a NIS code the municipal map of self lacks, the
// newest other release whose map has it ("" for none), so that the
// refusal says which release to use.
func (c *Catalog) elsewhere(self *Release) func(nis string) string {
	return func(nis string) string {
		for i := len(c.all) - 1; i >= 0; i-- {
			if o := c.all[i]; o != self && o.Info != nil {
				if _, ok := o.municipalities().Lookup(nis); ok {
					return o.Version()
				}
			}
		}
		return ""
	}
}

// municipalities reads the release's municipal map once (nil without one).
func (r *Release) municipalities() *library.Map {
	r.mapOnce.Do(func() {
		fsys := r.src.FS
		if r.Folder != "." {
			fsys, _ = fsutil.Sub(r.src.FS, r.Folder)
		}
		r.m, _ = library.ReadMunicipalities(fsys, r.Dir)
	})
	return r.m
}

// ReleaseInfo describes one release, as "ovk releases --json" and
// GET /v1/releases list it.
type ReleaseInfo struct {
	Name      string `json:"name"`
	Folder    string `json:"folder"`
	Library   string `json:"library"`
	Effective string `json:"effective"`
	Until     string `json:"until,omitempty"`
	Policy    string `json:"policy"`
	// Status is ontwerp or goedgekeurd; an approved release names who
	// approved it, when and under which decision.
	Status     string `json:"status"`
	ApprovedBy string `json:"approved_by,omitempty"`
	ApprovedOn string `json:"approved_on,omitempty"`
	Decision   string `json:"decision,omitempty"`
	Clauses    int    `json:"clauses"`
	Default    bool   `json:"default"`
}

// Releases lists the releases whose header reads, sorted by version.
func (c *Catalog) Releases() []ReleaseInfo {
	out := []ReleaseInfo{}
	for _, r := range c.all {
		if r.Info == nil {
			continue
		}
		i := r.Info
		ri := ReleaseInfo{Name: i.Version, Folder: r.Folder, Library: i.ID, Effective: i.Effective.ISO(),
			Policy: i.Policy, Status: string(i.Status), ApprovedBy: i.ApprovedBy, Decision: i.Decision, Clauses: r.clauseFiles(),
			Default: r == c.def}
		if !i.ApprovedOn.IsZero() {
			ri.ApprovedOn = i.ApprovedOn.ISO()
		}
		if !r.Window.Until.IsZero() {
			ri.Until = r.Window.Until.ISO()
		}
		out = append(out, ri)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// clauseFiles counts the clause files of the release without loading them.
func (r *Release) clauseFiles() int {
	pattern := "*.toml"
	if r.Folder != "." {
		pattern = r.Folder + "/" + pattern
	}
	files, _ := fs.Glob(r.src.FS, pattern)
	return max(len(files)-1, 0) // all but library.toml
}
