//go:build unix

package testlib

import "syscall"

// CPUTime returns the user+system CPU seconds the process has used (all its
// threads, the garbage collector's included), or -1 where it is not measured.
func CPUTime() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
