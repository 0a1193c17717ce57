// Package hyphen owns where a line of Dutch text may be broken: the
// hyphenation points of a word (Liang's algorithm over the OpenTaal Dutch
// patterns, with the Woordenlijst rules at a break) and the spaces that must
// not be broken (a date, a phone number, a street with its house number,
// "artikel 8, § 1", an amount; see Keep).
//
// The patterns (patterns/hyph_nl_NL.dic, BSD-2-clause, see
// patterns/LICENSE) come unchanged from Debian's hyphen-nl package.
package hyphen

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/hyph_nl_NL.dic
var nlPatterns []byte

// The shortest fragments a break may leave, in letters: at least two before
// the break and three after it ("ge-meente", never "gemeen-te").
const (
	LeftMin  = 2
	RightMin = 3
)

// Dutch returns the Dutch patterns, parsed on first use.
var Dutch = sync.OnceValue(func() *Patterns {
	p, err := ParsePatterns(nlPatterns)
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return p
})

// Break is a place where a word may be broken at the end of a line.
type Break struct {
	// At is the byte offset in the word where the next line begins.
	At int
	// Hyphen is set when a hyphen is added at the end of the line; it is
	// not for a compound that has a hyphen of its own before At.
	Hyphen bool
}

// Lead returns what replaces the first rune of the next line when word is
// broken at b, and that rune's length in bytes: the letter without its
// trema, or "" and 0 when the rune stays.
func (b Break) Lead(word string) (lead string, size int) {
	r, size := utf8.DecodeRuneInString(word[b.At:])
	if base, ok := trema[r]; ok {
		return tremaBase[base], size
	}
	return "", 0
}

// tremaBase holds the letters without trema as strings.
var tremaBase = map[rune]string{'a': "a", 'e': "e", 'i': "i", 'o': "o", 'u': "u", 'A': "A", 'E': "E", 'I': "I", 'O': "O", 'U': "U"}

// Split returns the two parts of word broken at b: head ends the line
// (with the added hyphen), tail begins the next. Following the Woordenlijst,
// a trema on the first letter after the break is dropped: "be-invloeden",
// "zee-en", "financi-ele".
func (b Break) Split(word string) (head, tail string) {
	head, tail = word[:b.At], word[b.At:]
	if b.Hyphen {
		head += "-"
	}
	if lead, size := b.Lead(word); size > 0 {
		tail = lead + tail[size:]
	}
	return head, tail
}

// trema maps a letter with a diaeresis to the letter without.
var trema = map[rune]rune{
	'ä': 'a', 'ë': 'e', 'ï': 'i', 'ö': 'o', 'ü': 'u',
	'Ä': 'A', 'Ë': 'E', 'Ï': 'I', 'Ö': 'O', 'Ü': 'U',
}

// Breaks returns the places where word (a token between two spaces, its
// punctuation included) may be broken, in increasing order. The slice is
// shared: callers must not change it.
//
// Only a word of lower-case letters is hyphenated by the patterns (names,
// abbreviations such as "OCMW" or "AgII", numbers, e-mail addresses and web
// addresses are not), and never closer than LeftMin letters to its start or
// RightMin to its end. A compound with a hyphen of its own ("OCMW-cliënt",
// "niet-Belgen") is broken only after that hyphen. Results are cached per
// word.
func Breaks(word string) []Break {
	if !mayBreak(word) {
		return nil
	}
	cacheMu.RLock()
	b, ok := cache[word]
	cacheMu.RUnlock()
	if ok {
		return b
	}
	if start, end := trimPunct(word); start > 0 || end < len(word) {
		// "bestuur," and "bestuur." share the work of "bestuur".
		for _, c := range Breaks(word[start:end]) {
			b = append(b, Break{At: start + c.At, Hyphen: c.Hyphen})
		}
	} else {
		b = Hyphenate(word)
	}
	cacheMu.Lock()
	if len(cache) < maxCached {
		cache[word] = b
	}
	cacheMu.Unlock()
	return b
}

// The cache of Breaks: words are few (an agreement has a few thousand, most
// of them shared with every other agreement), but a server must not grow
// without bound on texts it is sent.
var (
	cacheMu sync.RWMutex
	cache   = make(map[string][]Break, 4096)
)

const maxCached = 1 << 16

// mayBreak is false for a word that has no breaks at a glance: too short,
// a name or a number.
func mayBreak(word string) bool {
	if len(word) < LeftMin+RightMin {
		return false
	}
	c := word[0]
	return !(c >= '0' && c <= '9') && !(c >= 'A' && c <= 'Z' && strings.IndexByte(word, '-') < 0)
}

// Hyphenate is Breaks without the cache: it computes the breaks of word
// anew on every call.
func Hyphenate(word string) []Break {
	if !mayBreak(word) {
		return nil
	}
	start, end := trimPunct(word)
	core := word[start:end]
	if utf8.RuneCountInString(core) < LeftMin+RightMin || isAddress(core) {
		return nil
	}
	if strings.IndexByte(core, '-') >= 0 {
		return compoundBreaks(core, start)
	}
	if at, ok := exceptions()[core]; ok {
		out := make([]Break, len(at))
		for i, a := range at {
			out[i] = Break{At: start + a, Hyphen: true}
		}
		return out
	}
	var rbuf [64]rune
	runes := rbuf[:0]
	for _, r := range core {
		if !unicode.IsLower(r) {
			return nil
		}
		runes = append(runes, r)
	}
	var buf [64]uint8
	v := Dutch().Points(runes, buf[:0])
	var out []Break
	off := start
	for i, r := range runes {
		if i >= LeftMin && i <= len(runes)-RightMin && v[i]%2 == 1 {
			out = append(out, Break{At: off, Hyphen: true})
		}
		off += utf8.RuneLen(r)
	}
	return out
}

// compoundBreaks returns the breaks after the inner hyphens of core, which
// starts at byte offset start of its word: between two letters, with at
// least LeftMin runes before and RightMin after. A compound with a digit
// ("AgII-OVK-2026-23060", "2026-2031") is not broken.
func compoundBreaks(core string, start int) []Break {
	if strings.ContainsAny(core, "0123456789") {
		return nil
	}
	var out []Break
	for i := 1; i < len(core)-1; i++ {
		if core[i] != '-' {
			continue
		}
		before, _ := utf8.DecodeLastRuneInString(core[:i])
		after, _ := utf8.DecodeRuneInString(core[i+1:])
		if !unicode.IsLetter(before) || !unicode.IsLetter(after) {
			continue
		}
		if utf8.RuneCountInString(core[:i]) >= LeftMin && utf8.RuneCountInString(core[i+1:]) >= RightMin {
			out = append(out, Break{At: start + i + 1})
		}
	}
	return out
}

// trimPunct returns the byte range of word without the punctuation around
// it: opening brackets and quotes before, closing ones, full stops, commas
// and the like after. A trailing hyphen ("participatie- en") is punctuation
// too.
func trimPunct(word string) (start, end int) {
	start, end = 0, len(word)
	for start < end {
		r, size := utf8.DecodeRuneInString(word[start:])
		if !strings.ContainsRune(`([{"'“‘„«`, r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(word[start:end])
		if !strings.ContainsRune(`)]}"'”’».,;:!?…-`, r) {
			break
		}
		end -= size
	}
	return start, end
}

// isAddress reports whether s is an e-mail or web address.
func isAddress(s string) bool {
	return strings.ContainsRune(s, '@') || strings.Contains(s, "://") || strings.HasPrefix(s, "www.")
}
