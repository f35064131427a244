package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptedBuild kills `playbook build` of a 2,000-page site with SIGKILL at random
// points, at least 20 times, and checks after each kill that the destination holds either
// the complete old site or the complete new one, byte for byte, and that the next build
// finishes the job and leaves nothing of the killed one behind.
func TestInterruptedBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-page site dozens of times; skipped with -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "playbook")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sites := [2]string{filepath.Join(tmp, "old"), filepath.Join(tmp, "new")}
	writeLargeSite(t, sites[0], 2000, "first")
	writeLargeSite(t, sites[1], 2001, "second")

	build := func(site, dest string) time.Duration {
		t.Helper()
		start := time.Now()
		if out, err := exec.Command(bin, "build", "-s", site, "-d", dest).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", site, err, out)
		}
		return time.Since(start)
	}
	var refs [2]map[string][]byte
	var took time.Duration
	for v, site := range sites {
		ref := filepath.Join(tmp, fmt.Sprintf("ref%d", v), "public")
		took = max(took, build(site, ref))
		refs[v] = readTree(t, ref)
	}
	t.Logf("reference builds: %d and %d files, the slower in %v", len(refs[0]), len(refs[1]), took)

	parent := filepath.Join(tmp, "out")
	dest := filepath.Join(parent, "public")
	build(sites[0], dest)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	const kills = 22
	survived, midway := 0, 0
	for i := 0; i < kills; i++ {
		v := (i + 1) % 2 // the dest holds refs[1-v]; build refs[v] and kill it
		cmd := exec.Command(bin, "build", "-s", sites[v], "-d", dest)
		cmd.Stdout, cmd.Stderr = &bytes.Buffer{}, &bytes.Buffer{}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(took) * 11 / 10))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err == nil {
			t.Logf("kill %d at %v: the build had already finished", i, delay)
		}
		if hasLeftovers(t, parent) {
			midway++
		}
		got := readTree(t, dest)
		switch {
		case sameTree(got, refs[1-v]), sameTree(got, refs[v]):
			survived++
		default:
			t.Fatalf("kill %d at %v: the destination is neither the old nor the new site (%d files; old has %d, new %d)%s",
				i, delay, len(got), len(refs[1-v]), len(refs[v]), diffTrees(got, refs[1-v]))
		}
		build(sites[v], dest)
		if !sameTree(readTree(t, dest), refs[v]) {
			t.Fatalf("kill %d: the build after it did not produce the new site", i)
		}
		if hasLeftovers(t, parent) {
			t.Fatalf("kill %d: the build after it left the killed one's files behind", i)
		}
	}
	t.Logf("survived %d of %d kills; %d left a half-written temporary folder that the next build removed", survived, kills, midway)
	if midway == 0 {
		t.Error("no kill landed mid-build; the test did not exercise anything")
	}
}

// writeLargeSite writes a site of n pages in 30 sections; tag changes every page's text.
func writeLargeSite(t *testing.T, dir string, n int, tag string) {
	t.Helper()
	write(t, filepath.Join(dir, "site.toml"), "title = \"Large\"\nbaseURL = \"/\"\n")
	write(t, filepath.Join(dir, "content", "_index.md"), "+++\ntitle = \"Home\"\n+++\nThe "+tag+" edition.\n")
	para := strings.Repeat("A paragraph of guidance with *emphasis*, `code` and a [link](../s0/p0.md). ", 6)
	for i := 0; i < n; i++ {
		body := fmt.Sprintf("+++\ntitle = \"Page %d\"\nweight = %d\n+++\n## The %s text\n\n%s\n\n- one\n- two\n\n%s\n", i, i+1, tag, para, para)
		write(t, filepath.Join(dir, "content", fmt.Sprintf("s%d", i%30), fmt.Sprintf("p%d.md", i/30)), body)
	}
}

func hasLeftovers(t *testing.T, parent string) bool {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "public" {
			return true
		}
	}
	return false
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for n, x := range a {
		if y, ok := b[n]; !ok || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

func diffTrees(got, want map[string][]byte) string {
	var b strings.Builder
	for n, x := range got {
		if y, ok := want[n]; !ok || !bytes.Equal(x, y) {
			fmt.Fprintf(&b, "\n  %s differs", n)
			if b.Len() > 500 {
				break
			}
		}
	}
	return b.String()
}
