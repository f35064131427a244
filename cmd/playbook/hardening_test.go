package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hardeningBound is how long any bad input may take to be reported: a bound on runaway
// behaviour (a parser spinning, a loop without end), not a performance goal. The race
// detector's slowdown is allowed for.
const hardeningBound = 20 * time.Second * raceSlowdown

// TestBadInputsOnDisk breaks a site in the ways only a real disk can (symlinks, permissions,
// huge and deeply nested files, odd encodings, a destination that cannot be written) and
// runs `playbook build` over a previous good build. Each must exit 1, name the file (and
// line where there is one), stay inside hardeningBound and leave the old output
// byte-for-byte as it was, with nothing left beside it.
func TestBadInputsOnDisk(t *testing.T) {
	root := os.Geteuid() == 0
	tests := []struct {
		name string
		// break changes the good site in dir; it may return another destination to build to.
		breakSite func(t *testing.T, dir, dest string) string
		// want are regular expressions the error output must match.
		want     []string
		skipRoot string // why the case cannot work as root, if it cannot
		long     bool   // skipped with -short
	}{
		{name: "symlink to a page outside the site",
			breakSite: func(t *testing.T, dir, dest string) string {
				outside := filepath.Join(t.TempDir(), "secret.md")
				write(t, outside, "+++\ntitle = \"Secret\"\n+++\nnot for publishing\n")
				symlink(t, outside, filepath.Join(dir, "content", "evil.md"))
				return dest
			},
			want: []string{`content/evil\.md: cannot read: .*path escapes.*points outside the site`}},
		{name: "symlink to a static file outside the site",
			breakSite: func(t *testing.T, dir, dest string) string {
				symlink(t, "/etc/hostname", filepath.Join(dir, "static", "host.txt"))
				return dest
			},
			want: []string{`static/host\.txt: cannot read: .*path escapes`}},
		{name: "symlinked folder outside the site",
			breakSite: func(t *testing.T, dir, dest string) string {
				out := t.TempDir()
				write(t, filepath.Join(out, "x.md"), "+++\ntitle = \"X\"\n+++\n")
				symlink(t, out, filepath.Join(dir, "content", "elsewhere"))
				write(t, filepath.Join(dir, "content", "b.md"), "+++\ntitle = \"B\"\n+++\n[x](elsewhere/x.md)\n")
				return dest
			},
			want: []string{`content/b\.md:4:1: broken link: elsewhere/x\.md`}},
		{name: "unreadable page", skipRoot: "root reads any file",
			breakSite: func(t *testing.T, dir, dest string) string {
				chmod(t, filepath.Join(dir, "content", "a.md"), 0)
				return dest
			},
			want: []string{`content/a\.md: cannot read: permission denied`}},
		{name: "unreadable content folder", skipRoot: "root reads any folder",
			breakSite: func(t *testing.T, dir, dest string) string {
				chmod(t, filepath.Join(dir, "content", "guides"), 0)
				return dest
			},
			want: []string{`content/guides: cannot read: permission denied`}},
		{name: "destination is a file",
			breakSite: func(t *testing.T, dir, dest string) string {
				file := filepath.Join(filepath.Dir(dest), "afile")
				write(t, file, "keep me\n")
				return file
			},
			want: []string{`the destination .*afile is a file, not a folder`}},
		{name: "read-only destination", skipRoot: "root writes anywhere (the read-only file system case covers root)",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "content", "new.md"), "+++\ntitle = \"New\"\n+++\n")
				chmod(t, filepath.Dir(dest), 0o555)
				return dest
			},
			want: []string{`cannot write beside .*public: .*permission denied`}},
		{name: "destination on a read-only file system",
			breakSite: func(t *testing.T, dir, dest string) string {
				if _, err := os.Stat("/sys/kernel"); err != nil {
					t.Skip("no /sys here")
				}
				return "/sys/kernel/playbook-hardening-test"
			},
			want: []string{`cannot write beside /sys/kernel/playbook-hardening-test`}},
		{name: "20 MB Markdown file with a broken link at its end", long: true,
			breakSite: func(t *testing.T, dir, dest string) string {
				para := "Some words in a paragraph, with *emphasis*, `code` and a [link](a.md) to a page.\n\n"
				n := 20 << 20 / len(para)
				big := "+++\ntitle = \"Big\"\n+++\n" + strings.Repeat(para, n) + "[gone](nope.md)\n"
				write(t, filepath.Join(dir, "content", "big.md"), big)
				return dest
			},
			want: []string{`content/big\.md:` + strconv.Itoa(4+2*(20<<20/len("Some words in a paragraph, with *emphasis*, `code` and a [link](a.md) to a page.\n\n"))) + `:1: broken link: nope\.md`}},
		{name: "10,000 nested quotes",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "content", "deep.md"), "+++\ntitle = \"Deep\"\n+++\n"+strings.Repeat("> ", 10000)+"[x](nope.md)\n")
				return dest
			},
			want: []string{`content/deep\.md:4:20001: broken link: nope\.md`}},
		{name: "10,000 nested list items on one line",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "content", "deep.md"), "+++\ntitle = \"Deep\"\ncolour = \"red\"\n+++\n"+strings.Repeat("- + ", 5000)+"[x](nope.md)\n")
				return dest
			},
			want: []string{`content/deep\.md:3:1: unknown key "colour"`}},
		{name: "10,000 lines of list nested by indentation",
			breakSite: func(t *testing.T, dir, dest string) string {
				var b strings.Builder
				b.WriteString("+++\ntitle = \"Deep\"\n+++\n")
				for i := 0; i < 10000; i++ {
					b.WriteString(strings.Repeat(" ", 2*(i%3000)) + "- item\n")
				}
				write(t, filepath.Join(dir, "content", "deep.md"), b.String())
				return dest
			},
			want: []string{`content/deep\.md:55:1: the line is indented 102 columns`}},
		{name: "BOM and CRLF line ends",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "site.toml"), "\ufefftitle = \"Site\"\r\nbaseURL = \"/\"\r\n")
				write(t, filepath.Join(dir, "content", "crlf.md"), "\ufeff+++\r\ntitle = \"CRLF\"\r\ncolour = \"red\"\r\n+++\r\nSee [b](b.md).\r\n")
				return dest
			},
			want: []string{`content/crlf\.md:3:1: unknown key "colour"`, `content/crlf\.md:5:5: broken link: b\.md`}},
		{name: "empty site.toml",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "site.toml"), "")
				return dest
			},
			want: []string{`site\.toml:1: the site has no title`}},
		{name: "empty page and empty message",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "content", "empty.md"), "")
				write(t, filepath.Join(dir, "content", "messages", "empty.toml"), "")
				return dest
			},
			want: []string{`content/empty\.md:1:1: the page has no front matter`, `content/messages/empty\.toml: missing id`}},
		{name: "not UTF-8",
			breakSite: func(t *testing.T, dir, dest string) string {
				write(t, filepath.Join(dir, "content", "latin1.md"), "+++\ntitle = \"Caf\xe9\"\n+++\n")
				return dest
			},
			want: []string{`content/latin1\.md:2:13: the file is not valid UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.long && testing.Short() {
				t.Skip("builds a 20 MB page; skipped with -short")
			}
			if tt.skipRoot != "" && root {
				t.Skipf("running as root: %s", tt.skipRoot)
			}
			dir := filepath.Join(t.TempDir(), "site")
			writeGoodSite(t, dir)
			dest := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := runCmd(t, "build", "-s", dir, "-d", dest); code != 0 {
				t.Fatalf("good build: exit %d\n%s", code, stderr)
			}
			before := readTree(t, dest)
			target := tt.breakSite(t, dir, dest)
			var targetBefore []byte
			if target != dest {
				targetBefore, _ = os.ReadFile(target)
			}

			start := time.Now()
			code, _, stderr := runCmd(t, "build", "-s", dir, "-d", target)
			elapsed := time.Since(start)
			t.Logf("reported in %v", elapsed.Round(time.Millisecond))

			// Undo permission changes first, so TempDir can clean up even on failure.
			_ = os.Chmod(filepath.Dir(dest), 0o755)
			_ = os.Chmod(filepath.Join(dir, "content", "a.md"), 0o644)
			_ = os.Chmod(filepath.Join(dir, "content", "guides"), 0o755)

			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			if elapsed > hardeningBound {
				t.Errorf("took %v, more than %v", elapsed, hardeningBound)
			}
			if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine ") {
				t.Errorf("a stack trace for a user mistake:\n%s", stderr)
			}
			for _, w := range tt.want {
				if !regexp.MustCompile(`(?m)^(error: )?` + w).MatchString(stderr) {
					t.Errorf("error output does not match %q:\n%s", w, clip(stderr))
				}
			}
			after := readTree(t, dest)
			if len(after) != len(before) {
				t.Errorf("previous output has %d files, had %d", len(after), len(before))
			}
			for n, b := range before {
				if !bytes.Equal(after[n], b) {
					t.Errorf("previous output %s changed", n)
				}
			}
			if target != dest {
				if now, _ := os.ReadFile(target); !bytes.Equal(now, targetBefore) {
					t.Errorf("%s changed", target)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(dest))
			for _, e := range entries {
				if e.Name() != "public" && e.Name() != "afile" {
					t.Errorf("leftover %s beside the output", e.Name())
				}
			}
		})
	}
}

// writeGoodSite writes a small site with a section, a page, a static file and a message.
func writeGoodSite(t *testing.T, dir string) {
	t.Helper()
	write(t, filepath.Join(dir, "site.toml"), "title = \"Hardening\"\nbaseURL = \"/\"\n")
	write(t, filepath.Join(dir, "content", "_index.md"), "+++\ntitle = \"Home\"\n+++\nStart at [A](a.md).\n")
	write(t, filepath.Join(dir, "content", "a.md"), "+++\ntitle = \"A\"\n+++\nThe *first* page; see [B](guides/b.md).\n")
	write(t, filepath.Join(dir, "content", "guides", "b.md"), "+++\ntitle = \"B\"\n+++\nBack to [A](../a.md).\n")
	write(t, filepath.Join(dir, "static", "robots.txt"), "User-agent: *\n")
	write(t, filepath.Join(dir, "content", "messages", "hello.toml"), `id = "hello"
title = "Hello"
channel = "phone"
body = "Hello {name}."

[[fields]]
name = "name"
label = "Name"
example = "Ann"
`)
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func chmod(t *testing.T, name string, mode os.FileMode) {
	t.Helper()
	if err := os.Chmod(name, mode); err != nil {
		t.Fatal(err)
	}
}

func clip(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "…"
	}
	return s
}
