package l10n

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/tomlfile"
	"github.com/agii/ovk/locales"
)

// TestEveryMessageInBothLanguages finds every message id the Go code uses
// and checks that Dutch and English both have it.
func TestEveryMessageInBothLanguages(t *testing.T) {
	have := map[string]map[string]bool{"nl": {}, "en": {}}
	files, _ := fs.Glob(locales.FS, "*.toml")
	for _, name := range files {
		parts := strings.Split(name, ".")
		lang := parts[len(parts)-2]
		src, _ := fs.ReadFile(locales.FS, name)
		var m map[string]any
		if err := tomlfile.Unmarshal(src, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for k := range m {
			have[lang][k] = true
		}
	}
	idRE := regexp.MustCompile(`"((?:err|msg|cli|why)\.[a-z0-9_.]+)"`)
	used := map[string]bool{}
	filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "../.." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			src, _ := os.ReadFile(path)
			for _, m := range idRE.FindAllStringSubmatch(string(src), -1) {
				used[m[1]] = true
			}
		}
		return nil
	})
	if len(used) < 50 {
		t.Fatalf("found only %d message ids; is the walk broken?", len(used))
	}
	var missing []string
	for id := range used {
		for lang, ids := range have {
			if !ids[id] {
				missing = append(missing, lang+": "+id)
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("messages missing:\n%s", strings.Join(missing, "\n"))
	}
}

func TestFor(t *testing.T) {
	for in, want := range map[string]string{"": "nl", "en": "en", "en-GB,en;q=0.9": "en", "fr": "nl", "nl-BE": "nl", "de-DE, en;q=0.5": "en"} {
		if got := For(in).Lang; got != want {
			t.Errorf("For(%q) = %s, want %s", in, got, want)
		}
	}
	if got := For("en").T("err.nis.invalid", map[string]any{"nis": "123"}); got != "invalid NIS code 123: expected five digits, e.g. 23060" {
		t.Errorf("en: %q", got)
	}
	if got := For("nl").T("no.such.id", nil); got != "no.such.id" {
		t.Errorf("missing id: %q", got)
	}
}

// TestMessagesParsedPerLanguageOnFirstUse: For parses nothing; a localizer
// parses the messages of its language and of Dutch (the fallback) when it
// first translates, and no others.
func TestMessagesParsedPerLanguageOnFirstUse(t *testing.T) {
	cache.Clear()
	t.Cleanup(cache.Clear)
	nl, en := For("nl"), For("en")
	if nl.bundle != nil || en.bundle != nil {
		t.Fatal("For parsed the messages before anything was translated")
	}
	if got := nl.T("err.nis.invalid", map[string]any{"nis": "123"}); !strings.Contains(got, "123") || strings.Contains(got, "invalid") {
		t.Errorf("nl: %q", got)
	}
	if en.bundle != nil {
		t.Error("translating into Dutch parsed the English messages")
	}
	if got := fmt.Sprint(nl.bundle.LanguageTags()); got != "[nl]" {
		t.Errorf("Dutch localizer holds %s, want [nl]", got)
	}
	en.T("err.nis.invalid", nil)
	if got := fmt.Sprint(en.bundle.LanguageTags()); got != "[nl en]" {
		t.Errorf("English localizer holds %s, want [nl en] (Dutch is the fallback)", got)
	}
	if For("en-GB") != en {
		t.Error("For made a second English localizer")
	}
}

func TestFileLang(t *testing.T) {
	for name, want := range map[string]string{"nl.toml": "nl", "batch.en.toml": "en", "a.b.nl.toml": "nl", "toml": ""} {
		if got := fileLang(name); got != want {
			t.Errorf("fileLang(%q) = %q, want %q", name, got, want)
		}
	}
}
