//go:build !unix

package testlib

// CPUTime is not measured on this platform: it returns -1.
func CPUTime() float64 { return -1 }
