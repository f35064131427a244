package output

import (
	"context"
	"path"
	"slices"
)

// Under returns an Output that hands every file to out under the folder dir (a
// slash-separated path, "" or "." for none), but for the names in top, which stay at
// out's root, and those in both, written at both places. A build under a sub-path writes
// so for a host that serves a folder as its root and reads files such as _headers there:
// the site under /careers/playbook/, the host's files at the top, and the 404 page where
// each host looks for it. It keeps the optional interfaces of out that apply to a renamed
// file (Streaming, DirMaker).
func Under(out Output, dir string, top, both []string) Output {
	dir = path.Clean("/" + dir)[1:]
	if dir == "" {
		return out
	}
	u := &under{out: out, dir: dir, top: top, both: both}
	_, streaming := out.(Streaming)
	_, dirMaker := out.(DirMaker)
	switch {
	case streaming && dirMaker:
		return streamingDirUnder{u}
	case streaming:
		return streamingUnder{u}
	case dirMaker:
		return dirUnder{u}
	}
	return u
}

type under struct {
	out       Output
	dir       string
	top, both []string
}

func (u *under) name(n string) string {
	if slices.Contains(u.top, n) {
		return n
	}
	return u.dir + "/" + n
}

func (u *under) Add(name string, data []byte) error {
	if slices.Contains(u.both, name) {
		if err := u.out.Add(name, data); err != nil {
			return err
		}
	}
	return u.out.Add(u.name(name), data)
}

func (u *under) makeDirs(ctx context.Context, names []string) {
	renamed := make([]string, len(names))
	for i, n := range names {
		renamed[i] = u.name(n)
	}
	u.out.(DirMaker).MakeDirs(ctx, renamed)
}

type streamingUnder struct{ *under }

func (streamingUnder) DoneOnReturn() {}

type dirUnder struct{ *under }

func (d dirUnder) MakeDirs(ctx context.Context, names []string) { d.makeDirs(ctx, names) }

type streamingDirUnder struct{ *under }

func (streamingDirUnder) DoneOnReturn() {}

func (d streamingDirUnder) MakeDirs(ctx context.Context, names []string) { d.makeDirs(ctx, names) }
