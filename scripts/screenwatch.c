/*
 * screenwatch: when the X screen changes after a moment, read from its pixels.
 *
 *   screenwatch T0_UNIX_NS TIMEOUT_MS
 *   screenwatch T0_UNIX_NS TIMEOUT_MS X,Y,W,H [X,Y,W,H ...]
 *
 * The first form reads the root window about every 5 ms (every other pixel of every other row)
 * and prints
 *   first MS PERCENT
 * for the first read that differs from the first one: MS after T0, and the share of the screen
 * that changed (a whole first frame of a 1280 x 800 window on a 1400 x 900 screen is about 80%,
 * less the pixels that happen to match the blank screen). Exits 1 if nothing changed within
 * TIMEOUT_MS. scripts/bench.sh --startup starts it just before the editor to measure editor
 * start to first frame on screen.
 *
 * The second form watches rectangles of the screen until TIMEOUT_MS after T0. It asks the X
 * server (DAMAGE extension) to say when anything is drawn on the screen, and only then reads the
 * rectangles (every other pixel of every other row of each), so it costs nothing while the
 * screen is still and a read never waits for a polling interval. It prints
 *   paint MS
 * for every batch of drawing the server reports (an OpenGL window's buffer swap is one: the
 * count of paints is the count of frames the application showed, whatever they changed), and,
 * for every read in which a rectangle differs from the read before,
 *   frame R MS PERCENT
 * (R the rectangle's number from 0, MS after T0 when the drawing was reported, PERCENT of its
 * pixels changed), then
 *   end MS
 * Without the DAMAGE extension it falls back to reading the rectangles about every 2 ms (and
 * prints no paint lines). scripts/editor-perf.sh uses it for keystroke-to-screen (the first
 * frame of the text pane's rectangle after the key), frames per keystroke (the paints), and
 * drag frame times (the frames of the map's rectangle).
 *
 * It is compiled by the scripts with the C compiler and X11 headers that the editor's build
 * needs, libXext (MIT-SHM) and libXdamage (scripts/install-deps.sh). With MIT-SHM the server
 * copies the rectangles into shared memory instead of sending them through the socket.
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XShm.h>
#include <X11/extensions/Xdamage.h>
#include <sys/ipc.h>
#include <sys/select.h>
#include <sys/shm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

#define MAXRECTS 8

/* With the MIT-SHM extension the server copies a rectangle into memory shared with this process
 * instead of sending it through the socket: reading the screen after every frame then costs the
 * server and this process little of the CPU the measured editor needs. */
static int use_shm = -1;
static struct {
	int w, h;
	XImage *im;
	XShmSegmentInfo info;
} shms[MAXRECTS + 1];
static int nshm;

/* shm_image is a shared-memory image of w x h pixels (one per size), or NULL. */
static XImage *shm_image(Display *d, int w, int h) {
	for (int k = 0; k < nshm; k++)
		if (shms[k].w == w && shms[k].h == h)
			return shms[k].im;
	if (nshm == MAXRECTS + 1)
		return NULL;
	int scr = DefaultScreen(d);
	XImage *im = XShmCreateImage(d, DefaultVisual(d, scr), DefaultDepth(d, scr), ZPixmap, NULL, &shms[nshm].info, w, h);
	if (!im)
		return NULL;
	XShmSegmentInfo *info = &shms[nshm].info;
	info->shmid = shmget(IPC_PRIVATE, (size_t)im->bytes_per_line * h, IPC_CREAT | 0600);
	if (info->shmid < 0) {
		XDestroyImage(im);
		return NULL;
	}
	info->shmaddr = im->data = shmat(info->shmid, NULL, 0);
	info->readOnly = False;
	int ok = info->shmaddr != (char *)-1 && XShmAttach(d, info);
	XSync(d, False);
	shmctl(info->shmid, IPC_RMID, NULL); /* freed once both sides detach */
	if (!ok) {
		im->data = NULL;
		XDestroyImage(im);
		return NULL;
	}
	shms[nshm].w = w, shms[nshm].h = h, shms[nshm].im = im;
	nshm++;
	return im;
}

/* grab reads every step-th pixel of every step-th row of a rectangle of the root window. */
static void grab(Display *d, Window root, int x, int y, int w, int h, int step, unsigned long *buf) {
	if (use_shm < 0)
		use_shm = XShmQueryExtension(d);
	XImage *im = use_shm ? shm_image(d, w, h) : NULL;
	int shared = im != NULL;
	if (shared && !XShmGetImage(d, root, im, x, y, AllPlanes))
		im = NULL;
	if (!shared)
		im = XGetImage(d, root, x, y, w, h, AllPlanes, ZPixmap);
	long n = 0;
	for (int j = 0; j < h; j += step)
		for (int i = 0; i < w; i += step)
			if (im && im->bits_per_pixel == 32) /* the common case, read directly: XGetPixel is slow */
				buf[n++] = ((unsigned int *)(im->data + (long)j * im->bytes_per_line))[i];
			else
				buf[n++] = im ? XGetPixel(im, i, j) : 0;
	if (im && !shared)
		XDestroyImage(im);
}

/* whole is the first form: the first change of the whole screen. */
static int whole(Display *d, Window root, long long t0, long long timeout) {
	XWindowAttributes a;
	XGetWindowAttributes(d, root, &a);
	long n = (long)((a.width + 1) / 2) * ((a.height + 1) / 2);
	long long ms;
	unsigned long *blank = calloc(n, sizeof *blank), *cur = calloc(n, sizeof *cur);
	grab(d, root, 0, 0, a.width, a.height, 2, blank);
	while ((ms = (now_ns() - t0) / 1000000) < timeout) {
		grab(d, root, 0, 0, a.width, a.height, 2, cur);
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

int main(int argc, char **argv) {
	if (argc < 3 || argc > 3 + MAXRECTS) {
		fprintf(stderr, "usage: screenwatch T0_UNIX_NS TIMEOUT_MS [X,Y,W,H ...]\n");
		return 2;
	}
	long long t0 = atoll(argv[1]), timeout = atoll(argv[2]);
	Display *d = XOpenDisplay(NULL);
	if (!d) {
		fprintf(stderr, "screenwatch: cannot open the display\n");
		return 2;
	}
	Window root = DefaultRootWindow(d);
	if (argc == 3)
		return whole(d, root, t0, timeout);

	int nr = argc - 3, rx[MAXRECTS], ry[MAXRECTS], rw[MAXRECTS], rh[MAXRECTS];
	unsigned long *prev[MAXRECTS], *cur[MAXRECTS];
	for (int r = 0; r < nr; r++) {
		if (sscanf(argv[3 + r], "%d,%d,%d,%d", &rx[r], &ry[r], &rw[r], &rh[r]) != 4 || rw[r] <= 0 || rh[r] <= 0) {
			fprintf(stderr, "screenwatch: %s is not X,Y,W,H\n", argv[3 + r]);
			return 2;
		}
		prev[r] = calloc((size_t)rw[r] * rh[r], sizeof(unsigned long));
		cur[r] = calloc((size_t)rw[r] * rh[r], sizeof(unsigned long));
		grab(d, root, rx[r], ry[r], rw[r], rh[r], 2, prev[r]);
	}
	int evbase, errbase;
	Damage damage = 0;
	if (XDamageQueryExtension(d, &evbase, &errbase)) {
		damage = XDamageCreate(d, root, XDamageReportNonEmpty);
		XSync(d, False);
	}
	int fd = ConnectionNumber(d);
	long long ms;
	while ((ms = (now_ns() - t0) / 1000000) < timeout) {
		long long at;
		if (damage) {
			/* Wait for the server to report drawing, then take every report already queued
			 * and those that follow within 1 ms (one frame can arrive as several images). */
			int got = 0;
			at = 0;
			for (;;) {
				while (XPending(d)) {
					XEvent ev;
					XNextEvent(d, &ev);
					if (ev.type == evbase + XDamageNotify && !got) {
						got = 1;
						at = (now_ns() - t0) / 1000000;
					}
				}
				long long left = timeout - (now_ns() - t0) / 1000000;
				if (left <= 0)
					break;
				struct timeval tv = {0, 0};
				if (got)
					tv.tv_usec = 1000;
				else
					tv.tv_sec = left / 1000, tv.tv_usec = (left % 1000) * 1000;
				fd_set fds;
				FD_ZERO(&fds);
				FD_SET(fd, &fds);
				if (select(fd + 1, &fds, NULL, NULL, &tv) <= 0 && got)
					break;
			}
			if (!got)
				continue;
			XDamageSubtract(d, damage, None, None);
			if (at >= 0) {
				printf("paint %lld\n", at);
				fflush(stdout);
			}
		} else {
			usleep(2000);
			at = (now_ns() - t0) / 1000000;
		}
		for (int r = 0; r < nr; r++) {
			long n = (long)((rw[r] + 1) / 2) * ((rh[r] + 1) / 2), changed = 0;
			grab(d, root, rx[r], ry[r], rw[r], rh[r], 2, cur[r]);
			for (long i = 0; i < n; i++)
				changed += cur[r][i] != prev[r][i];
			if (changed > 0) {
				/* Round the share up, so that one changed character never reads as 0%. */
				printf("frame %d %lld %ld\n", r, at, (changed * 100 + n - 1) / n);
				fflush(stdout);
				unsigned long *t = prev[r];
				prev[r] = cur[r];
				cur[r] = t;
			}
		}
	}
	printf("end %lld\n", ms);
	return 0;
}
