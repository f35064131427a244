package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/followup-playbook/playbook/generator/output"
)

// TestBuildHostRoot checks that build --host-root writes the destination as a host's root
// folder: the site under the base URL's path, _headers at the top with its rules under
// that path; and at the root, the same files as a build without it.
func TestBuildHostRoot(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, args := range [][]string{
		{"build", "-b", "https://example.org/careers/playbook/", "-d", "plain"},
		{"build", "-b", "https://example.org/careers/playbook/", "-d", "nested", "--host-root"},
		{"build", "-d", "root", "--host-root"},
		{"build", "-d", "root-plain"},
	} {
		if code, _, stderr := runCmd(t, args...); code != 0 {
			t.Fatalf("%s: exit %d:\n%s", strings.Join(args, " "), code, stderr)
		}
	}
	plain, nested := readTree(t, "plain"), readTree(t, "nested")
	if len(nested) != len(plain) {
		t.Errorf("--host-root wrote %d files, a build without it %d", len(nested), len(plain))
	}
	for name, b := range plain {
		want := "careers/playbook/" + name
		if name == "_headers" || name == output.Marker {
			want = name
		}
		if !bytes.Equal(nested[want], b) {
			t.Errorf("%s: not at %s as built", name, want)
		}
	}
	if !strings.Contains(string(nested["_headers"]), "\n/careers/playbook/*\n") {
		t.Errorf("_headers has no rule for /careers/playbook/*:\n%s", nested["_headers"])
	}
	root, rootPlain := readTree(t, "root"), readTree(t, "root-plain")
	if len(root) != len(rootPlain) {
		t.Errorf("at the root, --host-root wrote %d files, a build without it %d", len(root), len(rootPlain))
	}
	for name, b := range rootPlain {
		if !bytes.Equal(root[name], b) {
			t.Errorf("at the root, --host-root changed %s", name)
		}
	}
}
