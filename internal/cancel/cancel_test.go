package cancel

import (
	"context"
	"errors"
	"testing"
)

// loop calls Point n times and reports how many calls returned.
func loop(c *Check, n int) (done int, err error) {
	defer c.Recover(&err)
	for range n {
		c.Point()
		done++
	}
	return done, nil
}

func TestCheck(t *testing.T) {
	t.Run("no context", func(t *testing.T) {
		c := New(context.Background())
		if c != nil {
			t.Fatal("a context that cannot be cancelled needs no Check")
		}
		if n, err := loop(c, 1000); n != 1000 || err != nil || c.Done() {
			t.Fatalf("nil Check stopped: %d, %v", n, err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		c := New(ctx)
		if n, err := loop(c, 1000); n != 1000 || err != nil {
			t.Fatalf("live context stopped: %d, %v", n, err)
		}
		cancel()
		n, err := loop(c, 1000)
		if !errors.Is(err, context.Canceled) || n >= every || !c.Done() {
			t.Fatalf("after cancel: %d calls, %v, done %v", n, err, c.Done())
		}
	})
	t.Run("other panics go on", func(t *testing.T) {
		defer func() {
			if r := recover(); r != "boom" || IsStop(r) {
				t.Fatalf("recovered %v", r)
			}
		}()
		var err error
		func() {
			defer New(context.TODO()).Recover(&err)
			panic("boom")
		}()
	})
}
