// Package parallel runs independent work on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For runs f(0), ..., f(n-1) on GOMAXPROCS goroutines and waits for all.
// f must only write to what index i owns. Each goroutine takes the next
// index when it is done with one, so that a few slow indexes do not leave
// the other cores idle (root selection's directories differ a hundredfold).
//
// A panic in f stops the remaining indexes and is raised again in the
// caller's goroutine once the others have stopped, where the caller's
// recover sees it as if f had run there (a root whose evaluation panics is
// an error for that root, not the end of the scan).
func For(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Pointer[any]
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					failed.CompareAndSwap(nil, &p)
					next.Store(int64(n)) // no more indexes
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(i)
			}
		}()
	}
	wg.Wait()
	if p := failed.Load(); p != nil {
		panic(*p)
	}
}
