package library_test

import (
	"io"
	"testing"

	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

type benchRefs struct{}

func (benchRefs) Article(string) string { return "artikel 3" }
func (benchRefs) Chapter(string) string { return "hoofdstuk 2" }
func (benchRefs) Included(string) bool  { return true }

// BenchmarkExecuteWithRefs is the cost of a text that refers to another
// article (its template is cloned to bind this agreement's numbering),
// next to the same text without a reference.
func BenchmarkExecuteWithRefs(b *testing.B) {
	src := "Het lokaal bestuur {{.x}} volgt de procedure van {{artikel `voorwerp`}}{{if opgenomen `analyse`}} en {{hoofdstuk `doelen`}}{{end}}."
	plain := "Het lokaal bestuur {{.x}} volgt de procedure van het artikel over het voorwerp en het hoofdstuk over de doelen."
	for name, text := range map[string]string{"refs": src, "plain": plain} {
		lib, err := library.Load(testlib.FS(map[string]string{"analyse.toml": testlib.Replace("analyse.toml",
			`tekst = "Het AgII analyseert de instroomcijfers."`, "tekst = '''"+text+"'''")}), "lib")
		if err != nil {
			b.Fatal(err)
		}
		body := lib.Clause("analyse").Body
		data := map[string]any{"x": "y"}
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := body.Execute(io.Discard, data, benchRefs{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
