package ovk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/agii/ovk/internal/batch"
	"github.com/agii/ovk/internal/compare"
	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/draft"
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/l10n"
	"github.com/agii/ovk/internal/register"
)

// SchemaPack is the schema of a review pack's pack.json.
const SchemaPack = "ovk-pack/1"

// PackOptions configure a review pack.
type PackOptions struct {
	// From, To, Signed and Register are as for Impact: without Signed
	// every municipality is compared against From.
	From, To string
	Signed   bool
	Register *Register
	// Dir is the folder the pack is written to; it is created if needed.
	Dir string
	// Loc words the HTML and the reasons (the redline PDF is Dutch).
	Loc *l10n.Localizer
	// Describe turns an error into text.
	Describe func(error) string
	// Workers bounds the municipalities compared at once (0: one per core).
	Workers int
}

// PackMunicipality is one municipality of a pack.
type PackMunicipality struct {
	NIS  string `json:"nis"`
	Name string `json:"name"`
	// From is the release compared against (the signed one, or From).
	From string `json:"from"`
	// HTML and PDF are the redline files in the pack (empty when nothing
	// changes or a side could not be drafted).
	HTML  string `json:"html,omitempty"`
	PDF   string `json:"pdf,omitempty"`
	Group int    `json:"group,omitempty"`
	// Status is ok, or why it is not compared (not_served, merged, failed)
	// with Error saying why.
	Status BatchStatus `json:"status"`
	Error  string      `json:"error,omitempty"`
}

// PackGroup is a set of changes that several municipalities share: a
// reviewer reads it once.
type PackGroup struct {
	Number         int      `json:"number"`
	Changes        []Change `json:"changes"`
	Municipalities []string `json:"municipalities"`
}

// Pack is what a review pack holds (pack.json; index.html shows it).
type Pack struct {
	Schema         string             `json:"schema"`
	Library        string             `json:"library"`
	From           string             `json:"from"`
	To             string             `json:"to"`
	Register       string             `json:"register"`
	Groups         []PackGroup        `json:"groups"`
	Unchanged      []string           `json:"unchanged"`
	Unsigned       []string           `json:"unsigned,omitempty"`
	Municipalities []PackMunicipality `json:"municipalities"`
}

// WritePack writes the review pack of a renewal into o.Dir: per
// municipality whose agreement changes the redline of its old agreement
// (the signed one, or under From) against the renewal draft under To, as
// HTML and as PDF, and index.html, which groups the municipalities by
// identical set of changes with links into their redlines, plus pack.json.
// Every file is written atomically.
func (c *Catalog) WritePack(ctx context.Context, o PackOptions) (*Pack, error) {
	to, err := c.Drafter(o.To)
	if err != nil {
		return nil, err
	}
	reg := o.Register
	fromOf := func(*register.Entry) *draft.Drafter { return nil }
	var unsigned []string
	if o.Signed {
		if reg, fromOf, unsigned, err = c.signedReleases(o.Register); err != nil {
			return nil, err
		}
	} else {
		from, err := c.Drafter(o.From)
		if err != nil {
			return nil, err
		}
		fd := from.Unbounded()
		fromOf = func(*register.Entry) *draft.Drafter { return fd }
	}
	if err := os.MkdirAll(o.Dir, 0o755); err != nil {
		return nil, err
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Describe == nil {
		o.Describe = func(err error) string { return err.Error() }
	}
	toU := to.Unbounded()
	nl := l10n.For("nl")
	pk := &Pack{Schema: SchemaPack, Library: to.Lib.ID, From: o.From, To: to.Lib.Version, Register: o.Register.Name,
		Groups: []PackGroup{}, Unchanged: []string{}, Unsigned: unsigned, Municipalities: make([]PackMunicipality, len(reg.Entries))}
	if o.Signed {
		pk.From = SignedFrom
	}
	changes := make([][]Change, len(reg.Entries))
	var mu sync.Mutex
	var werr error
	batch.Parallel(ctx, o.Workers, len(reg.Entries), func(i int) {
		e := reg.Entries[i]
		pm := &pk.Municipalities[i]
		*pm = PackMunicipality{NIS: e.NIS, Name: e.Name, Status: BatchOK}
		if e.Err != nil {
			pm.Status, pm.Error = BatchFailed, o.Describe(e.Err)
			return
		}
		from := fromOf(e)
		pm.From = from.Lib.Version
		r, err := packReport(from, toU, e)
		if err != nil {
			it := &batch.Item{}
			batch.Classify(it, refusal(e.Profile, err), o.Describe)
			pm.Status, pm.Error = it.Status, it.Error
			return
		}
		changes[i] = compare.ChangesOf(r, o.Loc.T)
		if len(changes[i]) == 0 {
			return
		}
		base := FileName(e.NIS, e.Name, "")
		var h, p bytes.Buffer
		err = compare.WriteHTML(&h, r, o.Loc.T, o.Loc.Lang)
		if err == nil {
			err = WriteReport(&p, r, ReportPDF, nl, false)
		}
		if err == nil {
			err = fsutil.WriteFileNoSync(filepath.Join(o.Dir, base+".html"), h.Bytes(), 0o644)
		}
		if err == nil {
			err = fsutil.WriteFileNoSync(filepath.Join(o.Dir, base+".pdf"), p.Bytes(), 0o644)
		}
		if err != nil {
			mu.Lock()
			werr = err
			mu.Unlock()
			return
		}
		pm.HTML, pm.PDF = base+".html", base+".pdf"
	})
	if werr != nil {
		return nil, werr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	pk.group(changes)
	js, _ := json.MarshalIndent(pk, "", "  ")
	if err := fsutil.WriteFile(filepath.Join(o.Dir, "pack.json"), append(js, '\n'), 0o644); err != nil {
		return nil, err
	}
	var idx bytes.Buffer
	if err := packIndex.Execute(&idx, packPage{Pack: pk, T: func(id string, kv ...any) string { return o.Loc.T(id, diag.A(kv...)) },
		Lang: o.Loc.Lang}); err != nil {
		return nil, err
	}
	if err := fsutil.WriteFile(filepath.Join(o.Dir, "index.html"), idx.Bytes(), 0o644); err != nil {
		return nil, err
	}
	return pk, nil
}

// packReport drafts e under both releases and compares them, with the
// word-level redlines.
func packReport(from, to *draft.Drafter, e *register.Entry) (*Report, error) {
	a, err := from.Prepare(e.Profile)
	if err != nil {
		return nil, err
	}
	b, err := to.Prepare(e.Profile)
	if err != nil {
		return nil, err
	}
	return Diff(compare.FromDraft(compare.SideProfile, e.Source, a.Profile, a.Selection, a.Doc),
		compare.FromDraft(compare.SideProfile, e.Source, b.Profile, b.Selection, b.Doc))
}

// changeKey is what makes two municipalities' changes the same set: per
// change its clause or part, status, versions and changed values, not the
// reason's wording of who it is about.
func changeKey(cs []Change) string {
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s|%s|%s|%d>%d|%s>%s", c.Clause, c.Part, c.Status, c.FromVersion, c.ToVersion, c.FromChapter, c.ToChapter)
		for _, v := range c.Values {
			fmt.Fprintf(&b, "|%s=%s>%s", v.Name, deref(v.Old), deref(v.New))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func deref(s *string) string {
	if s == nil {
		return "\x00"
	}
	return *s
}

// group sorts the changed municipalities into groups of identical sets of
// changes, the largest group first.
func (pk *Pack) group(changes [][]Change) {
	byKey := map[string]int{}
	for i := range pk.Municipalities {
		pm := &pk.Municipalities[i]
		label := strings.TrimSpace(pm.NIS + " " + pm.Name)
		if pm.Error != "" {
			continue
		}
		if len(changes[i]) == 0 {
			pk.Unchanged = append(pk.Unchanged, label)
			continue
		}
		k := changeKey(changes[i])
		g, ok := byKey[k]
		if !ok {
			g = len(pk.Groups)
			byKey[k] = g
			pk.Groups = append(pk.Groups, PackGroup{Changes: changes[i]})
		}
		pk.Groups[g].Municipalities = append(pk.Groups[g].Municipalities, pm.NIS)
	}
	order := make([]int, len(pk.Groups))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return len(pk.Groups[order[a]].Municipalities) > len(pk.Groups[order[b]].Municipalities)
	})
	groups := make([]PackGroup, len(order))
	number := map[string]int{}
	for n, g := range order {
		groups[n] = pk.Groups[g]
		groups[n].Number = n + 1
		for _, nis := range groups[n].Municipalities {
			number[nis] = n + 1
		}
	}
	pk.Groups = groups
	for i := range pk.Municipalities {
		pk.Municipalities[i].Group = number[pk.Municipalities[i].NIS]
	}
}

type packPage struct {
	*Pack
	T    func(id string, kv ...any) string
	Lang string
}

// Municipality finds the pack's entry of nis.
func (p packPage) Municipality(nis string) *PackMunicipality {
	for i := range p.Municipalities {
		if p.Municipalities[i].NIS == nis {
			return &p.Municipalities[i]
		}
	}
	return nil
}

// Failed are the municipalities that could not be compared.
func (p packPage) Failed() []PackMunicipality {
	var out []PackMunicipality
	for _, m := range p.Municipalities {
		if m.Error != "" {
			out = append(out, m)
		}
	}
	return out
}

var packIndex = template.Must(template.New("index").Funcs(template.FuncMap{"mark": func(s Status) string { return Mark(s) }}).Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8">
<title>{{call .T "pack.title" "from" .From "to" .To}}</title>
<style>body{font-family:serif;max-width:60em;margin:2em auto;line-height:1.4}h2{border-top:1px solid #aaa;padding-top:.5em}
.m{font-size:.95em}li{margin:.15em 0}.st{font-family:monospace}</style></head><body>
<h1>{{call .T "pack.title" "from" .From "to" .To}}</h1>
<p>{{call .T "pack.intro" "register" .Register "groups" (len .Groups) "unchanged" (len .Unchanged)}}</p>
{{range .Groups}}{{$g := .}}<h2 id="groep-{{.Number}}">{{call $.T "pack.group" "n" .Number "count" (len .Municipalities)}}</h2>
<ul>{{range .Changes}}<li><span class="st">{{mark .Status}}</span> {{if .Clause}}<b>{{.Clause}}</b>{{else}}<b>{{.Part}}</b>{{end}}: {{.Why}}</li>{{end}}</ul>
<p class="m">{{range $i, $nis := .Municipalities}}{{with $.Municipality $nis}}{{if $i}} · {{end}}{{.NIS}} {{.Name}} ({{.From}}: <a href="{{.HTML}}">HTML</a>, <a href="{{.PDF}}">PDF</a>){{end}}{{end}}</p>
{{end}}
{{if .Unchanged}}<h2>{{call .T "pack.unchanged" "count" (len .Unchanged)}}</h2><p class="m">{{range $i, $m := .Unchanged}}{{if $i}} · {{end}}{{$m}}{{end}}</p>{{end}}
{{with .Failed}}<h2>{{call $.T "pack.failed" "count" (len .)}}</h2><ul>{{range .}}<li>{{.NIS}} {{.Name}}: <pre>{{.Error}}</pre></li>{{end}}</ul>{{end}}
{{if .Unsigned}}<h2>{{call .T "pack.unsigned" "count" (len .Unsigned)}}</h2><p class="m">{{range $i, $m := .Unsigned}}{{if $i}} · {{end}}{{$m}}{{end}}</p>{{end}}
</body></html>
`))
