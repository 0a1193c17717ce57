// Command ovk drafts the cooperation agreements between the Agentschap
// Integratie en Inburgering and Flemish local governments. Run "ovk --help".
package main

import (
	"os"

	"github.com/agii/ovk/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
