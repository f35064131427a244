//go:build unix

package sitefs

import (
	"io/fs"
	"os"
	"syscall"
)

// readIn reads the file name of the folder dir, refusing a symbolic link (O_NOFOLLOW), in
// as few system calls as the kernel allows: openat, read until the end, close.
func readIn(dir *os.File, name string) ([]byte, error) {
	conn, err := dir.SyscallConn()
	if err != nil {
		return nil, err
	}
	var b []byte
	var readErr error
	err = conn.Control(func(dirfd uintptr) {
		fd, err := openat(int(dirfd), name)
		if err != nil {
			readErr = err
			return
		}
		defer syscall.Close(fd)
		b = make([]byte, 0, 8<<10)
		for {
			if len(b) == cap(b) {
				b = append(b, 0)[:len(b)]
			}
			n, err := syscall.Read(fd, b[len(b):cap(b)])
			if err == syscall.EINTR {
				continue
			}
			if err != nil {
				readErr = err
				return
			}
			if n == 0 {
				return
			}
			b = b[:len(b)+n]
		}
	})
	if err == nil {
		err = readErr
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}

func openat(dirfd int, name string) (int, error) {
	for {
		fd, err := syscall.Openat(dirfd, name, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			return fd, err
		}
	}
}
