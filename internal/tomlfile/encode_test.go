package tomlfile

import (
	"reflect"
	"testing"

	"github.com/agii/ovk/internal/nlfmt"
)

func TestEncode(t *testing.T) {
	d := nlfmt.Date{Year: 2026, Month: 3, Day: 20}
	tree := map[string]any{
		"lijst": []string{"a", `b "c"`},
		"sectie": map[string]any{
			"persoon": map[string]any{"naam": "Zoë\t\\", "n": int64(3)},
			"datum":   d,
			"getal":   2.5,
			"rond":    40.0,
			"ja":      true,
			"rare sl": "x",
		},
		"parameters": map[string]any{"buddies": map[string]any{"datum": LocalDate(d), "vormen": []any{"x", int64(1)}}},
	}
	got, err := Encode(tree, "parameters")
	if err != nil {
		t.Fatal(err)
	}
	want := `lijst = ["a", "b \"c\""]

[parameters.buddies]
datum = 2026-03-20
vormen = ["x", 1]

[sectie]
datum = 2026-03-20
getal = 2.5
ja = true
persoon = { n = 3, naam = "Zoë\t\\" }
"rare sl" = "x"
rond = 40.0
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var back map[string]any
	if err := Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	if p := back["sectie"].(map[string]any)["persoon"]; !reflect.DeepEqual(p, map[string]any{"naam": "Zoë\t\\", "n": int64(3)}) {
		t.Errorf("read back %v", p)
	}
	if again, _ := Encode(map[string]any{"lijst": []string{"a", `b "c"`}}); string(again) != "lijst = [\"a\", \"b \\\"c\\\"\"]\n" {
		t.Errorf("got %q", again)
	}
	if _, err := Encode(map[string]any{"x": struct{}{}}); err == nil {
		t.Error("a value TOML cannot hold was written")
	}
}
