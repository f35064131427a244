// Package parallel runs independent calls from a bounded pool of goroutines: the one pool
// the build, the content loader and the benchmark floor share.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Run calls do(0..n-1) from a pool of twice GOMAXPROCS workers and returns every error, in
// the order the calls returned them. The pool is twice the cores because the calls it was
// made for end in file system calls that block, and the extra workers keep the cores busy
// meanwhile. Once ctx is done no further call starts, and ctx.Err() is the last error.
func Run(ctx context.Context, n int, do func(i int) error) []error {
	return RunWorkers(ctx, 2*runtime.GOMAXPROCS(0), n, do)
}

// RunWorkers is Run with a pool of the given size (at least one), for calls that do not
// block, where more workers than cores only add switching.
func RunWorkers(ctx context.Context, workers, n int, do func(i int) error) []error {
	var (
		mu   sync.Mutex
		errs []error
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(max(workers, 1), n) {
		wg.Go(func() {
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
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return errs
}
