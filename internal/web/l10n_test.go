package web_test

import "github.com/agii/ovk/internal/l10n"

func pageT(id string, args map[string]any) string { return l10n.For("nl").T(id, args) }
