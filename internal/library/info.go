package library

import (
	"io/fs"
	"path"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/nlfmt"
	"github.com/agii/ovk/internal/tomlfile"
)

// Info is a release header read on its own, without the clauses: enough to
// list releases, pick the default one and derive validity windows without
// loading every release. Load checks the header in full.
type Info struct {
	ID         string     `toml:"bibliotheek"`
	Version    string     `toml:"versie"`
	Effective  nlfmt.Date `toml:"van_kracht"`
	Policy     string     `toml:"beleid"`
	Status     Status     `toml:"status"`
	ApprovedBy string     `toml:"goedgekeurd_door"`
	ApprovedOn nlfmt.Date `toml:"goedgekeurd_op"`
	Decision   string     `toml:"besluit"`
	file       *tomlfile.File
}

// ReadInfo reads the header of the release in fsys (rooted at the release
// folder); dir names the folder in problems. Keys it does not need are
// left to Load.
func ReadInfo(fsys fs.FS, dir string) (*Info, error) {
	f, err := tomlfile.Read(fsys, HeaderFile, path.Join(dir, HeaderFile))
	if err != nil {
		return nil, diag.List{{File: path.Join(dir, HeaderFile), ID: "err.library.no_header"}}
	}
	info := &Info{file: f}
	if err := tomlfile.Unmarshal(f.Src, info); err != nil {
		return nil, diag.List{{File: f.Name, ID: "err.toml.syntax", Detail: err.Error()}}
	}
	return info, nil
}

// Problem builds a problem about key in the header.
func (i *Info) Problem(key, id string, args map[string]any) diag.Problem {
	return i.file.Problem(key, id, args)
}
