package assemble_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/library"
	"github.com/agii/ovk/internal/testlib"
)

// TestRequiredWith: a parameter with verplicht_met is required exactly when
// the profile gives the parameter it names (as protocol_vindplaats with
// protocol_datum in release 2026.1), and must name a parameter of its clause.
func TestRequiredWith(t *testing.T) {
	const extra = "\n[[parameter]]\nnaam = \"toelichting\"\nsoort = \"tekst\"\nlabel = \"Toelichting bij het budget\"\nverplicht_met = \"budget\"\n"
	edits := map[string]string{"buddies.toml": testlib.Replace("buddies.toml", "standaard = [\"het OCMW\", \"de bibliotheek\"]\n",
		"standaard = [\"het OCMW\", \"de bibliotheek\"]\n"+extra)}
	if _, err := draftWith(t, edits, nil, testlib.Profile); err != nil {
		t.Errorf("without budget the toelichting is optional: %v", err)
	}
	withBudget := strings.Replace(testlib.Profile, "aantal = 12", "aantal = 12\nbudget = 7000", 1)
	_, err := draftWith(t, edits, nil, withBudget)
	var list diag.List
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.param.required" || list[0].Args["name"] != "toelichting" {
		t.Fatalf("budget without toelichting: %v", err)
	}
	if _, err := draftWith(t, edits, nil, strings.Replace(withBudget, "budget = 7000", "budget = 7000\ntoelichting = \"x\"", 1)); err != nil {
		t.Errorf("budget with toelichting: %v", err)
	}

	bad := map[string]string{"buddies.toml": testlib.Replace("buddies.toml", "standaard = [\"het OCMW\", \"de bibliotheek\"]\n",
		"standaard = [\"het OCMW\", \"de bibliotheek\"]\n"+strings.Replace(extra, `"budget"`, `"bugdet"`, 1))}
	_, err = library.Load(testlib.FS(bad), "lib")
	if !errors.As(err, &list) || len(list) != 1 || list[0].ID != "err.param.unknown" || !strings.HasSuffix(list[0].Key, ".verplicht_met") {
		t.Errorf("verplicht_met naming no parameter: %v", err)
	}
}
