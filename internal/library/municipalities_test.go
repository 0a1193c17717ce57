package library_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

const smallMap = "nis,naam,provincie\n23060,Opwijk,Vlaams-Brabant\n73111,Tongeren-Borgloon,Limburg\n"

func TestParseMap(t *testing.T) {
	m, err := library.ParseMap("m.csv", []byte("\uFEFF"+strings.ReplaceAll(smallMap, "\n", "\r\n")))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := m.Lookup("73111"); !ok || g.Name != "Tongeren-Borgloon" || g.Province != "Limburg" || m.Len() != 2 {
		t.Errorf("got %+v %v", g, ok)
	}
	if _, ok := m.Lookup("73009"); ok {
		t.Error("73009 is not on the map")
	}
}

func TestParseMapProblems(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line, col int
		id        string
	}{
		{"wrong header", "nis;naam;provincie\n23060;Opwijk;Vlaams-Brabant\n", 1, 1, "err.map.header"},
		{"Windows-1252", "nis,naam,provincie\n23060,Opwijk,Vlaams-Brabant\n44021,Gent \xe9,Oost-Vlaanderen\n", 3, 0, "err.map.utf8"},
		{"invalid code", smallMap + "2306,Opwijk-Oost,Vlaams-Brabant\n", 4, 1, "err.nis.invalid"},
		{"duplicate code", smallMap + "23060,Opwijk bis,Vlaams-Brabant\n", 4, 1, "err.map.duplicate"},
		{"duplicate name", smallMap + "23061,Opwijk,Vlaams-Brabant\n", 4, 7, "err.map.duplicate_name"},
		{"missing field", smallMap + "23062,Ergens\n", 4, 1, "err.map.fields"},
		{"empty province", smallMap + "23062,Ergens,\n", 4, 14, "err.key.required"},
		{"bare quote", smallMap + "23062,Er\"gens,Limburg\n", 4, 9, "err.map.csv"},
		{"no rows", "nis,naam,provincie\n", 1, 1, "err.map.empty"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := library.ParseMap("m.csv", []byte(c.src))
			var list diag.List
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("want one problem, got %v", err)
			}
			if p := list[0]; p.File != "m.csv" || p.Line != c.line || p.Col != c.col || p.ID != c.id {
				t.Errorf("got %+v", p)
			}
		})
	}
}

func TestReleaseMap(t *testing.T) {
	header := strings.Replace(testlib.Header, `bibliotheek = "test"`, `bibliotheek = "test"`+"\nindeling = \"gemeenten.csv\"", 1)
	fsys := testlib.FS(map[string]string{"library.toml": header})
	fsys["gemeenten.csv"] = &fstest.MapFile{Data: []byte(smallMap)}
	lib, err := library.Load(fsys, "lib")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lib.Municipalities.Lookup("23060"); !ok {
		t.Error("23060 not on the release's map")
	}
	m, err := library.ReadMunicipalities(fsys, "lib")
	if err != nil || m.Len() != 2 || m.File != "lib/gemeenten.csv" {
		t.Errorf("ReadMunicipalities: %v %v", m, err)
	}
	fsys["gemeenten.csv"] = &fstest.MapFile{Data: []byte(smallMap + "x,y,z\n")}
	if _, err := library.Load(fsys, "lib"); err == nil || !strings.Contains(err.Error(), "lib/gemeenten.csv:4:1: err.nis.invalid") {
		t.Errorf("bad map: %v", err)
	}
	delete(fsys, "gemeenten.csv")
	if _, err := library.Load(fsys, "lib"); err == nil || !strings.Contains(err.Error(), "lib/gemeenten.csv: err.file.read") {
		t.Errorf("missing map: %v", err)
	}
	if lib, _ := library.Load(testlib.FS(nil), "lib"); lib.Municipalities != nil {
		t.Error("a release without indeling has no map")
	}
}

// FuzzParseMap: a map or a problem list, never a panic, and every problem
// has a line.
func FuzzParseMap(f *testing.F) {
	f.Add([]byte(smallMap))
	f.Add([]byte("nis,naam,provincie\n\"23060\",\"Op\"\"wijk\",Vlaams-Brabant\r\n"))
	f.Add([]byte("nis,naam,provincie\n23060,Opwijk\n\xff"))
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := library.ParseMap("m.csv", src)
		var list diag.List
		switch {
		case m == nil && err == nil, m != nil && err != nil:
			t.Fatal("want exactly one of map and error")
		case err != nil && !errors.As(err, &list):
			t.Fatalf("not a problem list: %v", err)
		}
		for _, p := range list {
			if p.Line == 0 {
				t.Fatalf("problem without line: %+v", p)
			}
		}
	})
}
