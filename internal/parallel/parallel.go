// Package parallel runs independent work on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For runs f(0), ..., f(n-1) on GOMAXPROCS goroutines and waits for all.
// f must only write to what index i owns.
func For(n int, f func(i int)) {
	workers := runtime.GOMAXPROCS(0)
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += workers {
				f(i)
			}
		}(w)
	}
	wg.Wait()
}
