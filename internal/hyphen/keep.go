package hyphen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Keep marks the spaces of a paragraph that must not be broken, so that a
// text needs no no-break spaces of its own: keep[i] is set when words[i]
// must stay on the line of words[i+1]. words is the text split at its
// spaces; keep is reused when it is large enough and has len(words)
// entries (the last is never set).
//
// Kept together are:
//   - a date: "7 juni 2013", "1 maart", "juli 2008";
//   - a phone number: "+32 16 00 00 00", "016 00 00 00";
//   - a street with its house number and the postcode with its
//     municipality: "Koning Albert II-laan 5, 1210 Brussel" breaks only
//     after "Albert" or after "5,";
//   - a reference: "artikel 8, § 1", "§ 2", "artikel 6, lid 1, e)",
//     "artikel 2, 10°", "§ 1, eerste lid", "hoofdstuk 5", "bus 3";
//   - an amount or a quantity: "5.000 euro", "€ 250", "40 uur",
//     "3 maanden", "de 14e dag", "(EU) 2016/679";
//   - a word cut short with its conjunction: "participatie- en", so that
//     a line never ends in a hyphen that a reader (or pdftotext) takes for
//     a hyphenation.
//
// A word next to a kept space is not hyphenated either (see Protected).
func Keep(words []string, keep []bool) []bool {
	if cap(keep) < len(words) {
		keep = make([]bool, len(words))
	}
	keep = keep[:len(words)]
	clear(keep)
	for i := 0; i+1 < len(words); i++ {
		a, b := words[i], words[i+1]
		if a != "" && b != "" && !startsWithDigit(a) && !startsWithDigit(b) && isASCIILetter(a[0]) &&
			a[len(a)-1] != '-' && !(i > 0 && keep[i-1]) && !strings.HasPrefix(b, "lid") {
			continue // two words, none of the cases below
		}
		switch {
		case isDay(a) && isMonth(core(b)),
			isMonth(a) && isYear(core(b)),
			a == "§" || a == "§§" || a == "€",
			startsWithDigit(b) && isRefWord(a),
			isNumber(a) && isUnit(b),
			isOrdinal(a) && isWord(b),
			isOrdinalWord(a) && core(b) == "lid",
			isHouseNumber(b) && isStreet(a),
			isPostcode(a) && i > 0 && strings.HasSuffix(words[i-1], ",") && startsWithUpper(b),
			(a == "(EU)" || a == "(EG)" || a == "(EEG)") && startsWithDigit(b),
			len(a) > 1 && strings.HasSuffix(a, "-") && (b == "en" || b == "of" || b == "tot"):
			keep[i] = true
		case i > 0 && keep[i-1] && strings.HasSuffix(a, ",") && isRefTail(b):
			// "artikel 8, § 1", "artikel 6.1, c)", "§ 1, 2°", "§ 1, eerste lid"
			keep[i] = true
		}
	}
	// Phone numbers: "+32" or "0…" followed by at least two groups of digits.
	for i := 0; i < len(words); i++ {
		if !isPhonePrefix(words[i]) {
			continue
		}
		j := i + 1
		for j < len(words) && isDigits(core(words[j])) && len(core(words[j])) <= 4 {
			j++
			if core(words[j-1]) != words[j-1] {
				break // punctuation ends the number
			}
		}
		if j-i >= 3 {
			for k := i; k < j-1; k++ {
				keep[k] = true
			}
			i = j - 1
		}
	}
	return keep
}

// Protected reports whether words[i] is part of a span that Keep keeps
// together, and so must not be hyphenated.
func Protected(keep []bool, i int) bool {
	return keep[i] || i > 0 && keep[i-1]
}

// core is word without the punctuation around it.
func core(word string) string {
	s, e := trimPunct(word)
	return word[s:e]
}

var months = map[string]bool{
	"januari": true, "februari": true, "maart": true, "april": true, "mei": true, "juni": true,
	"juli": true, "augustus": true, "september": true, "oktober": true, "november": true, "december": true,
}

func isMonth(s string) bool { return months[s] }

// isDay: "7", "31", "1ste", "1e".
func isDay(s string) bool {
	d := strings.TrimSuffix(strings.TrimSuffix(s, "ste"), "e")
	return len(d) >= 1 && len(d) <= 2 && isDigits(d)
}

func isYear(s string) bool { return len(s) == 4 && isDigits(s) }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func startsWithUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// refWords are the words a number belongs to: "artikel 8", "bus 3".
var refWords = map[string]bool{
	"artikel": true, "artikels": true, "artikelen": true, "art.": true,
	"hoofdstuk": true, "hoofdstukken": true, "afdeling": true, "onderafdeling": true,
	"titel": true, "bijlage": true, "boek": true, "deel": true, "punt": true, "punten": true,
	"nr.": true, "nummer": true, "bus": true, "lid": true,
}

func isRefWord(s string) bool { return refWords[strings.ToLower(strings.TrimLeft(s, "(“‘\""))] }

// isRefTail: what may follow "artikel 8," in one reference ("§ 1",
// "lid 1", "eerste lid", "2°", "c)").
func isRefTail(s string) bool {
	if s == "§" || s == "§§" || s == "lid" || isOrdinalWord(s) {
		return true
	}
	c := core(s)
	if strings.HasSuffix(c, "°") && isDigits(strings.TrimSuffix(c, "°")) {
		return true
	}
	// "c)" of "artikel 6.1, c)"
	return len(s) >= 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] == ')'
}

var ordinalWords = map[string]bool{
	"eerste": true, "tweede": true, "derde": true, "vierde": true, "vijfde": true,
	"zesde": true, "zevende": true, "achtste": true, "negende": true, "tiende": true,
}

func isOrdinalWord(s string) bool { return ordinalWords[s] }

// isNumber: "5.000", "1.250,50", "40" (no punctuation after it).
func isNumber(s string) bool {
	if !startsWithDigit(s) {
		return false
	}
	last := s[len(s)-1]
	if last < '0' || last > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && c != '.' && c != ',' {
			return false
		}
	}
	return true
}

var units = map[string]bool{
	"euro": true, "eur": true, "%": true, "procent": true, "uur": true, "uren": true,
	"minuten": true, "dag": true, "dagen": true, "werkdagen": true, "kalenderdagen": true,
	"week": true, "weken": true, "maand": true, "maanden": true, "jaar": true, "jaren": true,
	"km": true, "kilometer": true, "meter": true, "m²": true, "personen": true, "vte": true,
	"keer": true, "exemplaren": true,
}

func isUnit(s string) bool { return units[strings.ToLower(core(s))] || s == "%" }

// isOrdinal: "14e", "1ste", "2de".
func isOrdinal(s string) bool {
	for _, suf := range [...]string{"ste", "de", "e"} {
		if d, ok := strings.CutSuffix(s, suf); ok && isDigits(d) {
			return true
		}
	}
	return false
}

func isWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

var streetSuffixes = [...]string{
	"straat", "laan", "plein", "weg", "steenweg", "dreef", "markt", "lei", "kaai", "kade",
	"baan", "singel", "park", "hof", "vest", "dijk", "wal", "pad", "ring", "dam", "gracht",
	"kouter", "boulevard", "square", "berg", "veld", "hoek", "dries", "meers", "gaarde",
}

// isStreet: a word ending a street name, "Werfplein", "II-laan", "Markt".
func isStreet(s string) bool {
	if s == "" || !unicode.IsLetter(rune(s[len(s)-1])) {
		return false // "… laan," ends the street name
	}
	l := strings.ToLower(s)
	for _, suf := range streetSuffixes {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// isHouseNumber: "5", "18,", "12A", "3/1".
func isHouseNumber(s string) bool {
	c := core(s)
	if !startsWithDigit(c) {
		return false
	}
	i := 0
	for i < len(c) && c[i] >= '0' && c[i] <= '9' {
		i++
	}
	rest := c[i:]
	return rest == "" || len(rest) == 1 && unicode.IsLetter(rune(rest[0])) || rest[0] == '/' && isDigits(rest[1:])
}

func isPostcode(s string) bool { return len(s) == 4 && isDigits(s) && s[0] != '0' }

// isPhonePrefix: "+32", "016", "02".
func isPhonePrefix(s string) bool {
	if d, ok := strings.CutPrefix(s, "+"); ok {
		return len(d) >= 1 && len(d) <= 3 && isDigits(d)
	}
	return len(s) >= 2 && len(s) <= 4 && s[0] == '0' && isDigits(s)
}
