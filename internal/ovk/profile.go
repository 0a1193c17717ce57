package ovk

import (
	"github.com/agii/ovk/internal/fsutil"
	"github.com/agii/ovk/internal/limits"

	"github.com/agii/ovk/internal/pdf"
	"github.com/agii/ovk/internal/profile"
)

// Profile is a municipality's profile, as the front ends pass it on.
type Profile = profile.Profile

// LoadProfile reads a profile file (TOML).
func LoadProfile(file string) (*profile.Profile, error) {
	src, err := fsutil.ReadFile(file, limits.Get().ProfileBytes)
	if err != nil {
		return nil, err
	}
	return profile.Parse(file, src)
}

// EmbeddedProfile parses the profile a PDF made by ovk carries (see
// pdf.ReadEmbedded); file names the PDF in problems. It returns nil and no
// error when the PDF carries none.
func EmbeddedProfile(file string, emb *pdf.Embedded) (*profile.Profile, error) {
	if len(emb.Profile) == 0 {
		return nil, nil
	}
	name := file + "#" + emb.ProfileName
	if emb.ProfileName == "profile.json" {
		return profile.ParseJSON(name, emb.Profile)
	}
	return profile.Parse(name, emb.Profile)
}
