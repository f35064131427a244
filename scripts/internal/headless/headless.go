// Package headless starts the headless Chromium the scripts measure and picture pages
// with: $CHROMIUM, else Debian's /usr/bin/chromium, the one the tests use too.
package headless

import (
	"context"
	"fmt"
	"os"

	"github.com/chromedp/chromedp"
)

// Start starts the browser with opts added to the usual ones, and returns its first tab.
func Start(opts ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	bin := os.Getenv("CHROMIUM")
	if bin == "" {
		bin = "/usr/bin/chromium"
	}
	if _, err := os.Stat(bin); err != nil {
		return nil, nil, fmt.Errorf("no Chromium at %s (apt-get install chromium, or set CHROMIUM)", bin)
	}
	all := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
	}, opts...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), all...)
	tab, cancelTab := chromedp.NewContext(actx)
	cancel := func() { cancelTab(); cancelAlloc() }
	if err := chromedp.Do(tab); err != nil { // the first call starts the browser, without a timeout
		cancel()
		return nil, nil, fmt.Errorf("starting %s: %v", bin, err)
	}
	return tab, cancel, nil
}
