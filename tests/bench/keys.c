/* keys.c: how long the sendesk screens take to answer a key.
 *
 * A benchmark, not a test: it prints numbers and asserts nothing.
 *
 *   tests/bench/run-keys.sh [path/to/sendesk]
 *
 * makes a database of the demo data plus 100,000 generated contracts
 * (refs C000001 to C100000, providers EKHUFT, KCHFT and MCH in turn,
 * imported with `sendesk import contracts`), compiles this file with
 * `cc -O2` and runs it:
 *
 *   keys SENDESK DB
 *
 * keys starts `SENDESK --db DB` in a pseudo-terminal of its own (100x30,
 * TERM=xterm-256color, LANG=C.UTF-8), waits for the contract list, then
 * for each measured key writes the key's bytes and reads the terminal
 * until no byte has arrived for QUIET_MS (2 ms).  A key's latency is the
 * time from the write to the last byte received: the moment the screen
 * is complete.  It then watches SETTLE_MS (30 ms) more: output that still
 * comes (the program was held up half-way, e.g. on a busy machine) is
 * that key's too, extends its time and is reported as "after a pause".
 * So the terminal is quiet before each key and every byte read belongs
 * to the key just written.
 *
 * Measured, on the Contracts list: Down x 200 from the top, PgDn x 50,
 * End (last row) x 20 alternating with Home x 20, and filter typing:
 * '/' and then three characters, each one measurement, in FILTER_ROUNDS
 * rounds each ended by Esc (Esc's own figure includes curses' 25 ms wait
 * to tell a lone Esc from the start of a key's sequence).  Printed per
 * operation: count, median, p99 (nearest rank: with fewer than 100
 * measurements it is the largest) and maximum in milliseconds; the time
 * from starting the program to its first complete screen; and the
 * program's peak resident memory (VmHWM in /proc/PID/status) at the end.
 *
 * Keys are written as xterm-256color's terminfo describes them in keypad
 * mode, which sendesk turns on: Down \EOB, PgDn \E[6~, Home \EOH,
 * End \EOF. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define COLS 100
#define LINES 30
#define QUIET_MS 2
#define SETTLE_MS 30          /* watched after the quiet, for late output */
#define FIRST_BYTE_MS 10000   /* a key that changes nothing gives up after this */
#define START_MS 60000        /* longest wait for the first screen */
#define DOWN_COUNT 200
#define PAGE_COUNT 50
#define END_COUNT 20
#define FILTER_ROUNDS 10
#define MAX_SAMPLES 256

extern char **environ;

static const char *const filters[FILTER_ROUNDS] = {
	"C01", "123", "C99", "500", "C5X", "042", "C10", "888", "C00", "271",
};

struct sample_set {
	const char *name;
	double ms[MAX_SAMPLES];
	int count;
	int silent;               /* keys after which nothing was drawn */
	int late;                 /* keys whose output paused for more than QUIET_MS */
};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const char *what)
{
	fprintf(stderr, "keys: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The pseudo-terminal's output, the last part kept for finding text. */
static char tail[1 << 16];
static size_t tail_len;
static long long bytes_total;

static void keep_output(const char *buf, size_t n)
{
	bytes_total += (long long)n;
	if (n >= sizeof tail) {
		memcpy(tail, buf + n - sizeof tail + 1, sizeof tail - 1);
		tail_len = sizeof tail - 1;
	} else {
		if (tail_len + n >= sizeof tail) {
			size_t drop = tail_len + n - (sizeof tail - 1);
			memmove(tail, tail + drop, tail_len - drop);
			tail_len -= drop;
		}
		memcpy(tail + tail_len, buf, n);
		tail_len += n;
	}
	tail[tail_len] = '\0';
}

/* Waits up to timeout_ms for output and reads what is there: bytes read,
 * 0 when nothing came, -1 when the terminal closed. */
static ssize_t read_some(int fd, double timeout_ms)
{
	char buf[1 << 16];
	struct pollfd p = {fd, POLLIN, 0};
	int ms = timeout_ms < 0 ? 0 : (int)(timeout_ms + 0.999);
	int r = poll(&p, 1, ms);
	if (r < 0) {
		if (errno == EINTR)
			return 0;
		die("poll");
	}
	if (r == 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return -1;   /* EIO: the program closed its terminal */
	keep_output(buf, (size_t)n);
	return n;
}

/* Reads until QUIET_MS pass without a byte, waiting up to first_ms for
 * the first one.  The time of the last byte, or -1 when none came. */
static double read_until_quiet(int fd, double first_ms)
{
	double last = -1, start = now_ms();
	for (;;) {
		double wait = last < 0 ? first_ms - (now_ms() - start) : QUIET_MS - (now_ms() - last);
		if (wait <= 0)
			return last;
		ssize_t n = read_some(fd, wait);
		if (n < 0)
			return last;
		if (n > 0)
			last = now_ms();
	}
}

static void write_all(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, bytes, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			die("write to the terminal");
		bytes += w;
		len -= (size_t)w;
	}
}

/* Writes a key and records how long the screen took to be complete:
 * the time of the last byte before QUIET_MS of silence.  Then it watches
 * SETTLE_MS more: bytes that still come (the program was held up
 * half-way through its output, e.g. by a busy machine) belong to this
 * key too, since no other has been sent; they extend its time and are
 * counted as late. */
static void measure(int fd, struct sample_set *set, const char *bytes)
{
	double start = now_ms();
	write_all(fd, bytes, strlen(bytes));
	double last = read_until_quiet(fd, FIRST_BYTE_MS);
	double later = read_until_quiet(fd, SETTLE_MS);
	if (later >= 0) {
		set->late++;
		last = later;
	}
	if (last < 0) {
		set->silent++;
		return;
	}
	if (set->count < MAX_SAMPLES)
		set->ms[set->count++] = last - start;
}

/* Starts the program on the slave side of a new pseudo-terminal; the
 * master's descriptor. */
static int start(const char *bin, const char *db, pid_t *pid)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0)
		die("posix_openpt");
	if (grantpt(master) != 0 || unlockpt(master) != 0)
		die("grantpt/unlockpt");
	const char *slave_name = ptsname(master);
	if (slave_name == NULL)
		die("ptsname");
	char slave_path[256];
	snprintf(slave_path, sizeof slave_path, "%s", slave_name);
	struct winsize ws = {.ws_row = LINES, .ws_col = COLS};
	if (ioctl(master, TIOCSWINSZ, &ws) != 0)
		die("TIOCSWINSZ");

	/* The child's environment: ours, with the terminal and locale set. */
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 4, sizeof *env);
	if (env == NULL)
		die("calloc");
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "TERM=", 5) != 0 && strncmp(environ[i], "LANG=", 5) != 0 &&
		    strncmp(environ[i], "LC_", 3) != 0 && strncmp(environ[i], "COLUMNS=", 8) != 0 &&
		    strncmp(environ[i], "LINES=", 6) != 0)
			env[k++] = environ[i];
	env[k++] = "TERM=xterm-256color";
	env[k++] = "LANG=C.UTF-8";
	env[k++] = "LC_ALL=C.UTF-8";
	env[k] = NULL;

	*pid = fork();
	if (*pid < 0)
		die("fork");
	if (*pid == 0) {
		if (setsid() < 0)
			_exit(126);
		int slave = open(slave_path, O_RDWR);
		if (slave < 0)
			_exit(126);
		if (ioctl(slave, TIOCSCTTY, 0) != 0)
			_exit(126);
		dup2(slave, 0);
		dup2(slave, 1);
		dup2(slave, 2);
		if (slave > 2)
			close(slave);
		close(master);
		char *argv[] = {(char *)bin, "--db", (char *)db, NULL};
		execve(bin, argv, env);
		_exit(127);
	}
	free(env);
	return master;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const struct sample_set *set)
{
	if (set->count == 0) {
		printf("%-24s %5d %10s %10s %10s  (%d without output)\n", set->name, 0, "-", "-", "-",
		       set->silent);
		return;
	}
	double sorted[MAX_SAMPLES];
	memcpy(sorted, set->ms, sizeof sorted[0] * (size_t)set->count);
	qsort(sorted, (size_t)set->count, sizeof sorted[0], compare);
	int n = set->count;
	double median = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	int rank = (99 * n + 99) / 100;   /* nearest rank: ceil(0.99 n) */
	double p99 = sorted[rank - 1];
	printf("%-24s %5d %10.2f %10.2f %10.2f", set->name, n, median, p99, sorted[n - 1]);
	if (set->silent)
		printf("  (%d without output)", set->silent);
	if (set->late)
		printf("  (%d with output after a pause)", set->late);
	printf("\n");
}

/* A line of /proc/PID/status, e.g. "VmHWM:     12345 kB". */
static void proc_status(pid_t pid, const char *field, char *out, size_t len)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	snprintf(out, len, "?");
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return;
	size_t flen = strlen(field);
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, flen) == 0 && line[flen] == ':') {
			char *v = line + flen + 1;
			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = '\0';
			snprintf(out, len, "%s", v);
		}
	fclose(f);
}

static int finish(int fd, pid_t pid)
{
	write_all(fd, "Q", 1);
	double start = now_ms();
	int status;
	for (;;) {
		read_some(fd, 10);
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (now_ms() - start > 5000) {
			fprintf(stderr, "keys: Q did not end the program; killing it\n");
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: keys SENDESK DB\n");
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	pid_t pid;
	double started = now_ms();
	int fd = start(argv[1], argv[2], &pid);

	/* The first screen: the list's footer ("N records") has been drawn
	 * and the terminal has gone quiet. */
	double first = -1;
	while (strstr(tail, "records") == NULL) {
		if (now_ms() - started > START_MS) {
			fprintf(stderr, "keys: no contract list after %d ms; the program wrote:\n%s\n",
			        START_MS, tail);
			kill(pid, SIGKILL);
			return 1;
		}
		if (read_some(fd, 100) < 0) {
			fprintf(stderr, "keys: the program ended before its first screen:\n%s\n", tail);
			return 1;
		}
	}
	first = read_until_quiet(fd, QUIET_MS);
	if (first < 0)
		first = now_ms();
	first -= started;

	static struct sample_set down = {.name = "Down"}, page = {.name = "PgDn"},
	                         end = {.name = "End (last row)"}, home = {.name = "Home (first row)"},
	                         slash = {.name = "/ (start filter)"},
	                         chars[3] = {{.name = "filter 1st character"},
	                                     {.name = "filter 2nd character"},
	                                     {.name = "filter 3rd character"}},
	                         all_chars = {.name = "filter, any character"},
	                         esc = {.name = "Esc (clear filter)"};

	for (int i = 0; i < DOWN_COUNT; i++)
		measure(fd, &down, "\033OB");
	for (int i = 0; i < PAGE_COUNT; i++)
		measure(fd, &page, "\033[6~");
	for (int i = 0; i < END_COUNT; i++) {
		measure(fd, &end, "\033OF");
		measure(fd, &home, "\033OH");
	}
	for (int r = 0; r < FILTER_ROUNDS; r++) {
		measure(fd, &slash, "/");
		for (int c = 0; c < 3; c++) {
			char key[2] = {filters[r][c], '\0'};
			int before = chars[c].count;
			measure(fd, &chars[c], key);
			if (chars[c].count > before)
				all_chars.ms[all_chars.count++] = chars[c].ms[chars[c].count - 1];
			else
				all_chars.silent++;
		}
		measure(fd, &esc, "\033");
	}
	read_until_quiet(fd, 50);

	char hwm[64], rss[64];
	proc_status(pid, "VmHWM", hwm, sizeof hwm);
	proc_status(pid, "VmRSS", rss, sizeof rss);
	int status = finish(fd, pid);

	printf("sendesk key-to-screen latency: %s --db %s, %dx%d, quiet after %d ms\n", argv[1],
	       argv[2], COLS, LINES, QUIET_MS);
	printf("%-24s %5s %10s %10s %10s\n", "operation", "n", "median ms", "p99 ms", "max ms");
	printf("%-24s %5d %10.2f %10s %10s\n", "first screen", 1, first, "", "");
	report(&down);
	report(&page);
	report(&end);
	report(&home);
	report(&slash);
	for (int c = 0; c < 3; c++)
		report(&chars[c]);
	report(&all_chars);
	report(&esc);
	printf("peak RSS (VmHWM): %s; RSS at the end: %s\n", hwm, rss);
	printf("terminal output: %lld bytes; exit status after Q: %d\n", bytes_total, status);
	close(fd);
	return 0;
}
