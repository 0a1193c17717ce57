package compare

// Outcome is what verify concludes about a PDF that ovk drafted, when it
// drafts the PDF's embedded profile again under today's release.
type Outcome string

// The outcomes of verify. Their exit codes are 0, 4 and 3 (see cli).
const (
	// Identical: byte for byte the PDF ovk drafts today.
	Identical Outcome = "identical"
	// SameContent: other bytes, the same agreement — every clause, value
	// and part outside the articles as today, under the same release — as
	// when another ovk version (another PDF writer, say) or another tool
	// wrote the file.
	SameContent Outcome = "same_content"
	// Differs: the agreement would be drafted differently; the report
	// names the clauses.
	Differs Outcome = "differs"
)

// Verification is verify's verdict on one PDF.
type Verification struct {
	Outcome Outcome `json:"outcome"`
	// Report compares the agreement the PDF carries (old) with the one
	// drafted today (new), without redlines (ask Documents for those); nil
	// when the bytes are identical.
	Report *Report `json:"report,omitempty"`
}

// Verify compares the agreement a PDF carries with the one drafted again
// today from its profile; sameBytes says whether the PDF's bytes are the
// ones drafted today. Errors are those of Documents.
func Verify(embedded, redrafted *Agreement, sameBytes bool) (*Verification, error) {
	if sameBytes {
		return &Verification{Outcome: Identical}, nil
	}
	r, err := documents(embedded, redrafted, false)
	if err != nil {
		return nil, err
	}
	v := &Verification{Outcome: Differs, Report: r}
	if r.Same() && r.Old.LibraryID == r.New.LibraryID && r.Old.LibraryVersion == r.New.LibraryVersion {
		v.Outcome = SameContent
	}
	return v, nil
}
