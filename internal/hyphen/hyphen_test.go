package hyphen

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// knownHyphenations are words of the agreements with their syllable breaks
// as the Woordenlijst Nederlandse Taal gives them. Breaks is right when
// every break it finds is one of these (a missed break only costs some
// spacing; a wrong one is a spelling error in a signed deed).
var knownHyphenations = strings.Fields(`
	sa-men-wer-kings-over-een-komst in-bur-ge-ring in-bur-ge-rings-tra-ject
	in-bur-ge-rings-at-test in-bur-ge-rings-plich-ti-gen be-ïn-vloe-den
	ge-meen-te agent-schap in-te-gra-tie over-een-komst ver-bin-te-nis-sen
	per-soons-ge-ge-vens ge-ge-vens-be-scher-ming con-tact-per-soon
	be-leids-co-ör-di-na-tor maat-schap-pe-lij-ke ori-ën-ta-tie
	ge-ïn-di-vi-du-a-li-seerd fi-nan-ci-ë-le ru-ï-ne tra-ject-be-ge-lei-ding
	on-der-steu-nings-aan-bod door-ver-wij-zing in-wer-king-tre-ding
	ver-te-gen-woor-digd al-ge-meen di-rec-teur bur-ge-mees-ter
	ge-meen-te-raads-be-sluit on-der-te-ke-naars ver-plich-tin-gen
	af-ge-slo-ten rijks-re-gis-ter-num-mer be-voegd-he-den uit-voe-ring
	we-der-zijd-se elek-tro-ni-sche be-stuur-lij-ke ge-ge-vens-ver-keer
	kin-der-op-vang be-leids-pe-ri-o-de on-der-ge-te-ken-den aan-spreek-punt
	laag-drem-pe-lig ra-cis-me dis-cri-mi-na-tie co-ör-di-na-tie na-ïef
	sa-men-wer-king con-tact-per-so-nen
	ge-ga-ran-deerd ver-ant-woor-de-lijk-heid in-schrij-ving net-werk-tra-ject
	be-roeps-ge-heim ge-va-li-deerd ont-wik-ke-lin-gen ver-ge-lij-king
	aan-ge-we-zen wer-kings-mid-de-len
`)

// points returns the byte offsets of the breaks in a hyphenated word and
// the word without its hyphens.
func points(hyphenated string) (string, map[int]bool) {
	p := map[int]bool{}
	var b strings.Builder
	for i, part := range strings.Split(hyphenated, "-") {
		if i > 0 {
			p[b.Len()] = true
		}
		b.WriteString(part)
	}
	return b.String(), p
}

func TestBreaksAreWoordenlijstBreaks(t *testing.T) {
	found, known := 0, 0
	for _, h := range knownHyphenations {
		word, want := points(h)
		for at := range want {
			if n := len([]rune(word[:at])); n >= LeftMin && len([]rune(word[at:])) >= RightMin {
				known++
			}
		}
		for _, b := range Breaks(word) {
			if !b.Hyphen {
				t.Errorf("%s: break at %d without a hyphen", word, b.At)
			}
			if !want[b.At] {
				head, tail := b.Split(word)
				t.Errorf("%s: wrong break %s|%s (Woordenlijst: %s)", word, head, tail, h)
			}
			found++
		}
	}
	// The patterns find most breaks (they miss a few at compound joints,
	// such as inburgerings-traject).
	if found < known*85/100 {
		t.Errorf("found %d of %d breaks, want at least 85%%", found, known)
	}
}

func TestBreakRules(t *testing.T) {
	for _, c := range []struct{ word, want string }{
		// The trema goes at a break (Woordenlijst): be-invloeden, ori-entatie.
		{"beïnvloeden", "be-|invloeden beïn-|vloeden beïnvloe-|den"},
		{"oriëntatie", "ori-|entatie oriën-|tatie oriënta-|tie"},
		{"ruïne", "ru-|ine"},
		// Fragments of at least two letters before and three after a break.
		{"gemeente", "ge-|meente"},
		{"zeeën", ""},
		{"adres", ""},
		// Punctuation stays with its fragment.
		{"(voorwaarden),", "(voor-|waarden), (voorwaar-|den),"},
		{"participatie-", "par-|ticipatie- parti-|cipatie- partici-|patie- participa-|tie-"},
		// A compound with a hyphen breaks at the hyphen only, and adds none.
		{"OCMW-cliënt", "OCMW-|cliënt"},
		{"gemeente-inwoners", "gemeente-|inwoners"},
		{"e-mailadres", ""},
		{"2026-2031", ""},
		// No names, abbreviations, numbers or addresses.
		{"Vercauteren", ""},
		{"Samenwerkingsovereenkomst", ""},
		{"AgII", ""},
		{"VVSG", ""},
		{"rijksregisternummers1", ""},
		{"dagmar.simkova@leuven.example.be", ""},
		{"https://integratie-inburgering.be", ""},
		{"www.integratie-inburgering.be", ""},
	} {
		var got []string
		for _, b := range Breaks(c.word) {
			head, tail := b.Split(c.word)
			got = append(got, head+"|"+tail)
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%s: breaks %q, want %q", c.word, g, c.want)
		}
	}
}

func TestParsePatterns(t *testing.T) {
	p := Dutch()
	if n := len(p.vfirst); n < 10000 {
		t.Fatalf("%d trie nodes: patterns not loaded", n)
	}
	q, err := ParsePatterns([]byte("UTF-8\nLEFTHYPHENMIN 2\n% comment\n1ba\n"))
	if err != nil {
		t.Fatal(err)
	}
	v := q.Points([]rune("abab"), nil)
	if want := []uint8{0, 1, 0, 0, 0}; string(v) != string(want) {
		t.Errorf("points of abab = %v, want %v", v, want)
	}
	if _, err := ParsePatterns([]byte("UTF-8\na1+b\n")); err == nil {
		t.Error("a pattern with '+' was accepted")
	}
	if _, err := ParsePatterns([]byte("UTF-8\n\xff1a\n")); err == nil {
		t.Error("invalid UTF-8 was accepted")
	}
}

// Breaks never panics and returns breaks inside the word, in order.
func FuzzBreaks(f *testing.F) {
	for _, s := range []string{"", "beïnvloeden", "OCMW-cliënt", "(voorwaarden),", "a-", "-", "ï", "\xff\xfe", "aaaaa-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, word string) {
		if b, h := Breaks(word), Hyphenate(word); !slices.Equal(b, h) {
			t.Fatalf("%q: Breaks %v, Hyphenate %v", word, b, h)
		}
		prev := 0
		for _, b := range Hyphenate(word) {
			if b.At <= prev || b.At >= len(word) {
				t.Fatalf("%q: break at %d after %d", word, b.At, prev)
			}
			prev = b.At
			b.Split(word)
		}
	})
}

func BenchmarkBreaksCold(b *testing.B) {
	Dutch()
	words := strings.Fields(strings.ReplaceAll(strings.Join(knownHyphenations, " "), "-", ""))
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			Hyphenate(w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(words)), "ns/word")
}

// testdata/woordenlijst.txt lists, reviewed, the hyphenations of the words
// of the example agreements; Breaks finds no break that is not listed.
func TestBreaksOfTheAgreementsWords(t *testing.T) {
	data, err := os.ReadFile("testdata/woordenlijst.txt")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for h := range strings.Lines(string(data)) {
		if h = strings.TrimSpace(h); h == "" || h[0] == '#' {
			continue
		}
		word, want := points(h)
		for _, b := range Breaks(word) {
			if !want[b.At] {
				head, tail := b.Split(word)
				t.Errorf("%s: break %s|%s is not in the list (%s)", word, head, tail, h)
			}
		}
		n++
	}
	if n < 500 {
		t.Errorf("%d words in the list", n)
	}
}
