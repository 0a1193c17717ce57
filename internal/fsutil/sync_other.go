//go:build !linux

package fsutil

func syncFiles(dir string, files []string) error {
	if len(files) == 0 {
		return nil
	}
	return syncEach(dir, files)
}
