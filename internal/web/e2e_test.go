package web_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// need returns the path of the first tool found, or skips the test
// locally and fails it in CI.
func need(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s not found (CI must install it: .ci/run)", names[0])
	}
	t.Skipf("%s not found: end-to-end test skipped", names[0])
	return ""
}

// browserCtx starts a headless Chromium.
func browserCtx(t *testing.T) context.Context {
	exe := need(t, "chromium", "chromium-browser", "google-chrome")
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.WindowSize(1280, 900)}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// shots is where screenshots go: $OVK_SCREENSHOTS, else a test folder.
func shots(t *testing.T) string {
	if d := os.Getenv("OVK_SCREENSHOTS"); d != "" {
		_ = os.MkdirAll(d, 0o755)
		return d
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string, width int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	// What the screen shows first, to look at.
	if buf, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+"-screen.png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
	_ = chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900))
}

type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []string }
}

// axe runs axe-core (npm; $OVK_AXE names axe.min.js) on the page and
// fails on every serious or critical violation.
func axe(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	file := os.Getenv("OVK_AXE")
	if file == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("OVK_AXE (axe-core's axe.min.js) not set")
		}
		t.Logf("%s: axe-core not run (set OVK_AXE)", where)
		return
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {runOnly: ["wcag2a","wcag2aa","wcag21a","wcag21aa","best-practice"]}).then(r => r.violations)`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range res {
		var targets []string
		for _, n := range v.Nodes {
			targets = append(targets, strings.Join(n.Target, " "))
		}
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("%s: axe %s (%s): %s at %v", where, v.ID, v.Impact, v.Help, targets)
		} else {
			t.Logf("%s: axe %s (%s): %s at %v", where, v.ID, v.Impact, v.Help, targets)
		}
	}
	t.Logf("%s: axe-core: %d violations", where, len(res))
}

func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("%s: %v", sel, err)
	}
	return s
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// TestBrowser is an account manager's session in a real browser: the
// list, Opwijk's form, an error and its fix, the preview, the PDF, the
// save, and a colleague's conflicting save.
func TestBrowser(t *testing.T) {
	pdftotext := need(t, "pdftotext")
	ctx := browserCtx(t)
	reg := t.TempDir()
	copyFile(t, opwijk, filepath.Join(reg, "23060-opwijk.toml"))
	ts := httptest.NewServer(server(t, reg))
	defer ts.Close()
	dir := shots(t)
	downloads := t.TempDir()
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	// The list, searched with the GET form.
	do(t, ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(css("#q")))
	screenshot(t, ctx, dir, "list-1280.png", 1280)
	screenshot(t, ctx, dir, "list-390.png", 390)
	axe(t, ctx, "list")
	do(t, ctx, chromedp.SendKeys(css("#q"), "Opwijk"), chromedp.Submit(css("#q")), chromedp.Sleep(300*time.Millisecond),
		chromedp.WaitVisible(css(`a[href="/gemeente/23060"]`)))
	if s := text(t, ctx, "#aantal"); !strings.HasPrefix(s, "1 resultaten") {
		t.Errorf("search: %q", s)
	}
	do(t, ctx, chromedp.Click(css(`a[href="/gemeente/23060"]`)), chromedp.WaitVisible(css("#formulier")),
		chromedp.Poll[chromedp.Void](`document.querySelector("#voorbeeld pre") !== null`, chromedp.WithPollingTimeout(20*time.Second)))

	// A colleague opens the same municipality now.
	other, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	defer cancel()
	do(t, other, chromedp.Navigate(ts.URL+"/gemeente/23060"), chromedp.WaitVisible(css("#formulier")))

	// A goal's target changes; the preview follows.
	aantal := css("#f-parameters-toeleiding-buddies-aantal")
	do(t, ctx, chromedp.SetValue(aantal, ""), chromedp.SendKeys(aantal, "17"),
		chromedp.Poll[chromedp.Void](`document.getElementById("voorbeeld").innerText.includes("17 ")`,
			chromedp.WithPollingTimeout(20*time.Second)))

	// An invalid e-mail address: the message at the field and in the summary.
	email := css("#f-contactpersonen-gemeente-email")
	do(t, ctx, chromedp.SetValue(email, "zoe.celik@@opwijk"), chromedp.Click(css(`button[value="controleer"]`)),
		chromedp.Sleep(300*time.Millisecond), chromedp.WaitVisible(css(".error-summary")))
	for _, s := range []string{text(t, ctx, ".error-summary"), text(t, ctx, "#f-contactpersonen-gemeente-email-fout")} {
		if !strings.Contains(s, "zoe.celik@@opwijk is geen geldig e-mailadres") {
			t.Errorf("message not shown: %q", s)
		}
	}
	screenshot(t, ctx, dir, "form-errors-1280.png", 1280)
	screenshot(t, ctx, dir, "form-errors-390.png", 390)
	axe(t, ctx, "form with errors")
	do(t, ctx, chromedp.SetValue(email, "zoe.celik@opwijk.example.be"), chromedp.Click(css(`button[value="controleer"]`)),
		chromedp.Sleep(300*time.Millisecond), chromedp.WaitVisible(css(".notice")))
	if v, _ := chromedp.Run(ctx, chromedp.Value(aantal)); v != "17" {
		t.Errorf("the target was lost: %q", v)
	}
	screenshot(t, ctx, dir, "preview-1280.png", 1280)
	screenshot(t, ctx, dir, "preview-390.png", 390)
	axe(t, ctx, "preview")

	// The PDF, downloaded, as a reader sees it.
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: downloads}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(css(`button[value="pdf"]`)))
	var pdfFile string
	for deadline := time.Now().Add(30 * time.Second); pdfFile == "" && time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		files, _ := os.ReadDir(downloads)
		for _, f := range files {
			if b, _ := os.ReadFile(filepath.Join(downloads, f.Name())); bytes.HasPrefix(b, []byte("%PDF")) && bytes.Contains(b[max(0, len(b)-32):], []byte("%%EOF")) {
				pdfFile = filepath.Join(downloads, f.Name())
			}
		}
	}
	if pdfFile == "" {
		t.Fatal("no PDF downloaded")
	}
	out, err := exec.Command(pdftotext, pdfFile, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Samenwerkingsovereenkomst", "Opwijk", "17", "zoe.celik@opwijk.example.be"} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	// Save, and read the TOML back.
	do(t, ctx, chromedp.Click(css(`button[value="bewaar"]`)), chromedp.Sleep(300*time.Millisecond), chromedp.WaitVisible(css(".notice")))
	if s := text(t, ctx, ".notice"); !strings.Contains(s, "Bewaard in het register") {
		t.Errorf("save: %q", s)
	}
	saved := read(t, filepath.Join(reg, "23060-opwijk.toml"))
	if !bytes.Contains(saved, []byte("aantal = 17")) {
		t.Errorf("saved TOML:\n%s", saved)
	}

	// The colleague's save is refused.
	do(t, other, chromedp.SetValue(aantal, "9"), chromedp.Click(css(`button[value="bewaar"]`)),
		chromedp.Sleep(300*time.Millisecond), chromedp.WaitVisible(css(".error-summary")))
	if s := text(t, other, ".error-summary"); !strings.Contains(s, "is gewijzigd sinds u dit formulier opende") {
		t.Errorf("conflict: %q", s)
	}
	if now := read(t, filepath.Join(reg, "23060-opwijk.toml")); !bytes.Equal(now, saved) {
		t.Error("the colleague's save overwrote the file")
	}
}
