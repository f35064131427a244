package output

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestUnder(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{"/careers/playbook/", []string{"_headers", "careers/playbook/index.html", "careers/playbook/css/site.css", "404.html", "careers/playbook/404.html"}},
		{"careers", []string{"_headers", "careers/index.html", "careers/css/site.css", "404.html", "careers/404.html"}},
		{"/", []string{"_headers", "index.html", "css/site.css", "404.html"}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			m := &MemoryOutput{}
			out := Under(m, tt.dir, []string{"_headers"}, []string{"404.html"})
			for _, n := range []string{"_headers", "index.html", "css/site.css", "404.html"} {
				if err := out.Add(n, []byte(n)); err != nil {
					t.Fatal(err)
				}
			}
			files := m.Files()
			for _, n := range tt.want {
				if _, ok := files[n]; !ok {
					t.Errorf("no %s in %v", n, files)
				}
			}
			if len(files) != len(tt.want) {
				t.Errorf("%d files, want %d", len(files), len(tt.want))
			}
		})
	}
}

// TestUnderKeepsWhatTheOutputCanDo checks that Under over a folder output is still
// Streaming and a DirMaker, and writes the files under dir.
func TestUnderKeepsWhatTheOutputCanDo(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	var kinds []bool
	_, err := WriteDir(dest, func(out Output) error {
		u := Under(out, "/careers/", []string{"_headers"}, nil)
		_, streaming := u.(Streaming)
		dm, dirMaker := u.(DirMaker)
		kinds = []bool{streaming, dirMaker}
		if dirMaker {
			dm.MakeDirs(context.Background(), []string{"a/index.html"})
		}
		if err := u.Add("a/index.html", []byte("a")); err != nil {
			return err
		}
		return u.Add("_headers", []byte("h"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(kinds, []bool{true, true}) {
		t.Errorf("Streaming, DirMaker = %v, want both", kinds)
	}
	for _, n := range []string{"careers/a/index.html", "_headers"} {
		if _, err := os.Stat(filepath.Join(dest, n)); err != nil {
			t.Error(err)
		}
	}
}
