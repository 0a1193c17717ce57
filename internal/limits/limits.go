// Package limits owns the bounds on every input ovk reads: the size of a
// file, the nesting depth of a value, the length of a text, the number of
// items in a list, of goals, of register rows and columns. Each is checked
// before the work that could exceed it, and a refusal names the bound and
// where it was exceeded. The defaults are safe for a server; ovk serve can
// change them at start (docs/bounds.md lists them all).
package limits

import "sync/atomic"

// Limits are the bounds on the inputs.
type Limits struct {
	// ProfileBytes bounds a profile file (TOML or JSON) and a base profile.
	ProfileBytes int64
	// RegisterBytes bounds a register file (CSV).
	RegisterBytes int64
	// PDFBytes bounds a PDF to verify or compare.
	PDFBytes int64
	// ClauseBytes bounds a file of a clause library.
	ClauseBytes int64
	// Depth bounds the nesting of arrays and tables in a profile.
	Depth int
	// Text bounds the length of one text of a profile, in characters.
	Text int
	// List bounds the items of one list of a profile (a parameter's list,
	// the values to confirm).
	List int
	// Goals bounds a profile's local goals (doelstellingen).
	Goals int
	// Rows bounds the municipalities of a register (Flanders has 285).
	Rows int
	// Columns bounds the columns of a register.
	Columns int
	// Cell bounds one cell of a register, in bytes.
	Cell int
	// KeyDepth bounds the parts of a dotted column name of a register
	// (parameters.clause.name has 3).
	KeyDepth int
}

// Default are the bounds ovk runs with unless told otherwise.
var Default = Limits{
	ProfileBytes:  1 << 20,
	RegisterBytes: 32 << 20,
	PDFBytes:      256 << 20,
	ClauseBytes:   1 << 20,
	Depth:         32,
	Text:          4000,
	List:          1000,
	Goals:         100,
	Rows:          5000,
	Columns:       500,
	Cell:          16000,
	KeyDepth:      8,
}

var current atomic.Pointer[Limits]

func init() { Set(Default) }

// Get returns the bounds in force.
func Get() *Limits { return current.Load() }

// Set puts l in force (ovk serve does at start; a test does and restores
// the old bounds).
func Set(l Limits) { current.Store(&l) }
