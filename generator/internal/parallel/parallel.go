// Package parallel runs a build's independent pieces of work on every core.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Run calls do(0..n-1) from a bounded pool and returns every error, with ctx's error last
// when it was cancelled (no new call starts then). The pool is twice the cores: each call
// ends in file system calls that block, and the extra workers keep the cores busy meanwhile.
func Run(ctx context.Context, n int, do func(i int) error) []error {
	var (
		mu   sync.Mutex
		errs []error
		next atomic.Int64
		wg   sync.WaitGroup
	)
	workers := min(2*runtime.GOMAXPROCS(0), n)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				if err := do(i); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return errs
}
