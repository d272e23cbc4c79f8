package parallel

import "testing"

func TestForRunsEachIndexOnce(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		seen := make([]int, n)
		For(n, func(i int) { seen[i]++ })
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("n=%d: index %d ran %d times", n, i, c)
			}
		}
	}
}

// A panic in one index reaches the caller, where it can be recovered.
func TestForRaisesAPanicInTheCaller(t *testing.T) {
	defer func() {
		if p := recover(); p != "index 3" {
			t.Fatalf("recovered %v, want the panic of index 3", p)
		}
	}()
	For(100, func(i int) {
		if i == 3 {
			panic("index 3")
		}
	})
	t.Fatal("For returned after a panic")
}
