//go:build !unix

package compare

// cpuTime is not measured on this platform.
func cpuTime() float64 { return -1 }
