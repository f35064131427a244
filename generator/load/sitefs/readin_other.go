//go:build !unix

package sitefs

import (
	"errors"
	"os"
)

// readIn leaves every read to the os.Root where there is no openat.
func readIn(*os.File, string) ([]byte, error) { return nil, errors.ErrUnsupported }
