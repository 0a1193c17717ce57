// Command ovk drafts the cooperation agreements between the Agentschap
// Integratie en Inburgering and Flemish local governments. Run "ovk --help".
package main

import (
	"os"
	"runtime/debug"

	"github.com/agii/ovk/internal/cli"
)

func main() {
	honestCrashes()
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// honestCrashes makes a crash (out of memory, a stack overflow, a panic
// nobody recovers) end the process with SIGABRT, exit status 134 in a
// shell, instead of the Go runtime's exit code 2, which is ovk's code for
// invalid input. GOTRACEBACK, when set, decides instead.
func honestCrashes() {
	if os.Getenv("GOTRACEBACK") == "" {
		debug.SetTraceback("crash")
	}
}
