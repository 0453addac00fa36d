// Package cancel lets the long loops of parsing, layout, label placement, the encoders, diff
// and lint stop when a context is cancelled (Ctrl-C, SIGTERM, a closed editor tab), without
// threading an error return through every function they call.
//
// An entry point that takes a context makes a Check, defers its Recover, and the loops below it
// call Point: once the context is done, Point unwinds to the entry point (by a panic only this
// package raises and Recover catches), which returns the context's error. Loops that run in
// their own goroutines, where a panic cannot reach the entry point, test Done instead. A nil
// Check (no context, or one that cannot be cancelled) costs a nil test per call.
package cancel

import "context"

// Check watches one context for the loops of one call.
type Check struct {
	ctx context.Context
	n   uint32
}

// New returns a Check of ctx, or nil when ctx can never be cancelled.
func New(ctx context.Context) *Check {
	if ctx == nil || ctx.Done() == nil {
		return nil
	}
	return &Check{ctx: ctx}
}

// every is how many calls of Point share one look at the context.
const every = 64

// stopped is the panic value of Point.
type stopped struct{}

// Point unwinds to the entry point's Recover when the context is done. It looks at the context
// once every few calls, so a loop may call it on every iteration.
func (c *Check) Point() {
	if c == nil {
		return
	}
	if c.n++; c.n%every != 0 {
		return
	}
	if c.ctx.Err() != nil {
		panic(stopped{})
	}
}

// Done reports whether the context is done (for loops that cannot unwind with Point).
func (c *Check) Done() bool { return c != nil && c.ctx.Err() != nil }

// Err is the context's error, nil for a nil Check.
func (c *Check) Err() error {
	if c == nil {
		return nil
	}
	return c.ctx.Err()
}

// Recover, deferred by the entry point, turns the unwinding of Point into *err (the context's
// error). Any other panic goes on.
func (c *Check) Recover(err *error) {
	if r := recover(); r != nil {
		if _, ok := r.(stopped); ok && c != nil {
			*err = c.ctx.Err()
			return
		}
		panic(r)
	}
}

// IsStop reports whether a recovered value is the unwinding of Point, for code that recovers
// from panics of its own (a parser that turns bugs into diagnostics) and must let it pass.
func IsStop(r any) bool {
	_, ok := r.(stopped)
	return ok
}
