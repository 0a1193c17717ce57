package profile

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/agii/ovk/internal/limits"
)

// FuzzBounds grows what byte mutation rarely reaches: a parameter value
// nested depth levels deep (arrays, inline tables, or both in turn), a
// list of width items and a text repeated reps times, on a real profile.
// Whatever the sizes, Parse answers within a second, and a value deeper
// than the bound is refused. Run with -fuzzminimizetime 10x so that the
// fuzzer spends its time growing inputs, not shrinking them.
func FuzzBounds(f *testing.F) {
	base, err := os.ReadFile("../../examples/23060-opwijk.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint32(10), uint8(0), uint32(3), "a", uint32(1))
	f.Add(uint32(33), uint8(1), uint32(0), "Op\u202ekjiw", uint32(1))
	f.Add(uint32(100000), uint8(2), uint32(100000), "ab ", uint32(300000))
	f.Fuzz(func(t *testing.T, depth uint32, kind uint8, width uint32, text string, reps uint32) {
		depth, width, reps = depth%200000, width%200000, reps%(1<<20)
		if int(reps)*len(text) > 4<<20 {
			reps = uint32((4 << 20) / max(len(text), 1))
		}
		var b strings.Builder
		b.Write(base)
		b.WriteString("\n[parameters.x]\ny = ")
		for i := range depth {
			if kind%3 == 1 || kind%3 == 2 && i%2 == 1 {
				b.WriteString("{a=")
			} else {
				b.WriteString("[")
			}
		}
		b.WriteString("[")
		for range width {
			b.WriteString("1,")
		}
		b.WriteString("]")
		for i := depth; i > 0; i-- {
			if kind%3 == 1 || kind%3 == 2 && (i-1)%2 == 1 {
				b.WriteString("}")
			} else {
				b.WriteString("]")
			}
		}
		b.WriteString("\nz = \"" + strings.Repeat(strings.NewReplacer(`"`, "", `\`, "", "\n", "").Replace(text), int(reps)) + "\"\n")
		start := time.Now()
		_, err := Parse("fuzz.toml", []byte(b.String()))
		if took := time.Since(start); took > time.Second {
			t.Errorf("depth %d, width %d, text %d bytes: %v", depth, width, int(reps)*len(text), took)
		}
		if int(depth)+1 > limits.Get().Depth && err == nil {
			t.Errorf("depth %d accepted beyond the bound %d", depth+1, limits.Get().Depth)
		}
	})
}
