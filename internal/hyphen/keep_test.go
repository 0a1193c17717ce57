package hyphen

import (
	"strings"
	"testing"
)

// Each case is a text with the spaces that must not be broken written as
// "_": Keep must find exactly those.
func TestKeep(t *testing.T) {
	for _, want := range []string{
		"het decreet van 7_juni_2013 betreffende het Vlaamse integratie-_en inburgeringsbeleid",
		"gefaseerd op 1_maart_2022 en 1_januari_2023, en vanaf juli_2008 of 31_december.",
		"telefonisch op het nummer +32_16_00_00_00. Of 016_00_00_00 en +32_2_000_00_01",
		"met zetel te Koning Albert II-laan_5, 1210_Brussel, hier vertegenwoordigd",
		"Professor Van Overstraetenplein_1, 3000_Leuven en Grote Markt_3, 9300_Aalst",
		"bedoeld in artikel_8,_§_1, van het decreet en in §_2 en artikel_6.1,_c) of e), van de AVG",
		"in artikel_2,_10° en §_1,_eerste_lid, in hoofdstuk_5 en bus_3",
		"steunt op artikel_6,_lid_1,_e), van de AVG",
		"een bedrag van 5.000_euro of €_250 per jaar, voor 40_uur binnen 3_maanden",
		"uiterlijk op de 14e_dag na de wijziging; verordening (EU)_2016/679 van het Europees Parlement",
		"in 2026 Leuven, mei is een maand en 12 apen",
		"dagmar.simkova@leuven.example.be en https://www.integratie-inburgering.be",
	} {
		words := strings.Fields(strings.ReplaceAll(want, "_", " "))
		keep := Keep(words, nil)
		var b strings.Builder
		for i, w := range words {
			b.WriteString(w)
			switch {
			case i == len(words)-1:
			case keep[i]:
				b.WriteByte('_')
			default:
				b.WriteByte(' ')
			}
		}
		if got := b.String(); got != want {
			t.Errorf("Keep:\n got %s\nwant %s", got, want)
		}
	}
}

func TestProtected(t *testing.T) {
	keep := []bool{false, true, false}
	for i, want := range []bool{false, true, true} {
		if Protected(keep, i) != want {
			t.Errorf("Protected(%v, %d) = %v", keep, i, !want)
		}
	}
}

// Keep never panics and never keeps the space after the last word.
func FuzzKeep(f *testing.F) {
	for _, s := range []string{"op 7 juni 2013", "+32 16 00 00 00.", "artikel 8, § 1, c)", "  ", "§", "0 0 0 0", "Markt 3, 9300 Aalst", "a- en"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := strings.Split(s, " ")
		keep := Keep(words, nil)
		if len(keep) != len(words) || keep[len(keep)-1] {
			t.Fatalf("%q: keep %v", s, keep)
		}
	})
}
