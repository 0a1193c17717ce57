package fsutil

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncFiles flushes the whole file system that holds dir: the data and
// names of every file written into it, in one call. A file system that
// refuses syncfs (ENOSYS in some sandboxes) gets one fsync per file.
func syncFiles(dir string, files []string) error {
	if len(files) == 0 {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		if err == unix.ENOSYS || err == unix.EPERM {
			return syncEach(dir, files)
		}
		return &os.PathError{Op: "syncfs", Path: dir, Err: err}
	}
	return nil
}
