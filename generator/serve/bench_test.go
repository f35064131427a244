package serve

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	playbook "github.com/followup-playbook/playbook"
	"github.com/followup-playbook/playbook/generator/load/sitefs"
)

// BenchmarkSaveToServed measures what a site owner waits for: from a file's save to the
// new page being served, found by polling the page over a new connection every
// millisecond, as ../shared/bench/reload-latency does every 10 ms. It reports the median
// and 90th percentile, the server's own rebuild time, and its memory. Run it with:
//
//	go test -run '^$' -bench SaveToServed -benchtime 20x ./generator/serve
func BenchmarkSaveToServed(b *testing.B) {
	b.Run("site=default", func(b *testing.B) {
		dir := b.TempDir()
		if _, err := sitefs.WriteNew(dir, playbook.DefaultSite, sitefs.NewSite{Full: true}); err != nil {
			b.Fatal(err)
		}
		benchSaveToServed(b, dir, "content/chaser.md", "/chaser/", appendMarker)
	})
	// A title shows on every page (the menu, the lists, the next step): its save is a
	// full build of the site.
	b.Run("site=default,edit=title", func(b *testing.B) {
		dir := b.TempDir()
		if _, err := sitefs.WriteNew(dir, playbook.DefaultSite, sitefs.NewSite{Full: true}); err != nil {
			b.Fatal(err)
		}
		benchSaveToServed(b, dir, "content/chaser.md", "/chaser/", func(src []byte, token string) []byte {
			return bytes.Replace(src, []byte(`title = "`), []byte(`title = "`+token+" "), 1)
		})
	})
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("site=%dpages", n), func(b *testing.B) {
			dir := b.TempDir()
			writeBenchSite(b, dir, n)
			benchSaveToServed(b, dir, fmt.Sprintf("content/playbooks/play-%04d.md", n/2), fmt.Sprintf("/playbooks/play-%04d/", n/2), appendMarker)
		})
	}
}

var rebuiltLine = regexp.MustCompile(`(?m)^rebuilt (?:\d+ of )?\d+ pages in (\S+)`)

// appendMarker is a save that adds a paragraph with token to the page's body.
func appendMarker(src []byte, token string) []byte {
	return append(slices.Clip(src), "\nReload marker "+token+".\n"...)
}

// benchSaveToServed saves page, as edit makes it from its first text and a new token each
// time, and polls url until the token is served.
func benchSaveToServed(b *testing.B, dir, page, url string, edit func(src []byte, token string) []byte) {
	out := &syncBuffer{}
	srv, err := New(Config{
		Source: sitefs.Source{Site: os.DirFS(dir), Defaults: playbook.DefaultSite},
		Dir:    dir,
		Stdout: out,
		Stderr: out,
	})
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx, ln) }()
	defer func() {
		cancel()
		<-done
	}()
	target := "http://" + ln.Addr().String() + url
	// A new connection per poll, as curl and the reload-latency script make.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	served := func(token string) bool {
		resp, err := client.Get(target)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode == 200 && (token == "" || bytes.Contains(body, []byte(token)))
	}
	deadline := time.Now().Add(time.Minute)
	for !served("") {
		if time.Now().After(deadline) {
			b.Fatalf("%s not served:\n%s", url, out)
		}
		time.Sleep(5 * time.Millisecond)
	}
	original, err := os.ReadFile(filepath.Join(dir, page))
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(filepath.Join(dir, page), original, 0o644)

	var lat []time.Duration
	jitter := rand.New(rand.NewPCG(1, 2))
	i := 0
	for b.Loop() {
		token := fmt.Sprintf("reload-token-%d-%d", i, time.Now().UnixNano())
		i++
		t0 := time.Now()
		if err := os.WriteFile(filepath.Join(dir, page), edit(original, token), 0o644); err != nil {
			b.Fatal(err)
		}
		for !served(token) {
			if time.Since(t0) > time.Minute {
				b.Fatalf("edit %d not served after a minute:\n%s", i, out)
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(t0))
		// Let this save end before the next, so each is a save of its own and not one
		// burst, and vary the pause so the edits do not fall in step with anything.
		b.StopTimer()
		time.Sleep(3*DefaultDebounce + time.Duration(jitter.IntN(50))*time.Millisecond)
		b.StartTimer()
	}
	b.StopTimer()

	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(p*float64(len(lat))))] }
	var rebuilds []time.Duration
	for _, m := range rebuiltLine.FindAllStringSubmatch(out.String(), -1) {
		if d, err := time.ParseDuration(m[1]); err == nil {
			rebuilds = append(rebuilds, d)
		}
	}
	slices.Sort(rebuilds)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(ms2(pct(0.5)), "ms-median")
	b.ReportMetric(ms2(pct(0.9)), "ms-p90")
	if len(rebuilds) > 0 {
		b.ReportMetric(ms2(rebuilds[len(rebuilds)/2]), "ms-rebuild")
	}
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "MB-heap")
	b.ReportMetric(peakRSS(), "MB-peak-rss")
	b.Logf("%d saves: median %s, p90 %s, min %s, max %s; server rebuild median %v; heap in use %.1f MB, process peak RSS %.0f MB",
		len(lat), pct(0.5).Round(100*time.Microsecond), pct(0.9).Round(100*time.Microsecond), lat[0].Round(100*time.Microsecond),
		lat[len(lat)-1].Round(100*time.Microsecond), median(rebuilds), float64(ms.HeapInuse)/(1<<20), peakRSS())
}

func ms2(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	return ds[len(ds)/2]
}

// peakRSS is the process's peak resident memory in MB (VmHWM), 0 where /proc has none.
func peakRSS() float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var kb float64
		if n, _ := fmt.Sscanf(sc.Text(), "VmHWM: %f kB", &kb); n == 1 {
			return kb / 1024
		}
	}
	return 0
}

// writeBenchSite writes n pages of about 870 words each, like the shared bench corpus:
// headings, lists, emphasis, code, links to other pages and to other sites, a quote, and
// an email template in a third of them. Deterministic for a given n.
func writeBenchSite(b *testing.B, dir string, n int) {
	b.Helper()
	r := rand.New(rand.NewPCG(uint64(n), 7))
	words := strings.Fields(`follow up interview thank you note hiring manager recruiter decision date week
		email subject line polite short clear specific role team offer chaser reply wait calendar
		reminder message template example timing business day morning afternoon weekend panel
		feedback rejection withdraw accept negotiate referral network connection LinkedIn call
		voicemail schedule deadline process update status question answer interest enthusiasm`)
	sentence := func() string {
		k := 8 + r.IntN(12)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	if err := os.MkdirAll(filepath.Join(dir, "content", "playbooks"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"Follow-up Playbook\"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		var sb strings.Builder
		fmt.Fprintf(&sb, "+++\ntitle = \"Playbook number %d\"\ndescription = \"A field-tested playbook, number %d.\"\ndate = 2025-10-%02d\n+++\n\n", i, i, 1+i%28)
		for sec := range 5 {
			fmt.Fprintf(&sb, "## Step %d\n\n", sec+1)
			for range 3 {
				for range 4 {
					sb.WriteString(sentence() + " ")
				}
				fmt.Fprintf(&sb, "See [playbook %d](play-%04d.md) and *the* **[guide](https://example.org/guide/%d)** with `code`.\n\n", (i+sec+1)%n, (i+sec+1)%n, sec)
			}
			if sec%2 == 0 {
				for range 4 {
					fmt.Fprintf(&sb, "- %s\n", sentence())
				}
				sb.WriteString("\n")
			} else {
				for k := range 3 {
					fmt.Fprintf(&sb, "%d. %s\n", k+1, sentence())
				}
				sb.WriteString("\n### Notes\n\n> " + sentence() + "\n\n")
			}
		}
		if i%3 == 0 {
			sb.WriteString("```text\nSubject: Thank you\n\nDear [Name],\n" + sentence() + "\n```\n")
		}
		p := filepath.Join(dir, "content", "playbooks", fmt.Sprintf("play-%04d.md", i))
		if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}
