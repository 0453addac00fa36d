//go:build !unix

package benchsuite

// ProcessCPU cannot read the process's CPU time on this system.
func ProcessCPU() (int64, bool) { return 0, false }
