package main

import (
	"errors"
	"os"
	"os/exec"
	"runtime/debug"
	"syscall"
	"testing"
)

func overflow(n int) int {
	var b [64]byte
	b[0] = byte(n)
	return overflow(n+1) + int(b[0])
}

// TestCrashIsNotInputError: a crash of the runtime (here a stack
// overflow, a fatal error no recover catches) ends with SIGABRT, never
// with exit code 2, which scripts read as "invalid input".
func TestCrashIsNotInputError(t *testing.T) {
	if os.Getenv("OVK_TEST_CRASH") == "1" {
		honestCrashes()
		debug.SetMaxStack(1 << 20)
		overflow(0)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashIsNotInputError$")
	cmd.Env = append(os.Environ(), "OVK_TEST_CRASH=1", "GOTRACEBACK=")
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the crashing process ended with %v", err)
	}
	ws := ee.Sys().(syscall.WaitStatus)
	if !ws.Signaled() || ws.Signal() != syscall.SIGABRT {
		t.Errorf("the crash ended with exit %d (signal %v), want SIGABRT", ee.ExitCode(), ws.Signal())
	}
}
