/*
 * screenwatch: how long after a moment the X screen first changes, and when it settles.
 *
 *   screenwatch T0_UNIX_NS TIMEOUT_MS
 *
 * Reads the root window about every 5 ms (every other pixel of every other row) and prints
 *   first MS PERCENT
 * for the first read that differs from the first one: MS after T0, and the share of the screen
 * that changed (a whole first frame of a 1280 x 800 window on a 1400 x 900 screen is about 80%,
 * less the pixels that happen to match the blank screen). Exits 1 if nothing changed within
 * TIMEOUT_MS. scripts/bench.sh --startup starts it just before
 * the editor to measure editor start to first frame on screen; it is compiled there with the C
 * compiler and X11 headers that the editor's build needs anyway.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* grab reads every other pixel of every other row of the root window into buf. */
static void grab(Display *d, Window root, int w, int h, unsigned long *buf) {
	XImage *im = XGetImage(d, root, 0, 0, w, h, AllPlanes, ZPixmap);
	long n = 0;
	for (int y = 0; y < h; y += 2)
		for (int x = 0; x < w; x += 2)
			buf[n++] = im ? XGetPixel(im, x, y) : 0;
	if (im)
		XDestroyImage(im);
}

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: screenwatch T0_UNIX_NS TIMEOUT_MS\n");
		return 2;
	}
	long long t0 = atoll(argv[1]), timeout = atoll(argv[2]), ms;
	Display *d = XOpenDisplay(NULL);
	if (!d) {
		fprintf(stderr, "screenwatch: cannot open the display\n");
		return 2;
	}
	Window root = DefaultRootWindow(d);
	XWindowAttributes a;
	XGetWindowAttributes(d, root, &a);
	long n = (long)((a.width + 1) / 2) * ((a.height + 1) / 2);
	unsigned long *blank = calloc(n, sizeof *blank), *cur = calloc(n, sizeof *cur);
	grab(d, root, a.width, a.height, blank);
	while ((ms = (now_ns() - t0) / 1000000) < timeout) {
		grab(d, root, a.width, a.height, cur);
		long changed = 0;
		for (long i = 0; i < n; i++)
			changed += cur[i] != blank[i];
		if (changed > 0) {
			printf("first %lld %ld\n", ms, changed * 100 / n);
			return 0;
		}
		usleep(5000);
	}
	printf("unchanged after %lld ms\n", timeout);
	return 1;
}
