package testlib

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	pdfcpu "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

var startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)

// AppendSignature appends to pdf an incremental update as signing software
// writes one: a signature dictionary by signer on date (YYYYMMDD), its
// signature field on page 1, and a text annotation; the bytes before stay
// as they were. With contents set the update also replaces page 1's
// content stream, as a tool that edits the text would.
func AppendSignature(t testing.TB, pdf []byte, signer, date string, contents bool) []byte {
	t.Helper()
	model.ConfigPath = "disable"
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(pdf), conf)
	if err != nil {
		t.Fatal(err)
	}
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no startxref at the end of the PDF")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	if err := ctx.EnsurePageCount(); err != nil {
		t.Fatal(err)
	}
	page, pageRef, _, err := ctx.PageDict(1, false)
	if err != nil || pageRef == nil {
		t.Fatalf("page 1: %v", err)
	}
	size := *ctx.XRefTable.Size
	annot, sig, field, content := size, size+1, size+2, size+3
	page = page.Clone().(types.Dict)
	page["Annots"] = types.Array{*types.NewIndirectRef(annot, 0), *types.NewIndirectRef(field, 0)}
	objs := map[int]string{
		annot: fmt.Sprintf("<< /Type /Annot /Subtype /Text /Rect [20 20 40 40] /Contents (Gezien) /P %d 0 R >>", pageRef.ObjectNumber.Value()),
		sig: fmt.Sprintf("<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /Name (%s) /M (D:%s120000Z) /Reason (Ondertekend) /ByteRange [0 0 0 0] /Contents <%s> >>",
			signer, date, bytes.Repeat([]byte("00"), 64)),
		field: fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /T (Handtekening) /V %d 0 R /Rect [0 0 0 0] /F 132 /P %d 0 R >>", sig, pageRef.ObjectNumber.Value()),
	}
	if contents {
		objs[content] = "<< /Length 28 >>\nstream\nBT /F1 12 Tf (gewijzigd) Tj ET\nendstream"
		page["Contents"] = *types.NewIndirectRef(content, 0)
	}
	objs[pageRef.ObjectNumber.Value()] = page.PDFString()
	var b bytes.Buffer
	b.Write(pdf)
	b.WriteString("\n")
	offsets := map[int]int{}
	nums := []int{pageRef.ObjectNumber.Value(), annot, sig, field}
	newSize := field + 1
	if contents {
		nums, newSize = append(nums, content), content+1
	}
	for _, n := range nums {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, objs[n])
	}
	xref := b.Len()
	b.WriteString("xref\n0 1\n0000000000 65535 f \n")
	for _, n := range nums {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	trailer := fmt.Sprintf("<< /Size %d /Root %s /Prev %d", newSize, ctx.XRefTable.Root.PDFString(), prev)
	if ctx.XRefTable.Info != nil {
		trailer += " /Info " + ctx.XRefTable.Info.PDFString()
	}
	if ctx.XRefTable.ID != nil {
		trailer += " /ID " + ctx.XRefTable.ID.PDFString()
	}
	fmt.Fprintf(&b, "trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}
