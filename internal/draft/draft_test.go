package draft

import (
	"testing"
)

func TestEmbeddedReleasesLoad(t *testing.T) {
	rels := Embedded.Releases()
	if len(rels) == 0 {
		t.Fatal("no embedded releases")
	}
	for _, r := range rels {
		if _, err := Embedded.Open(r); err != nil {
			t.Errorf("release %s:\n%v", r, err)
		}
	}
}
