package diag

import (
	"reflect"
	"testing"
)

func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		name string
		cand []string
		want []string
	}{
		{"inwonres", []string{"naam", "nis", "inwoners", "provincie"}, []string{"inwoners"}},
		{"drat", []string{"draft", "diff", "explain"}, []string{"draft"}},
		{"wrokers", []string{"workers", "force"}, []string{"workers"}},
		{"xyz", []string{"draft", "diff"}, nil},
		{"", []string{"draft"}, nil},
		{"re", []string{"release", "releases", "lang"}, []string{"release", "releases"}},
	} {
		got := Suggest(c.name, c.cand)
		if len(got) == 0 && len(c.want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Suggest(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}
