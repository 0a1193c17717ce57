package nlfmt

import (
	"testing"
	"time"
)

func TestDateString(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{Date{2019, time.November, 7}, "7 november 2019"},
		{Date{2022, time.March, 1}, "1 maart 2022"},
		{Date{2031, time.December, 31}, "31 december 2031"},
	} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%v: got %q, want %q", c.d.ISO(), got, c.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	d, err := ParseDate("2025-01-01")
	if err != nil || d != (Date{2025, time.January, 1}) {
		t.Fatalf("got %v, %v", d, err)
	}
	for _, bad := range []string{"2025-13-01", "1/1/2025", "", "2025-02-30"} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("%q: want error", bad)
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := Date{2025, 1, 1}, Date{2025, 1, 2}
	if !a.Before(b) || b.Before(a) || a.Compare(a) != 0 {
		t.Fatal("order wrong")
	}
}

func TestInt(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 7: "7", 999: "999", 1000: "1.000", 1250: "1.250",
		25451: "25.451", 1000000: "1.000.000", -5000: "-5.000", -500: "-500"} {
		if got := Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestAmount(t *testing.T) {
	for v, want := range map[float64]string{5000: "5.000 euro", 25451.73: "25.451,73 euro", 90: "90 euro",
		0.5: "0,50 euro", 1234567.891: "1.234.567,89 euro"} {
		if got := Amount(v); got != want {
			t.Errorf("Amount(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestList(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a en b"}, {[]string{"a", "b", "c"}, "a, b en c"}} {
		if got := List(c.in); got != c.want {
			t.Errorf("List(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
