// Package nlfmt formats dates, numbers and amounts the way Flemish legal
// Dutch writes them in running text: "7 november 2019", "1.250", "5.000 euro".
package nlfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

var months = [...]string{"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december"}

// Date is a calendar date without time of day or zone: TOML local dates
// decode into it without the machine's offset shifting the day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date of the form JJJJ-MM-DD", s)
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// DateOf takes the calendar date of t as written (its own location), which is
// how BurntSushi/toml hands over local dates.
func DateOf(t time.Time) Date { return Date{t.Year(), t.Month(), t.Day()} }

// IsZero reports whether d is the zero date.
func (d Date) IsZero() bool { return d.Year == 0 }

// Before reports whether d comes before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// Compare returns -1, 0 or 1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

func sign(i int) int {
	switch {
	case i < 0:
		return -1
	case i > 0:
		return 1
	}
	return 0
}

// ISO renders "2006-01-02".
func (d Date) ISO() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// String renders the date in running Dutch text: "7 november 2019".
func (d Date) String() string {
	if d.Month < 1 || d.Month > 12 {
		return d.ISO()
	}
	return strconv.Itoa(d.Day) + " " + months[d.Month-1] + " " + strconv.Itoa(d.Year)
}

// Int renders an integer with a dot for thousands: 1250 → "1.250".
func Int(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	pre := len(s) % 3
	if pre > 0 {
		b.WriteString(s[:pre])
	}
	for i := pre; i < len(s); i += 3 {
		if b.Len() > 0 && !(neg && b.Len() == 1) {
			b.WriteByte('.')
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

// Amount renders euro: 5000 → "5.000 euro", 25451.73 → "25.451,73 euro".
// Amounts are rounded to the cent.
func Amount(v float64) string {
	cents := int64(math.Round(v * 100))
	whole, frac := cents/100, cents%100
	if frac < 0 {
		frac = -frac
	}
	if frac == 0 {
		return Int(whole) + " euro"
	}
	return fmt.Sprintf("%s,%02d euro", Int(whole), frac)
}

// List joins items the Dutch way: "a, b en c".
func List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " en " + items[len(items)-1]
}

// DateSyntaxError starts the error UnmarshalTOML returns for a value that
// is not a date, so that callers can put it in the user's language.
const DateSyntaxError = "expected a date such as 2026-03-15 (without quotes)"

// UnmarshalTOML accepts a TOML local date (2026-03-15).
func (d *Date) UnmarshalTOML(v any) error {
	t, ok := v.(time.Time)
	if !ok || t.Hour() != 0 || t.Minute() != 0 || t.Second() != 0 || t.Nanosecond() != 0 {
		return fmt.Errorf("%s, got %v", DateSyntaxError, v)
	}
	*d = DateOf(t)
	return nil
}

// UnmarshalJSON accepts "2026-03-15".
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return fmt.Errorf("expected a date string such as \"2026-03-15\", got %s", b)
	}
	s = string(b[1 : len(b)-1])
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes "2026-03-15".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.ISO() + `"`), nil }

var words = [...]string{"nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
	"elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien", "twintig"}

// Words writes a whole number out the way a deed does: 0 to 20 in words
// ("drie", "twaalf"), larger and negative numbers in digits ("1.250").
func Words(n int64) string {
	if n >= 0 && n < int64(len(words)) {
		return words[n]
	}
	return Int(n)
}
