package compare

import (
	"strings"
	"testing"

	"github.com/agii/ovk/internal/compare/worddiff"
)

func TestReflowIsNoChange(t *testing.T) {
	a := normaliseSource(`
§ Elke partij wijst een contactpersoon aan die instaat voor de opvolging van deze overeenkomst en
voor de dagelijkse samenwerking inzake inburgering.

§ Het AgII bezorgt:
- het rijksregisternummer;
- de vermelding of een inburgeringscontract werd ondertekend.
`)
	b := normaliseSource("§ Elke partij wijst een contactpersoon aan die instaat voor de opvolging\n" +
		"  van deze   overeenkomst en voor de dagelijkse samenwerking inzake\tinburgering.\n\n\n" +
		"§ Het AgII bezorgt:\n- het rijksregisternummer;\n- de vermelding of een\n  inburgeringscontract werd ondertekend.   \n")
	if segs, _, _ := worddiff.Diff(a, b); segs != nil {
		t.Errorf("reflow reported as change: %+v", segs)
	}
	// a paragraph break or a new point is structure, and is a change
	c := strings.Replace(a, "\n- de vermelding", " de vermelding", 1)
	if segs, _, _ := worddiff.Diff(a, c); segs == nil {
		t.Error("merging two points was not reported")
	}
}
