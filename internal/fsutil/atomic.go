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
	if err := WriteFileDeferDirSync(path, data, perm); err != nil {
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

// WriteFileDeferDirSync is WriteFile without the folder sync: readers and a
// rerun after the process is killed see the whole new file; to survive a
// power loss too, the caller syncs the folder (SyncDir) later, e.g. once
// before writing a manifest that lists many such files.
func WriteFileDeferDirSync(path string, data []byte, perm os.FileMode) (err error) {
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
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
