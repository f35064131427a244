package output_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/followup-playbook/playbook/generator/output"
)

func writeFiles(files map[string]string) func(output.Output) error {
	return func(out output.Output) error {
		for n, d := range files {
			if err := out.Add(n, []byte(d)); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestWriteDirReplacesAndKeepsUnchangedFiles(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := output.WriteDir(dest, writeFiles(map[string]string{"index.html": "one", "same.txt": "same", "gone.txt": "stale"})); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(filepath.Join(dest, "same.txt"))
	if err != nil {
		t.Fatal(err)
	}
	stats, err := output.WriteDir(dest, writeFiles(map[string]string{"index.html": "two", "same.txt": "same"}))
	if err != nil {
		t.Fatal(err)
	}
	if !stats.Replaced {
		t.Error("Replaced = false; want the earlier output recognised")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "two" {
		t.Errorf("index.html = %q, want the new bytes", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "gone.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale gone.txt still there (err %v)", err)
	}
	after, err := os.Stat(filepath.Join(dest, "same.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if before.Sys().(*syscall.Stat_t).Ino != after.Sys().(*syscall.Stat_t).Ino || !before.ModTime().Equal(after.ModTime()) {
		t.Error("same.txt was rewritten although its bytes did not change")
	}
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestWriteDirRefusesForeignFolders(t *testing.T) {
	tests := []struct {
		name  string
		setup func(dest string)
		want  string
	}{
		{"non-empty folder it did not make", func(dest string) {
			os.MkdirAll(dest, 0o755)
			os.WriteFile(filepath.Join(dest, "thesis.docx"), []byte("years of work"), 0o644)
		}, "not empty and was not made by playbook"},
		{"a file", func(dest string) {
			os.WriteFile(dest, []byte("a file"), 0o644)
		}, "is a file, not a folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			tt.setup(dest)
			_, err := output.WriteDir(dest, writeFiles(map[string]string{"index.html": "x"}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if _, err := os.Stat(filepath.Join(dest, "index.html")); err == nil {
				t.Error("wrote into a folder it did not make")
			}
		})
	}
}

func TestWriteDirFailedBuildLeavesOutputAndNoLeftovers(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if _, err := output.WriteDir(dest, writeFiles(map[string]string{"index.html": "good"})); err != nil {
		t.Fatal(err)
	}
	// A temporary folder left by a build that was killed before its swap.
	os.MkdirAll(filepath.Join(parent, ".public.playbook-tmp-123", "half"), 0o755)
	_, err := output.WriteDir(dest, func(out output.Output) error {
		out.Add("index.html", []byte("half"))
		return errors.New("the build failed")
	})
	if err == nil {
		t.Fatal("want the build's error")
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "good" {
		t.Errorf("index.html = %q; the previous output must stay", b)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("leftovers beside the output: %v", entries)
	}
}

func TestWriteDirRefusesPathsOutside(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for _, name := range []string{"../escape.html", "/abs.html", output.Marker} {
		_, err := output.WriteDir(dest, writeFiles(map[string]string{name: "x"}))
		if err == nil {
			t.Errorf("Add(%q) accepted", name)
		}
	}
}
