// Package browsertest starts a real headless Chromium for tests, through chromedp.
//
// Without Chromium, or under go test -short (each test starts a browser: seconds apiece),
// a test skips, loudly; with PLAYBOOK_REQUIRE_BROWSER=1 (CI sets it) the skip becomes a
// failure, so CI can never pass without having run the browser tests.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// RequireEnv is the variable that turns a missing browser into a test failure.
const RequireEnv = "PLAYBOOK_REQUIRE_BROWSER"

// candidates are where Debian and others put Chromium.
var candidates = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// Path returns the Chromium binary to use: $CHROMIUM if set, else the first one found.
func Path() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, c := range candidates {
		if _, err := os.Stat(c); err == nil {
			return c
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// Require returns the Chromium binary t is to use, or skips t: under -short, or when
// there is none. With RequireEnv set, either is a failure instead. New calls it; a test
// that prepares something costly before calling New calls it first, to skip sooner.
func Require(t testing.TB) string {
	t.Helper()
	required := os.Getenv(RequireEnv) != ""
	if testing.Short() {
		if required {
			t.Fatalf("-short skips the browser tests, and %s is set: run go test without -short", RequireEnv)
		}
		t.Skipf("SKIPPED BROWSER TEST %s: skipped under -short; run go test without -short to run it", t.Name())
	}
	bin := Path()
	if bin == "" {
		if required {
			t.Fatalf("Chromium not found, and %s is set: install Debian's chromium package (.ci/run does)", RequireEnv)
		}
		t.Skipf("SKIPPED BROWSER TEST %s: Chromium not found (apt-get install chromium); set %s=1 to make this a failure", t.Name(), RequireEnv)
	}
	return bin
}

// New starts a headless Chromium for t and returns a chromedp context for one tab, closed
// when t ends. Each call gets a fresh, empty profile.
func New(t testing.TB) context.Context {
	t.Helper()
	bin := Require(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
	})
	// The first call starts the browser and must not carry a timeout, which would stop
	// the whole browser; later calls are bounded through a derived context.
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("starting Chromium %s: %v", bin, err)
	}
	ctx, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}
