package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"
)

// TestBadValuesNever500 replaces every value of a valid JSON profile, one
// at a time, with values of the wrong type, empty, out of range or that the
// PDF font cannot show: every answer is the agreement, a 400 or a 422,
// never a server error.
func TestBadValuesNever500(t *testing.T) {
	a := newAPI(t, Options{})
	var doc map[string]any
	if err := json.Unmarshal(opwijkJSON(t), &doc); err != nil {
		t.Fatal(err)
	}
	replacements := []any{nil, "", -1, 1e300, true, []any{}, map[string]any{}, "😀", "a\u0000b",
		strings.Repeat("lang ", 2000), "2026-02-30"}
	tried, statuses := 0, map[int]int{}
	walk(doc, "", func(path string, set func(any)) {
		for _, v := range replacements {
			set(v)
			body, _ := json.Marshal(doc)
			// The PDF for text values (where the font and layout matter), the
			// cheaper text rendering otherwise.
			accept := mediaText
			if _, ok := v.(string); ok {
				accept = mediaPDF
			}
			r := jsonReq(body, "Accept", accept)
			r.invalid = true
			rec := a.do(t, r)
			tried++
			statuses[rec.Code]++
			if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest && rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s = %.40v: %d %.300s", path, fmt.Sprint(v), rec.Code, rec.Body)
			}
		}
	})
	t.Logf("%d requests, statuses %v", tried, statuses)
	if tried < 300 || statuses[http.StatusUnprocessableEntity] == 0 {
		t.Errorf("%d requests, statuses %v", tried, statuses)
	}
}

// walk calls f for every leaf of v with its path and a setter; after f the
// leaf is restored.
func walk(v any, path string, f func(path string, set func(any))) {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			old := x[k]
			if isLeaf(old) {
				f(path+"."+k, func(n any) { x[k] = n })
				x[k] = old
				continue
			}
			walk(old, path+"."+k, f)
		}
	case []any:
		for i, old := range x {
			if isLeaf(old) {
				f(fmt.Sprintf("%s[%d]", path, i), func(n any) { x[i] = n })
				x[i] = old
				continue
			}
			walk(old, fmt.Sprintf("%s[%d]", path, i), f)
		}
	}
}

func isLeaf(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}
