// Command bench is what `make bench` runs: it builds ./cmd/playbook and the corpus tool,
// generates synthetic sites (cached under $TMPDIR/playbook-benchsite), and for each size
// times, in the same run, alternately:
//
//   - build: `playbook build -s SITE -d OUT` into an absent folder, and
//   - floor: goldmark alone rendering the same Markdown and writing it, padded to as many
//     bytes as the build writes, into an absent folder (`benchsite -floor -pad`, see
//     scripts/benchcorpus.Floor),
//
// each as a child process, so peak memory is the child's own (getrusage ru_maxrss). It
// prints the median of the runs: wall time, pages/s, ms/page, CPU, bytes written, peak
// memory, and the floor ratio (build wall / floor wall). It also times `playbook build`
// of the built-in default site, start-up included.
//
//	go run ./scripts/bench [-sizes 1000,10000,30000] [-runs 5]
//
// Outputs are moved aside, not deleted, until the end: on ext4 without a journal, deleting
// thousands of files slows the creation of new ones for minutes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/followup-playbook/playbook/scripts/benchcorpus"
)

type sample struct {
	wall, cpu time.Duration
	rssKB     int64
	bytes     int64
}

func main() {
	sizes := flag.String("sizes", "1000,10000,30000", "comma-separated page counts")
	runs := flag.Int("runs", 5, "timed runs per size and command (the median is printed)")
	defaultRuns := flag.Int("default-runs", 20, "timed builds of the default site")
	keep := flag.Bool("keep", false, "keep the outputs (they are removed at the end otherwise)")
	flag.Parse()
	if err := run(*sizes, *runs, *defaultRuns, *keep); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizeList string, runs, defaultRuns int, keep bool) error {
	work, err := os.MkdirTemp("", "playbook-bench-")
	if err != nil {
		return err
	}
	if keep {
		defer fmt.Printf("\noutputs kept in %s\n", work)
	} else {
		defer os.RemoveAll(work)
	}
	playbook := filepath.Join(work, "playbook")
	benchsite := filepath.Join(work, "benchsite")
	for bin, pkg := range map[string]string{playbook: "./cmd/playbook", benchsite: "./scripts/benchsite"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	fmt.Printf("playbook bench: %s, %d CPUs, %d runs per figure (median)\n\n", runtime.Version(), runtime.NumCPU(), runs)
	fmt.Println("| pages | build wall s | pages/s | ms/page | CPU s | bytes written | peak RSS MB | RSS KB/page | floor wall s | floor CPU s | floor bytes | floor ratio |")
	fmt.Println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	outN := 0
	out := func() string { outN++; return filepath.Join(work, fmt.Sprintf("out-%d", outN)) }
	summary := regexp.MustCompile(`(\d+) bytes in`)
	floorBytes := regexp.MustCompile(`(\d+) bytes in`)
	for _, f := range strings.Split(sizeList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return fmt.Errorf("bad size %q", f)
		}
		site, err := cachedCorpus(n)
		if err != nil {
			return err
		}
		// One untimed build and floor first: they warm the caches, and their sizes give the
		// padding that makes the floor write as many bytes as the build.
		warm, err := measure(summary, playbook, "build", "-s", site, "-d", out())
		if err != nil {
			return err
		}
		bare, err := measure(floorBytes, benchsite, "-floor", "-s", site, "-d", out())
		if err != nil {
			return err
		}
		pad := strconv.FormatInt(max(0, (warm.bytes-bare.bytes)/int64(n)), 10)
		var builds, floors []sample
		for range runs {
			s, err := measure(summary, playbook, "build", "-s", site, "-d", out())
			if err != nil {
				return err
			}
			builds = append(builds, s)
			s, err = measure(floorBytes, benchsite, "-floor", "-pad", pad, "-s", site, "-d", out())
			if err != nil {
				return err
			}
			floors = append(floors, s)
		}
		b, fl := median(builds), median(floors)
		fmt.Printf("| %d | %.3f | %.0f | %.3f | %.2f | %d | %.0f | %.1f | %.3f | %.2f | %d | %.2f |\n",
			n, b.wall.Seconds(), float64(n)/b.wall.Seconds(), b.wall.Seconds()*1000/float64(n), b.cpu.Seconds(),
			b.bytes, float64(b.rssKB)/1024, float64(b.rssKB)/float64(n), fl.wall.Seconds(), fl.cpu.Seconds(), fl.bytes,
			b.wall.Seconds()/fl.wall.Seconds())
	}
	empty := filepath.Join(work, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		return err
	}
	var defs []sample
	for range defaultRuns {
		cmd := exec.Command(playbook, "build", "-d", out())
		cmd.Dir = empty
		s, err := measureCmd(summary, cmd)
		if err != nil {
			return err
		}
		defs = append(defs, s)
	}
	d := median(defs)
	slices.SortFunc(defs, func(a, b sample) int { return int(a.wall - b.wall) })
	fmt.Printf("\ndefault site (`playbook build -d OUT` with no site.toml): wall %.1f ms median (min %.1f, max %.1f) over %d runs, CPU %.1f ms, peak RSS %.0f MB, %d bytes\n",
		ms(d.wall), ms(defs[0].wall), ms(defs[len(defs)-1].wall), len(defs), ms(d.cpu), float64(d.rssKB)/1024, d.bytes)
	fmt.Println("\nfloor ratio = build wall / floor wall. The floor is goldmark alone rendering the same Markdown and writing it, padded to the bytes the build writes (scripts/benchcorpus/floor.go).")
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// cachedCorpus returns the cached n-page site, writing it first if needed, and then
// letting its writes settle before anything is timed.
func cachedCorpus(n int) (string, error) {
	if _, err := os.Stat(filepath.Join(benchcorpus.CachedDir(n), "site.toml")); err == nil {
		return benchcorpus.CachedDir(n), nil
	}
	dir, err := benchcorpus.Cached(n)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "generated the %d-page corpus; waiting 5 s for its writes to settle\n", n)
	time.Sleep(5 * time.Second)
	return dir, nil
}

func measure(bytesRe *regexp.Regexp, name string, args ...string) (sample, error) {
	return measureCmd(bytesRe, exec.Command(name, args...))
}

// measureCmd runs cmd after a sync, and returns its wall time, CPU time, peak RSS and the
// bytes it says it wrote.
func measureCmd(bytesRe *regexp.Regexp, cmd *exec.Cmd) (sample, error) {
	syscall.Sync()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s%s", strings.Join(cmd.Args, " "), err, stdout.Bytes(), stderr.Bytes())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	s := sample{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(), rssKB: ru.Maxrss}
	if m := bytesRe.FindSubmatch(stdout.Bytes()); m != nil {
		s.bytes, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	return s, nil
}

// median takes each figure's median separately.
func median(ss []sample) sample {
	pick := func(f func(sample) int64) int64 {
		v := make([]int64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample{
		wall:  time.Duration(pick(func(s sample) int64 { return int64(s.wall) })),
		cpu:   time.Duration(pick(func(s sample) int64 { return int64(s.cpu) })),
		rssKB: pick(func(s sample) int64 { return s.rssKB }),
		bytes: pick(func(s sample) int64 { return s.bytes }),
	}
}
