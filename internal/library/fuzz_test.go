package library_test

import (
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

// FuzzLoadClause loads the test library with one clause file replaced by
// arbitrary bytes: a library or a problem list, never a panic.
func FuzzLoadClause(f *testing.F) {
	for _, src := range testlib.Clauses {
		f.Add([]byte(src))
	}
	f.Add([]byte("id = \"x\"\n[[parameter]]\nnaam = \"a\"\nsoort = \"keuze\"\nstandaard = [1]\nmin = 2025-01-01\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := testlib.FS(nil)
		fs["fuzz.toml"] = &fstest.MapFile{Data: src}
		lib, err := library.Load(fs, "lib")
		if lib == nil && err == nil {
			t.Fatal("neither library nor error")
		}
	})
}

// FuzzLoadHeader does the same for library.toml.
func FuzzLoadHeader(f *testing.F) {
	f.Add([]byte(testlib.Header))
	f.Add([]byte("kader = \"overeenkomst.toml\"\nindeling = \"gemeenten.csv\"\n" + testlib.Header +
		"\n[[te_bevestigen]]\nsleutel = \"agii.zetel\"\nwaarom = \"x\"\nbevestigd_op = 2025-01-01\n" +
		"\n[[vereist]]\nsleutel = \"ocmw.zetel\"\nvoorwaarde = \"eigen_ocmw\"\nwaarom = \"y\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		fs := testlib.FS(nil)
		fs["library.toml"] = &fstest.MapFile{Data: src}
		fs["gemeenten.csv"] = &fstest.MapFile{Data: []byte("nis,naam,provincie\n23060,Opwijk,Vlaams-Brabant\n")}
		lib, err := library.Load(fs, "lib")
		if lib == nil && err == nil {
			t.Fatal("neither library nor error")
		}
	})
}
