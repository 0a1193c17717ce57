package fsutil

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"syscall"
)

// NotRegularError is the reason a file that is not a regular file (a
// folder, a named pipe, a device, a socket) is refused before it is
// opened: reading one could block forever or never end.
type NotRegularError struct {
	// Kind is "folder", "pipe", "device", "socket" or "other".
	Kind string
}

func (e *NotRegularError) Error() string { return "not a regular file but a " + e.Kind }

// SizeError is the reason a file larger than its bound is refused before
// it is read.
type SizeError struct{ Size, Limit int64 }

func (e *SizeError) Error() string {
	return fmt.Sprintf("%d bytes, more than the %d allowed", e.Size, e.Limit)
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "pipe"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "device"
	case m&fs.ModeSocket != 0:
		return "socket"
	}
	return "other"
}

// check refuses what is not a regular file of at most limit bytes.
func check(name string, st fs.FileInfo, limit int64) error {
	if !st.Mode().IsRegular() {
		return &fs.PathError{Op: "read", Path: name, Err: &NotRegularError{Kind: kind(st.Mode())}}
	}
	if limit > 0 && st.Size() > limit {
		return &fs.PathError{Op: "read", Path: name, Err: &SizeError{Size: st.Size(), Limit: limit}}
	}
	return nil
}

// CheckFile refuses at once, from its stat, a file that is not a regular
// file or is larger than limit bytes (0: no bound on the size).
func CheckFile(name string, limit int64) error {
	st, err := os.Stat(name)
	if err != nil {
		return err
	}
	return check(name, st, limit)
}

// ReadFile reads a regular file of at most limit bytes. A folder, a pipe
// or a device is refused from its stat, before it is opened, and so is a
// file larger than limit; the open does not block even if a pipe took the
// file's place in between, and a file that grows while it is read stops
// at limit+1 bytes.
func ReadFile(name string, limit int64) ([]byte, error) {
	if err := CheckFile(name, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readChecked(name, f, limit)
}

// ReadFileFS is ReadFile for a file of fsys.
func ReadFileFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	st, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := check(name, st, limit); err != nil {
		return nil, err
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readChecked(name, f, limit)
}

func readChecked(name string, f fs.File, limit int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := check(name, st, limit); err != nil {
		return nil, err
	}
	var r io.Reader = f
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	data := make([]byte, 0, st.Size()+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &SizeError{Size: int64(len(data)), Limit: limit}}
	}
	return data, nil
}

// Sub is fs.Sub keeping fs.StatFS, so that ReadFileFS can refuse a pipe in
// a sub-folder from its stat instead of blocking on its open.
func Sub(fsys fs.FS, dir string) (fs.FS, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil || dir == "." {
		return sub, err
	}
	return statSub{sub, fsys, dir}, nil
}

type statSub struct {
	fs.FS
	parent fs.FS
	dir    string
}

func (s statSub) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return fs.Stat(s.parent, path.Join(s.dir, name))
}
