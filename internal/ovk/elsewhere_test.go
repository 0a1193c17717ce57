package ovk

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/profile"
)

// TestCatalogNamesTheReleaseWhoseMapHasTheCode: a code not on a release's
// municipal map is refused naming the release that has it; a municipality
// merged into one AgII does not serve gets the M19 message.
func TestCatalogNamesTheReleaseWhoseMapHasTheCode(t *testing.T) {
	cat, err := Open(Embedded)
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../examples/73111-tongeren-borgloon.toml")
	if err != nil {
		t.Fatal(err)
	}
	old := strings.NewReplacer("2026-", "2020-", "2031-", "2025-", "2027-", "2021-", "2028-", "2022-").Replace(string(src))
	p, err := profile.Parse("tb.toml", []byte(old))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cat.Prepare("2020.1", p)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.nis.not_on_map_use" || list[0].Args["other"] != "2026.1" {
		t.Fatalf("got %v", err)
	}
	opwijk, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		t.Fatal(err)
	}
	borsbeek := strings.NewReplacer(`nis       = "23060"`, `nis = "11007"`, `naam      = "Opwijk"`, `naam = "Borsbeek"`,
		`provincie = "Vlaams-Brabant"`, `provincie = "Antwerpen"`).Replace(string(opwijk))
	if p, err = profile.Parse("b.toml", []byte(borsbeek)); err != nil {
		t.Fatal(err)
	}
	_, err = cat.Prepare("", p)
	e := AsError(err)
	if e == nil || e.Code != Merged || e.ID != "err.merged.not_served" ||
		!strings.Contains(l10n.For("nl").T(e.ID, e.Args), "beëindig de lopende overeenkomst met Borsbeek") {
		t.Errorf("Borsbeek: %+v", e)
	}
}
