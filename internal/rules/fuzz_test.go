package rules_test

import (
	"testing"

	"github.com/agii/ovk/internal/rules"
)

// FuzzCompile: any condition compiles to a boolean program over the
// profile or is refused; a compiled one evaluates without panicking.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{"eigen_ocmw", "!eigen_ocmw", "inwoners >= 50000 || centrumstad",
		`"buddies" in doelstellingen`, `provincie == "Limburg" and startjaar >= 2026`, "inwoners +", "len(naam) > 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := rules.Compile(src)
		if err != nil {
			return
		}
		if _, err := c.Eval(rules.Env{Name: "Opwijk", Population: 15200, Goals: []string{"a"}}); err != nil {
			// runtime errors (e.g. division by zero) are reported, not panics
			return
		}
	})
}
