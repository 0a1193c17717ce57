//go:build race

package cli

// raceFactor widens the hostile budgets under the race detector, which
// makes the code several times slower and hungrier.
const raceFactor = 4
