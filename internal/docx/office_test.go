package docx_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/agii/ovk/internal/document"
	"github.com/agii/ovk/internal/testlib"
)

const officeInstall = "apt-get install libreoffice-writer-nogui python3-uno poppler-utils"

// unoPython returns a Python that imports uno (Debian's python3-uno is for
// /usr/bin/python3, which need not be the first python3 on PATH).
func unoPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import uno").Run() == nil {
			return py
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no python3 imports uno (CI): install python3-uno")
	}
	t.Skip("no python3 imports uno")
	return ""
}

// TestOffice opens the DOCX documents in LibreOffice, once for all of them
// (testdata/office.py): every example converted to PDF reads as the
// agreement's plain text (modulo line breaks and the page footers); every
// redline with all changes accepted reads exactly as the new agreement's
// DOCX, with all rejected exactly as the old one's.
func TestOffice(t *testing.T) {
	testlib.NeedTool(t, "soffice", officeInstall)
	testlib.NeedTool(t, "pdftotext", officeInstall)
	py := unoPython(t)
	dir := t.TempDir()
	var jobs []string
	job := func(src, mode, dst string) {
		jobs = append(jobs, filepath.Join(dir, src)+"|"+mode+"|"+filepath.Join(dir, dst))
	}

	docs := map[string]*document.Document{}
	for name, f := range examples(t) {
		doc := assemble(t, f, "")
		docs[name] = doc
		writeFile(t, dir, name+".docx", render(t, doc))
		job(name+".docx", "pdf", name+".pdf")
	}
	pairs := redlinePairs(t)
	for name, rl := range pairs {
		writeFile(t, dir, "redline-"+name+".docx", renderRedline(t, rl))
		writeFile(t, dir, "old-"+name+".docx", render(t, rl.Old))
		writeFile(t, dir, "new-"+name+".docx", render(t, rl.New))
		job("redline-"+name+".docx", "accept", "accepted-"+name+".txt")
		job("redline-"+name+".docx", "reject", "rejected-"+name+".txt")
		job("old-"+name+".docx", "text", "old-"+name+".txt")
		job("new-"+name+".docx", "text", "new-"+name+".txt")
	}
	releases, _ := releasesRedline(t, "2025.1", "2026.1")
	writeFile(t, dir, "releases.docx", renderRedline(t, releases))
	job("releases.docx", "accept", "releases-accepted.txt")
	job("releases.docx", "reject", "releases-rejected.txt")

	profile := filepath.Join(dir, "office-profile")
	cmd := exec.Command(py, append([]string{"testdata/office.py", profile}, jobs...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("office.py: %v\n%s", err, out)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimPrefix(string(b), "\ufeff")
	}

	for name, doc := range docs {
		t.Run("pdf/"+name, func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", filepath.Join(dir, name+".pdf"), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
			footer := regexp.MustCompile(regexp.QuoteMeta(doc.Reference) + `\s+Pagina (\d+) van (\d+)\s*$`)
			var body strings.Builder
			for i, pg := range pages {
				m := footer.FindStringSubmatchIndex(pg)
				if m == nil {
					t.Fatalf("page %d has no footer %q … Pagina %d van %d:\n%s", i+1, doc.Reference, i+1, len(pages), pg)
				}
				if n, total := pg[m[2]:m[3]], pg[m[4]:m[5]]; n != strconv.Itoa(i+1) || total != strconv.Itoa(len(pages)) {
					t.Errorf("page %d says Pagina %s van %s", i+1, n, total)
				}
				body.WriteString(pg[:m[0]])
			}
			// The plain text sets a recital's dash as "-", the DOCX as the PDF does ("–").
			want := regexp.MustCompile(`(?m)^- `).ReplaceAllString(document.Text(doc), "– ")
			if g, w := noSpace(body.String()), noSpace(want); g != w {
				t.Errorf("the PDF of the DOCX does not read as the agreement's text:\n%s", firstDifference(w, g))
			}
		})
	}
	for name := range pairs {
		t.Run("redline/"+name, func(t *testing.T) {
			if got, want := read("accepted-"+name+".txt"), read("new-"+name+".txt"); got != want {
				t.Errorf("accept all is not the new agreement:\n%s", lineDiff(want, got))
			}
			if got, want := read("rejected-"+name+".txt"), read("old-"+name+".txt"); got != want {
				t.Errorf("reject all is not the old agreement:\n%s", lineDiff(want, got))
			}
		})
	}
	t.Run("redline/releases", func(t *testing.T) {
		for _, accept := range []bool{true, false} {
			file := "releases-rejected.txt"
			if accept {
				file = "releases-accepted.txt"
			}
			if got, want := collapsed(read(file)), modelText(releases, accept); got != want {
				t.Errorf("%s:\n%s", file, lineDiff(want, got))
			}
		}
	})
}

// noSpace is s without any white space: the text modulo line breaks (a
// line may break after a hyphen, where the plain text has none).
func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// firstDifference shows where two texts without spaces part.
func firstDifference(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-60)
	return "want …" + want[from:min(len(want), i+60)] + "…\n got …" + got[from:min(len(got), i+60)] + "…"
}
