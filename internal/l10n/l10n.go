// Package l10n owns the translation of ovk's messages: one localizer per
// language, each with a go-i18n bundle of the messages in locales/ that it
// can show (its language and the default, Dutch), parsed when it first
// translates. It is the only package that imports go-i18n. The language of
// messages never changes the language of an agreement, which is Dutch.
package l10n

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/agii/ovk/internal/diag"
	"github.com/agii/ovk/internal/tomlfile"
	"github.com/agii/ovk/locales"
)

// Languages are the languages messages exist in; the first is the default.
var Languages = []string{"nl", "en"}

var (
	cache   sync.Map // index in Languages → *Localizer
	matcher = language.NewMatcher([]language.Tag{language.Dutch, language.English})
)

// newBundle parses the message files of the default language and of lang.
// Files are named LANG.toml or TOPIC.LANG.toml (e.g. batch.en.toml), so
// that each feature keeps its messages in files of its own.
func newBundle(lang string) (*i18n.Bundle, error) {
	b := i18n.NewBundle(language.Dutch)
	b.RegisterUnmarshalFunc("toml", tomlfile.Unmarshal)
	files, err := fs.Glob(locales.FS, "*.toml")
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		if l := fileLang(name); l != Languages[0] && l != lang {
			continue
		}
		src, err := fs.ReadFile(locales.FS, name)
		if err == nil {
			_, err = b.ParseMessageFileBytes(src, name)
		}
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// fileLang is the language of a message file: "en" for batch.en.toml.
func fileLang(name string) string {
	parts := strings.Split(name, ".")
	if len(parts) < 2 {
		return ""
	}
	return parts[len(parts)-2]
}

// Localizer translates message ids into one language.
type Localizer struct {
	Lang   string
	once   sync.Once
	bundle *i18n.Bundle // nil until the first translation
	loc    *i18n.Localizer
	err    error
}

// For returns the localizer of lang ("nl", "en", "en-GB", an
// Accept-Language header…); unknown languages fall back to Dutch. It parses
// nothing: the messages are read when the localizer first translates.
func For(lang string) *Localizer {
	tags, _, _ := language.ParseAcceptLanguage(lang)
	_, idx, _ := matcher.Match(tags...)
	// One localizer per supported language: the cache cannot grow with
	// whatever Accept-Language headers callers send.
	if l, ok := cache.Load(idx); ok {
		return l.(*Localizer)
	}
	l, _ := cache.LoadOrStore(idx, &Localizer{Lang: Languages[idx]})
	return l.(*Localizer)
}

// localizer parses the messages on first use. The catalogue is embedded
// and checked by the tests, so a broken one is a bug of the build.
func (l *Localizer) localizer() *i18n.Localizer {
	l.once.Do(func() {
		l.bundle, l.err = newBundle(l.Lang)
		if l.err == nil {
			l.loc = i18n.NewLocalizer(l.bundle, l.Lang)
		}
	})
	if l.err != nil {
		panic(fmt.Sprintf("ovk: the embedded message catalogue is broken: %v", l.err))
	}
	return l.loc
}

// T translates id with args. A message missing in the language gives the
// Dutch text; a message missing everywhere gives the id with its arguments.
func (l *Localizer) T(id string, args map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: args}
	if n, ok := args["count"]; ok {
		cfg.PluralCount = n // messages with one/other forms choose by "count"
	}
	s, err := l.localizer().Localize(cfg)
	if s == "" && err != nil {
		return diag.Untranslated(id, args)
	}
	return s
}

// Problem renders a problem as "file:line:col: key: message".
func (l *Localizer) Problem(p diag.Problem) string { return p.Format(l.T) }

// FromEnv picks the message language: flag (if not empty), then OVK_LANG,
// LC_ALL, LC_MESSAGES, LANG; Dutch when none says nl or en.
func FromEnv(flag string) string {
	if flag != "" {
		return flag
	}
	for _, k := range []string{"OVK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" && v != "C" && v != "POSIX" {
			v = strings.SplitN(v, ".", 2)[0]
			return strings.ReplaceAll(v, "_", "-")
		}
	}
	return "nl"
}
