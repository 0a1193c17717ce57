// Package l10n owns the translation of ovk's messages: one go-i18n bundle
// built at start-up from locales/, one localizer per language. Dutch is the
// default. It is the only package that imports go-i18n. The language of
// messages never changes the language of an agreement, which is Dutch.
package l10n

import (
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
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	bundleErr  error
	cache      sync.Map // index in Languages → *Localizer
	matcher    = language.NewMatcher([]language.Tag{language.Dutch, language.English})
)

func load() {
	bundle = i18n.NewBundle(language.Dutch)
	bundle.RegisterUnmarshalFunc("toml", tomlfile.Unmarshal)
	// Files are named LANG.toml or TOPIC.LANG.toml (e.g. batch.en.toml), so
	// that each feature keeps its messages in files of its own.
	files, _ := fs.Glob(locales.FS, "*.toml")
	for _, name := range files {
		src, err := fs.ReadFile(locales.FS, name)
		if err == nil {
			_, err = bundle.ParseMessageFileBytes(src, name)
		}
		if err != nil {
			bundleErr = err
			return
		}
	}
}

// Localizer translates message ids into one language.
type Localizer struct {
	Lang string
	loc  *i18n.Localizer
}

// For returns the localizer of lang ("nl", "en", "en-GB", an
// Accept-Language header…); unknown languages fall back to Dutch.
func For(lang string) *Localizer {
	bundleOnce.Do(load)
	if bundleErr != nil {
		panic("ovk: the embedded message catalogue is broken: " + bundleErr.Error())
	}
	tags, _, _ := language.ParseAcceptLanguage(lang)
	_, idx, _ := matcher.Match(tags...)
	// One localizer per supported language: the cache cannot grow with
	// whatever Accept-Language headers callers send.
	if l, ok := cache.Load(idx); ok {
		return l.(*Localizer)
	}
	l := &Localizer{Lang: Languages[idx], loc: i18n.NewLocalizer(bundle, Languages[idx])}
	cache.Store(idx, l)
	return l
}

// T translates id with args. A message missing in the language gives the
// Dutch text; a message missing everywhere gives the id with its arguments.
func (l *Localizer) T(id string, args map[string]any) string {
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: args}
	if n, ok := args["count"]; ok {
		cfg.PluralCount = n // messages with one/other forms choose by "count"
	}
	s, err := l.loc.Localize(cfg)
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
