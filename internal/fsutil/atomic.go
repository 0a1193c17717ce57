// Package fsutil writes files so that a reader, or a rerun after a crash,
// only ever sees a whole file: write to a temporary file in the same
// folder, fsync it, rename it over the target, fsync the folder.
package fsutil

import (
	"os"
	"path/filepath"
)

// WriteFile atomically replaces path with data and makes the new name
// durable by syncing the folder.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	if err := writeFile(path, data, perm, true); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// SyncDir fsyncs a folder, making the names renamed into it durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// WriteFileNoSync is WriteFile without any sync: readers and a rerun after
// the process is killed see the old or the whole new file, but a power loss
// may lose either. A caller that writes many files makes them durable at
// once with SyncFiles, e.g. before writing a manifest that lists them.
func WriteFileNoSync(path string, data []byte, perm os.FileMode) error {
	return writeFile(path, data, perm, false)
}

// SyncFiles makes files, written into dir by WriteFileNoSync, durable
// together with their names. On Linux that is one syncfs(2) of the file
// system holding dir, whatever the number of files; elsewhere one fsync per
// file and one of dir.
func SyncFiles(dir string, files []string) error {
	return syncFiles(dir, files)
}

// syncEach is SyncFiles without syncfs(2).
func syncEach(dir string, files []string) error {
	for _, name := range files {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return SyncDir(dir)
}

func writeFile(path string, data []byte, perm os.FileMode, sync bool) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if sync {
		if err = tmp.Sync(); err != nil {
			return err
		}
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
