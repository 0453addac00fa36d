//go:build unix

package benchsuite

import "syscall"

// ProcessCPU returns the CPU time (user and system) the process has used so far, in
// nanoseconds, and whether it could be read. On a shared, loaded machine the CPU time of an
// operation is a steadier measure than its wall-clock time, which also counts the time other
// processes held the cores.
func ProcessCPU() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
