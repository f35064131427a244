package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
)

func TestRunWorkers(t *testing.T) {
	odd := func(i int) error {
		if i%2 == 1 {
			return fmt.Errorf("call %d", i)
		}
		return nil
	}
	tests := []struct {
		name      string
		workers   int
		n         int
		do        func(i int) error
		wantCalls int
		wantErrs  int
	}{
		{"nothing to do", 4, 0, odd, 0, 0},
		{"fewer calls than workers", 8, 3, odd, 3, 1},
		{"many calls", 3, 1000, odd, 1000, 500},
		{"no workers asked for", 0, 10, odd, 10, 5},
		{"one worker", 1, 10, func(int) error { return nil }, 10, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				mu           sync.Mutex
				calls        = make([]int, tt.n)
				running, top atomic.Int64
			)
			errs := RunWorkers(context.Background(), tt.workers, tt.n, func(i int) error {
				r := running.Add(1)
				defer running.Add(-1)
				for {
					m := top.Load()
					if r <= m || top.CompareAndSwap(m, r) {
						break
					}
				}
				runtime.Gosched()
				mu.Lock()
				calls[i]++
				mu.Unlock()
				return tt.do(i)
			})
			if got := len(slices.DeleteFunc(slices.Clone(calls), func(c int) bool { return c != 1 })); got != tt.wantCalls {
				t.Errorf("%d of %d indexes called exactly once, want %d: %v", got, tt.n, tt.wantCalls, calls)
			}
			if len(errs) != tt.wantErrs {
				t.Errorf("%d errors, want %d: %v", len(errs), tt.wantErrs, errs)
			}
			if limit := int64(max(tt.workers, 1)); top.Load() > limit {
				t.Errorf("%d calls ran at once, want at most %d", top.Load(), limit)
			}
		})
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	tests := []struct {
		name       string
		cancelAt   int // the call that cancels; -1 cancels before Run
		n          int
		wantAtMost int // calls started
	}{
		{"cancelled before", -1, 100, 0},
		{"cancelled by the first call", 0, 10000, 2 * runtime.GOMAXPROCS(0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancelAt < 0 {
				cancel()
			}
			var calls atomic.Int64
			failed := errors.New("failed")
			errs := Run(ctx, tt.n, func(i int) error {
				calls.Add(1)
				if i == tt.cancelAt {
					cancel()
					return failed
				}
				// The other workers' calls end only once the call above has cancelled,
				// so how many start does not depend on the scheduler.
				<-ctx.Done()
				return nil
			})
			if got := calls.Load(); got > int64(tt.wantAtMost) {
				t.Errorf("%d calls started, want at most %d", got, tt.wantAtMost)
			}
			if len(errs) == 0 || !errors.Is(errs[len(errs)-1], context.Canceled) {
				t.Fatalf("errors %v, want context.Canceled last", errs)
			}
			if tt.cancelAt >= 0 && !errors.Is(errs[0], failed) {
				t.Errorf("errors %v, want the call's own error first", errs)
			}
		})
	}
}
