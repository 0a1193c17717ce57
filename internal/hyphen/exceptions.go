package hyphen

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// exceptionList holds the words of the agreements that the patterns break
// wrongly ("netwerkt-raject", "verbete-racties") or miss a compound joint
// of ("inburgeringstra-ject"), with their Woordenlijst hyphenation. Like
// TeX's \hyphenation, an exception is a whole word: add every inflected
// form that occurs. Only the breaks allowed by LeftMin and RightMin are
// used.
const exceptionList = `
	net-werk-tra-ject net-werk-tra-jec-ten
	ver-be-ter-ac-tie ver-be-ter-ac-ties
	in-bur-ge-rings-tra-ject in-bur-ge-rings-tra-jec-ten
`

// exceptions maps each exception word to the byte offsets of its breaks.
var exceptions = sync.OnceValue(func() map[string][]int {
	m := map[string][]int{}
	for _, h := range strings.Fields(exceptionList) {
		word := strings.ReplaceAll(h, "-", "")
		var at []int
		off := 0
		for _, part := range strings.Split(h, "-") {
			off += len(part)
			left, right := utf8.RuneCountInString(word[:off]), utf8.RuneCountInString(word[off:])
			if left >= LeftMin && right >= RightMin {
				at = append(at, off)
			}
		}
		m[word] = at
	}
	return m
})
