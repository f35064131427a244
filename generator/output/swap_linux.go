package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder tmp in place at dest. Where dest exists, the two are exchanged in one
// renameat2(RENAME_EXCHANGE) call, so dest always names a complete site; tmp is then left
// holding the old one.
func swap(tmp, dest string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err == nil {
		return nil
	}
	if errors.Is(err, unix.ENOENT) {
		if _, statErr := os.Stat(dest); errors.Is(statErr, fs.ErrNotExist) {
			return os.Rename(tmp, dest)
		}
	}
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapByRenames(tmp, dest)
	}
	return err
}
