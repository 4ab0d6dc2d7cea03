/* keys.c: how long the sendesk screens take to answer a key.
 *
 * A benchmark, not a test: it prints numbers and asserts nothing.
 *
 *   tests/bench/run-keys.sh [path/to/sendesk] [NATIONAL_DB]
 *
 * makes a database of the demo data plus 100,000 generated contracts,
 * compiles this file with `cc -O2` and runs it on the Contracts list;
 * given NATIONAL_DB (a database made by `generate`), it runs it again
 * there on the Spot purchases list, the largest list with a screen:
 *
 *   keys SENDESK DB LIST   LIST: contracts, spot-purchases, children, child-picker,
 *                          provision, personal-budgets or returns
 *
 * keys starts `SENDESK --db DB` in a pseudo-terminal of its own (100x30,
 * TERM=xterm-256color, LANG=C.UTF-8), waits for the first screen (the
 * Contracts list), switches to LIST's tab if it is another, then for
 * each measured key writes the key's bytes and reads the terminal until
 * no byte has arrived for QUIET_MS (2 ms).  A key's latency is the time
 * from the write to the last byte received: the moment the screen is
 * complete.  It then watches SETTLE_MS (30 ms) more: output that still
 * comes (the program was held up half-way, e.g. on a busy machine) is
 * that key's too, extends its time and is reported as "after a pause".
 * So the terminal is quiet before each key and every byte read belongs
 * to the key just written.
 *
 * Measured on the list: Down x 200 from the top, PgDn x 50, End (last
 * row) x 20 alternating with Home x 20, and filter typing: '/' (or, for
 * the child picker, F4 on the Provision list) and then six characters
 * of a name, a ref or a UPN, some matching many rows and some few, in
 * FILTER_ROUNDS rounds each ended by Esc (Esc's own figure includes the
 * configured wait, escape_delay_ms, that tells a lone Esc from the start
 * of a key's sequence).  A typed character has two times: "answered",
 * when the screen shows it (the end of its first output, read until
 * QUIET_MS of silence: sendesk draws the typed text before it looks for
 * a row; the table says how many of those outputs held the character
 * as written out whole), and
 * "complete", when the search it started has drawn its last row and its
 * count (the footer's "searching" has given way to "records", or in the
 * picker "found").  The 1st, 2nd, 3rd and 6th characters are printed,
 * and every character together, beside the goal: every key answered
 * within GOAL_MS at the 99th percentile.  Printed per operation:
 * count, median, p99 (nearest rank: with fewer than 100 measurements it
 * is the largest) and maximum in milliseconds; the time from starting
 * the program to its first complete screen and, for a list on another
 * tab, the time its tab key takes; and the program's peak resident
 * memory (VmHWM in /proc/PID/status) at the end.
 *
 * A list with a scroll height (Spot purchases) is then paged through end
 * to end by a second run of the program in a taller terminal (so that
 * the pages are fewer): PgDn from the first row, each key measured as
 * above, until one draws no text (curses may still move the cursor); then
 * End, which must draw none either if the last row was reached.
 * Printed: the PgDn count and times, the time end to end, and that
 * program's VmHWM against the 32 MB the list is meant to stay within.
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
#define UNCHANGED_MS 3000     /* scrolling: the longest wait for a PgDn's first byte */
#define START_MS 60000        /* longest wait for the first screen */
#define DOWN_COUNT 200
#define PAGE_COUNT 50
#define END_COUNT 20
#define FILTER_ROUNDS 10
#define FILTER_LENGTH 6
#define GOAL_MS 16.0
#define SCROLL_MAX_KEYS 100000   /* a guard, should the screen never stop changing */
#define PEAK_TARGET_KB (32 * 1024)

#define KEY_DOWN "\033OB"
#define KEY_PAGE_DOWN "\033[6~"
#define KEY_HOME "\033OH"
#define KEY_END "\033OF"
#define KEY_ESC "\033"
#define KEY_F4 "\033OS"

extern char **environ;

/* What is measured on one list. */
struct list_plan {
	const char *name;            /* LIST on the command line */
	const char *title;           /* the tab's name */
	const char *tab_key;         /* shows the list from the first screen; NULL: it is the first */
	const char *open_filter;     /* the key that starts typing: "/" or the picker's F4 */
	const char *done;            /* the footer's word once a search is complete */
	/* Typed after open_filter, FILTER_LENGTH characters each: text the
	 * list shows, some matching most rows, some few. */
	const char *filters[FILTER_ROUNDS];
	int scroll_lines;            /* > 0: also paged end to end in a terminal this tall */
};

static const struct list_plan plans[] = {
	/* Refs C000001-C100000, their provider's code and dates: EKHUFT is in
	 * a third of the rows, 2015-0 in a tenth, C01234 in ten, C5X123 in
	 * none. */
	{"contracts", "Contracts", NULL, "/", "records",
	 {"C01234", "EKHUFT", "C99999", "C5X123", "C10000", "2015-0", "C00001", "C42424", "2019-1",
	  "C77777"}, 0},
	/* A purchase is found by its ref (SP0000001), its child's ref
	 * (CH0000006), its provider's code (P0260), therapy, dates and
	 * invoice: CH0, SP0, INV, slt and 202 match (nearly) every one of the
	 * 500,000; H00 about 50,000, P07 and P08 about 30,000, 901 about
	 * 5,000, P09 a few hundred.
	 *
	 * 160 lines: the body shows 155 rows, so the 500,000 rows take about
	 * 3,200 PgDn (at 30 lines it would be 21,000, too long to wait for).
	 * Not taller: the list shows at most 170 rows (a third of its window,
	 * tui/listview.h's LISTVIEW_MAX_HEIGHT), and more would not be read. */
	{"spot-purchases", "Spot purchases", "4", "/", "records",
	 {"CH0000", "SP0012", "INV000", "SP0000", "CH0123", "INV123", "SP0499", "CH0999", "P0001x",
	  "SP0250"}, 160},
	/* Children by last name (Robins, Taylor, Wright: about 1% each), by
	 * ref (CH0000: CH0000001-CH0000999; CH0012 and CH0999 a thousand
	 * at a million children, fewer in a smaller database), by UPN (one
	 * child each), and a name nobody has. */
	{"children", "Children", "6", "/", "records",
	 {"Robins", "CH0012", "T57237", "Taylor", "CH0000", "M36615", "Niamhx", "CH0999", "Q42878",
	  "Wright"}, 0},
	/* The same in the child picker: F4 on the Provision list chooses the
	 * child whose sessions it shows. */
	{"child-picker", "Provision", "7", KEY_F4, "found",
	 {"Robins", "CH0012", "T57237", "Taylor", "CH0000", "M36615", "Niamhx", "CH0999", "Q42878",
	  "Wright"}, 0},
	/* The sessions (10,000,000 in a national database, newest first),
	 * found by the therapist's name, the child's and the entry's refs,
	 * the date and the outcome: 2025-0 and delivered match most,
	 * Millie a few percent, CH0999 and TE0299 a few hundred, Xavier
	 * none. */
	{"provision", "Provision", "7", "/", "records",
	 {"Millie", "CH0999", "2025-0", "TE0299", "delive", "Fatima", "Xavier", "CH0123", "did no",
	  "2019-1"}, 0},
	/* The personal budgets (200,000), by ref (PB0000001...), child,
	 * purpose: PB0000 matches the first tenth, Travel and Physio an
	 * eighth each, therap most, PB0199 a thousand, PB012x none. */
	{"personal-budgets", "Personal budgets", "9", "/", "records",
	 {"PB0000", "Physio", "PB0199", "Travel", "CH0999", "PB0123", "Sensor", "CH0001", "PB012x",
	  "therap"}, 0},
	/* The providers' monthly returns (ten years from each NHS trust for
	 * each therapy), by month: a tenth of a year's rows each, 2030-0
	 * none. */
	{"returns", "Returns", "0", "/", "records",
	 {"2015-0", "2024-1", "2019-0", "2030-0", "2020-1", "2016-1", "2021-0", "2017-0", "2022-1",
	  "2018-0"}, 0},
};

struct sample_set {
	const char *name;
	double *ms;
	int count, capacity;
	int silent;               /* keys after which nothing was drawn */
	int late;                 /* keys whose output paused for more than QUIET_MS */
};

/* The program under test and what it has written to its terminal. */
struct terminal {
	int fd;                   /* the pseudo-terminal's master side */
	pid_t pid;
	double started;           /* when the program was started */
	long long bytes;          /* all it wrote */
	long long text;           /* of those, characters drawn: outside escape sequences */
	enum { PLAIN, ESCAPE, CSI, ONE_MORE } escape_state;   /* where the last byte left off */
	char tail[1 << 16];       /* the last of it, for finding text */
	size_t tail_len;
	char recent[1 << 16];     /* what came since the last key (its start if more) */
	size_t recent_len;
};

/* How a run of the program ended. */
struct run_end {
	char hwm[64], rss[64];    /* VmHWM and VmRSS before quitting */
	long long bytes;
	int status;               /* exit status after Q */
};

/* The latency run: one program in a LINES-tall terminal. */
struct latency_run {
	double first_screen;
	char switch_name[32];
	struct sample_set switch_tab, down, page, end, home, slash, esc;
	struct sample_set answered[FILTER_LENGTH], complete[FILTER_LENGTH], any_answered, any_complete;
	int typed_shown;          /* first outputs that held the typed character */
	char answered_names[FILTER_LENGTH][40], complete_names[FILTER_LENGTH][40];
	struct run_end end_state;
};

/* The end-to-end run: a second program in a taller terminal. */
struct scroll_run {
	char page_name[40];
	struct sample_set page;
	double seconds;           /* from the first PgDn to the last screen it changed */
	bool end_moved;           /* End still changed the screen: PgDn stopped short */
	struct run_end end_state;
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

/* ---- samples ------------------------------------------------------------- */

/* One key's time, or ms < 0 when nothing was drawn. */
static void add_sample(struct sample_set *set, double ms, bool late)
{
	if (late)
		set->late++;
	if (ms < 0) {
		set->silent++;
		return;
	}
	if (set->count == set->capacity) {
		int capacity = set->capacity ? 2 * set->capacity : 256;
		double *grown = realloc(set->ms, sizeof *grown * (size_t)capacity);
		if (grown == NULL)
			die("realloc");
		set->ms = grown;
		set->capacity = capacity;
	}
	set->ms[set->count++] = ms;
}

static int compare(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* A one-off time: no percentiles to speak of. */
static void report_once(const char *name, double ms)
{
	printf("%-28s %5d %10.2f %10s %10s", name, 1, ms, "", "");
}

static void report(struct sample_set *set)
{
	if (set->count == 0) {
		printf("%-28s %5d %10s %10s %10s  (%d without output)\n", set->name, 0, "-", "-", "-",
		       set->silent);
		return;
	}
	int n = set->count;
	qsort(set->ms, (size_t)n, sizeof set->ms[0], compare);
	double median = n % 2 ? set->ms[n / 2] : (set->ms[n / 2 - 1] + set->ms[n / 2]) / 2;
	int rank = (99 * n + 99) / 100;   /* nearest rank: ceil(0.99 n) */
	if (n == 1)
		report_once(set->name, median);
	else
		printf("%-28s %5d %10.2f %10.2f %10.2f", set->name, n, median, set->ms[rank - 1],
		       set->ms[n - 1]);
	if (set->silent)
		printf("  (%d without output)", set->silent);
	if (set->late)
		printf("  (%d with output after a pause)", set->late);
	printf("\n");
}

/* The 99th percentile beside the goal (report sorts the samples). */
static void report_goal(struct sample_set *set)
{
	report(set);
	if (set->count == 0)
		return;
	int rank = (99 * set->count + 99) / 100;
	double p99 = set->ms[rank - 1];
	printf("%-28s goal: p99 under %.0f ms: %s\n", "", GOAL_MS, p99 < GOAL_MS ? "met" : "NOT met");
}

/* ---- the terminal -------------------------------------------------------- */

/* Counts the characters drawn, skipping escape sequences (ESC [ ...
 * final byte, ESC O x and other ESC x x, ESC x) and control characters:
 * a screen whose text did not change gets cursor movements only. */
static void count_text(struct terminal *term, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)buf[i];
		switch (term->escape_state) {
		case PLAIN:
			if (b == 0x1b)
				term->escape_state = ESCAPE;
			else if (b >= 0x20 && b != 0x7f)
				term->text++;
			break;
		case ESCAPE:
			term->escape_state = b == '[' ? CSI : strchr("O()*+#", b) != NULL ? ONE_MORE : PLAIN;
			break;
		case CSI:
			if (b >= 0x40 && b <= 0x7e)
				term->escape_state = PLAIN;
			break;
		case ONE_MORE:
			term->escape_state = PLAIN;
			break;
		}
	}
}

static void keep_output(struct terminal *term, const char *buf, size_t n)
{
	count_text(term, buf, n);
	size_t fits = sizeof term->recent - 1 - term->recent_len;
	memcpy(term->recent + term->recent_len, buf, n < fits ? n : fits);
	term->recent_len += n < fits ? n : fits;
	term->recent[term->recent_len] = '\0';
	const size_t room = sizeof term->tail - 1;
	term->bytes += (long long)n;
	if (n >= room) {
		memcpy(term->tail, buf + n - room, room);
		term->tail_len = room;
	} else {
		if (term->tail_len + n > room) {
			size_t drop = term->tail_len + n - room;
			memmove(term->tail, term->tail + drop, term->tail_len - drop);
			term->tail_len -= drop;
		}
		memcpy(term->tail + term->tail_len, buf, n);
		term->tail_len += n;
	}
	term->tail[term->tail_len] = '\0';
}

/* Waits up to timeout_ms for output and reads what is there: bytes read,
 * 0 when nothing came, -1 when the terminal closed. */
static ssize_t read_some(struct terminal *term, double timeout_ms)
{
	char buf[1 << 16];
	struct pollfd p = {term->fd, POLLIN, 0};
	int ms = timeout_ms < 0 ? 0 : (int)(timeout_ms + 0.999);
	int r = poll(&p, 1, ms);
	if (r < 0) {
		if (errno == EINTR)
			return 0;
		die("poll");
	}
	if (r == 0)
		return 0;
	ssize_t n = read(term->fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return -1;   /* EIO: the program closed its terminal */
	keep_output(term, buf, (size_t)n);
	return n;
}

/* Reads until QUIET_MS pass without a byte, waiting up to first_ms for
 * the first one.  The time of the last byte, or -1 when none came. */
static double read_until_quiet(struct terminal *term, double first_ms)
{
	double last = -1, start = now_ms();
	for (;;) {
		double wait = last < 0 ? first_ms - (now_ms() - start) : QUIET_MS - (now_ms() - last);
		if (wait <= 0)
			return last;
		ssize_t n = read_some(term, wait);
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

/* Writes a key; how long the screen took to be complete (the time of the
 * last byte before QUIET_MS of silence), or -1 when nothing came within
 * first_ms.  Then it watches SETTLE_MS more: bytes that still come (the
 * program was held up half-way through its output, e.g. by a busy
 * machine) belong to this key too, since no other has been sent; they
 * extend its time and set *late. */
static double time_key(struct terminal *term, const char *bytes, double first_ms, bool *late)
{
	double start = now_ms();
	write_all(term->fd, bytes, strlen(bytes));
	double last = read_until_quiet(term, first_ms);
	double later = read_until_quiet(term, SETTLE_MS);
	*late = later >= 0;
	if (*late)
		last = later;
	return last < 0 ? -1 : last - start;
}

static void measure(struct terminal *term, struct sample_set *set, const char *bytes)
{
	bool late;
	double ms = time_key(term, bytes, FIRST_BYTE_MS, &late);
	add_sample(set, ms, late);
}

/* Whether the search a key started is complete: its done word came
 * after the last "searching" drawn since the key (or with none drawn).
 * curses rewrites the footer's words whole: they share no letter in
 * place. */
static bool search_complete(const struct terminal *term, const char *done)
{
	const char *from = term->recent, *s;
	while ((s = strstr(from, "searching")) != NULL)
		from = s + 1;
	return strstr(from, done) != NULL;
}

/* Writes a key that starts a search: *answered is when the screen's
 * first output after it ended (sendesk draws the typed text before it
 * looks for a row: *shown says whether that output held the key's
 * character followed by the filter line's "_"; curses may instead insert
 * the character before a "_" already there, which this does not see), *complete when the search's last output came (its done
 * word drawn, then QUIET_MS and SETTLE_MS of silence: output in the
 * settle sets *late); -1 when nothing came. */
static void time_search_key(struct terminal *term, const char *bytes, const char *done,
                            double *answered, bool *shown, double *complete, bool *late)
{
	term->recent_len = 0;
	term->recent[0] = '\0';
	double start = now_ms();
	write_all(term->fd, bytes, strlen(bytes));
	/* The first burst: its first byte, then until QUIET_MS of silence
	 * (curses writes one screen update at once; a search quick enough to
	 * follow within QUIET_MS counts in, which only lengthens the time). */
	double last = read_until_quiet(term, FIRST_BYTE_MS);
	*answered = last < 0 ? -1 : last - start;
	/* A list's filter line ends in "_" after the text; the picker's does
	 * not, and a lone letter could be part of an escape sequence. */
	char mark[8];
	snprintf(mark, sizeof mark, "%s_", bytes);
	*shown = last >= 0 && strstr(term->recent, mark) != NULL;
	while (!search_complete(term, done) && now_ms() - start < FIRST_BYTE_MS) {
		ssize_t n = read_some(term, 100);
		if (n < 0)
			break;
		if (n > 0)
			last = now_ms();
	}
	double quiet = read_until_quiet(term, QUIET_MS);
	if (quiet >= 0)
		last = quiet;
	double later = read_until_quiet(term, SETTLE_MS);
	*late = later >= 0;
	if (*late)
		last = later;
	*complete = last < 0 ? -1 : last - start;
}

/* Ours, with the terminal and locale set and no size in the environment
 * (so that curses asks the terminal). */
static char **child_environment(void)
{
	static const char *const dropped[] = {"TERM=", "LANG=", "LC_", "COLUMNS=", "LINES="};
	size_t n = 0;
	while (environ[n])
		n++;
	char **env = calloc(n + 4, sizeof *env);
	if (env == NULL)
		die("calloc");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		bool keep = true;
		for (size_t d = 0; d < sizeof dropped / sizeof dropped[0]; d++)
			if (strncmp(environ[i], dropped[d], strlen(dropped[d])) == 0)
				keep = false;
		if (keep)
			env[k++] = environ[i];
	}
	env[k++] = "TERM=xterm-256color";
	env[k++] = "LANG=C.UTF-8";
	env[k++] = "LC_ALL=C.UTF-8";
	env[k] = NULL;
	return env;
}

/* In the child: the slave side becomes its controlling terminal and
 * standard streams, then the program. */
static void exec_on_slave(const char *slave_path, int master, const char *bin, const char *db,
                          char **env)
{
	if (setsid() < 0)
		_exit(126);
	int slave = open(slave_path, O_RDWR);
	if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) != 0)
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

/* Starts the program on the slave side of a new pseudo-terminal,
 * COLS x lines. */
static void start(struct terminal *term, const char *bin, const char *db, int lines)
{
	memset(term, 0, sizeof *term);
	term->fd = posix_openpt(O_RDWR | O_NOCTTY);
	if (term->fd < 0)
		die("posix_openpt");
	if (grantpt(term->fd) != 0 || unlockpt(term->fd) != 0)
		die("grantpt/unlockpt");
	const char *slave_name = ptsname(term->fd);
	if (slave_name == NULL)
		die("ptsname");
	char slave_path[256];
	snprintf(slave_path, sizeof slave_path, "%s", slave_name);
	struct winsize ws = {.ws_row = (unsigned short)lines, .ws_col = COLS};
	if (ioctl(term->fd, TIOCSWINSZ, &ws) != 0)
		die("TIOCSWINSZ");
	char **env = child_environment();
	term->started = now_ms();
	term->pid = fork();
	if (term->pid < 0)
		die("fork");
	if (term->pid == 0)
		exec_on_slave(slave_path, term->fd, bin, db, env);
	free(env);
}

/* The first screen: the list's footer ("N records") has been drawn and
 * the terminal has gone quiet.  Milliseconds from the start; the program
 * is killed and keys exits when it never comes. */
static double wait_first_screen(struct terminal *term)
{
	while (strstr(term->tail, "records") == NULL) {
		if (now_ms() - term->started > START_MS) {
			fprintf(stderr, "keys: no list after %d ms; the program wrote:\n%s\n", START_MS,
			        term->tail);
			kill(term->pid, SIGKILL);
			exit(1);
		}
		if (read_some(term, 100) < 0) {
			fprintf(stderr, "keys: the program ended before its first screen:\n%s\n", term->tail);
			exit(1);
		}
	}
	double first = read_until_quiet(term, QUIET_MS);
	return (first < 0 ? now_ms() : first) - term->started;
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

/* Notes the program's memory, quits it with Q and closes the terminal. */
static void finish(struct terminal *term, struct run_end *end)
{
	read_until_quiet(term, 50);
	proc_status(term->pid, "VmHWM", end->hwm, sizeof end->hwm);
	proc_status(term->pid, "VmRSS", end->rss, sizeof end->rss);
	write_all(term->fd, "Q", 1);
	double start = now_ms();
	int status;
	for (;;) {
		read_some(term, 10);
		if (waitpid(term->pid, &status, WNOHANG) == term->pid)
			break;
		if (now_ms() - start > 5000) {
			fprintf(stderr, "keys: Q did not end the program; killing it\n");
			kill(term->pid, SIGKILL);
			waitpid(term->pid, &status, 0);
			break;
		}
	}
	end->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	end->bytes = term->bytes;
	close(term->fd);
}

/* ---- the latency run ----------------------------------------------------- */

static void latency_init(struct latency_run *l, const struct list_plan *plan)
{
	static const char *const ordinals[FILTER_LENGTH] = {"1st", "2nd", "3rd", "4th", "5th", "6th"};
	memset(l, 0, sizeof *l);
	snprintf(l->switch_name, sizeof l->switch_name, "switch to tab %s", plan->tab_key ? plan->tab_key : "");
	l->switch_tab.name = l->switch_name;
	l->down.name = "Down";
	l->page.name = "PgDn";
	l->end.name = "End (last row)";
	l->home.name = "Home (first row)";
	l->slash.name = strcmp(plan->open_filter, "/") == 0 ? "/ (start filter)" : "F4 (open picker)";
	for (int c = 0; c < FILTER_LENGTH; c++) {
		snprintf(l->answered_names[c], sizeof l->answered_names[c], "%s character answered", ordinals[c]);
		snprintf(l->complete_names[c], sizeof l->complete_names[c], "%s character complete", ordinals[c]);
		l->answered[c].name = l->answered_names[c];
		l->complete[c].name = l->complete_names[c];
	}
	l->any_answered.name = "any character answered";
	l->any_complete.name = "any character complete";
	l->esc.name = strcmp(plan->open_filter, "/") == 0 ? "Esc (clear filter)" : "Esc (close picker)";
}

static void measure_moves(struct terminal *term, struct latency_run *l)
{
	for (int i = 0; i < DOWN_COUNT; i++)
		measure(term, &l->down, KEY_DOWN);
	for (int i = 0; i < PAGE_COUNT; i++)
		measure(term, &l->page, KEY_PAGE_DOWN);
	for (int i = 0; i < END_COUNT; i++) {
		measure(term, &l->end, KEY_END);
		measure(term, &l->home, KEY_HOME);
	}
}

static void measure_filters(struct terminal *term, const struct list_plan *plan, struct latency_run *l)
{
	for (int r = 0; r < FILTER_ROUNDS; r++) {
		bool late, shown;
		double answered, complete;
		/* The picker opens on a search of its own. */
		time_search_key(term, plan->open_filter, plan->done, &answered, &shown, &complete, &late);
		add_sample(&l->slash, complete, late);
		for (int c = 0; c < FILTER_LENGTH && plan->filters[r][c]; c++) {
			char key[2] = {plan->filters[r][c], '\0'};
			time_search_key(term, key, plan->done, &answered, &shown, &complete, &late);
			l->typed_shown += shown;
			add_sample(&l->answered[c], answered, false);
			add_sample(&l->any_answered, answered, false);
			add_sample(&l->complete[c], complete, late);
			add_sample(&l->any_complete, complete, late);
		}
		measure(term, &l->esc, KEY_ESC);
	}
}

static void run_latency(const char *bin, const char *db, const struct list_plan *plan,
                        struct latency_run *l)
{
	static struct terminal term;
	latency_init(l, plan);
	start(&term, bin, db, LINES);
	l->first_screen = wait_first_screen(&term);
	if (plan->tab_key)
		measure(&term, &l->switch_tab, plan->tab_key);
	measure_moves(&term, l);
	measure_filters(&term, plan, l);
	finish(&term, &l->end_state);
}

/* ---- the end-to-end run -------------------------------------------------- */

/* Writes a key; whether it changed the screen's text (curses may still
 * move the cursor when nothing changed), and its time in *ms. */
static bool changes_text(struct terminal *term, const char *bytes, double *ms, bool *late)
{
	long long before = term->text;
	*ms = time_key(term, bytes, UNCHANGED_MS, late);
	return *ms >= 0 && term->text > before;
}

/* PgDn from the first row until a key changes nothing, then End, which
 * must change nothing either. */
static void scroll_to_end(struct terminal *term, struct scroll_run *s)
{
	bool late;
	double ms, first_sent = now_ms(), last_done = first_sent;
	for (int i = 0; i < SCROLL_MAX_KEYS; i++) {
		double sent = now_ms();
		if (!changes_text(term, KEY_PAGE_DOWN, &ms, &late))
			break;
		add_sample(&s->page, ms, late);
		last_done = sent + ms;
	}
	s->seconds = (last_done - first_sent) / 1e3;
	s->end_moved = changes_text(term, KEY_END, &ms, &late);
}

static void run_scroll(const char *bin, const char *db, const struct list_plan *plan,
                       struct scroll_run *s)
{
	static struct terminal term;
	memset(s, 0, sizeof *s);
	snprintf(s->page_name, sizeof s->page_name, "PgDn, top to end (%dx%d)", COLS, plan->scroll_lines);
	s->page.name = s->page_name;
	start(&term, bin, db, plan->scroll_lines);
	wait_first_screen(&term);
	/* Timed in the latency run already. */
	if (plan->tab_key) {
		bool late;
		time_key(&term, plan->tab_key, FIRST_BYTE_MS, &late);
	}
	scroll_to_end(&term, s);
	finish(&term, &s->end_state);
}

/* ---- the table ----------------------------------------------------------- */

static void print_heading(const char *bin, const char *db, const struct list_plan *plan)
{
	char tab[32] = "the first tab";
	if (plan->tab_key)
		snprintf(tab, sizeof tab, "tab %s", plan->tab_key);
	printf("== %s (%s) on %s\n", plan->title, tab, db);
	printf("sendesk key-to-screen latency: %s, %dx%d", bin, COLS, LINES);
	if (plan->scroll_lines > 0)
		printf(" (end to end %dx%d)", COLS, plan->scroll_lines);
	printf(", quiet after %d ms, settle %d ms\n", QUIET_MS, SETTLE_MS);
	printf("%-28s %5s %10s %10s %10s\n", "operation", "n", "median ms", "p99 ms", "max ms");
}

static void print_latency(const struct list_plan *plan, struct latency_run *l)
{
	report_once("first screen", l->first_screen);
	printf("\n");
	if (plan->tab_key)
		report(&l->switch_tab);
	struct sample_set *sets[] = {&l->down, &l->page, &l->end, &l->home, &l->slash};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
		report(sets[i]);
	static const int shown[] = {0, 1, 2, 5};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		report_goal(&l->answered[shown[i]]);
		report(&l->complete[shown[i]]);
	}
	report_goal(&l->any_answered);
	if (strcmp(plan->open_filter, "/") == 0)
		printf("%-28s the typed character was in %d of those %d first outputs\n", "",
		       l->typed_shown, l->any_answered.count);
	report(&l->any_complete);
	report(&l->esc);
}

/* After the table: how far PgDn got, in how long, and with what memory. */
static void print_scroll(const struct scroll_run *s)
{
	printf("end to end: %d PgDn in %.1f s; End afterwards %s\n", s->page.count, s->seconds,
	       s->end_moved ? "still moved: PgDn stopped before the last row"
	                    : "changed nothing: the last row was reached");
	long peak_kb = strtol(s->end_state.hwm, NULL, 10);
	printf("peak RSS of the end-to-end run (VmHWM): %s (target under %d kB: %s); RSS at the end: %s\n",
	       s->end_state.hwm, PEAK_TARGET_KB, peak_kb > 0 && peak_kb < PEAK_TARGET_KB ? "met" : "NOT met",
	       s->end_state.rss);
}

static void print_end(const char *run, const struct run_end *end)
{
	printf("%s: terminal output %lld bytes; exit status after Q: %d\n", run, end->bytes,
	       end->status);
}

static const struct list_plan *find_plan(const char *name)
{
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++)
		if (strcmp(plans[i].name, name) == 0)
			return &plans[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct list_plan *plan = argc == 4 ? find_plan(argv[3]) : NULL;
	if (plan == NULL) {
		fprintf(stderr, "usage: keys SENDESK DB LIST\n  LIST:");
		for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++)
			fprintf(stderr, " %s", plans[i].name);
		fprintf(stderr, "\n");
		return 64;
	}
	signal(SIGPIPE, SIG_IGN);
	static struct latency_run latency;
	static struct scroll_run scroll;
	run_latency(argv[1], argv[2], plan, &latency);
	if (plan->scroll_lines > 0)
		run_scroll(argv[1], argv[2], plan, &scroll);

	print_heading(argv[1], argv[2], plan);
	print_latency(plan, &latency);
	if (plan->scroll_lines > 0)
		report(&scroll.page);
	printf("peak RSS of the latency run (VmHWM): %s; RSS at the end: %s\n", latency.end_state.hwm,
	       latency.end_state.rss);
	if (plan->scroll_lines > 0)
		print_scroll(&scroll);
	print_end("latency run", &latency.end_state);
	if (plan->scroll_lines > 0)
		print_end("end-to-end run", &scroll.end_state);
	return 0;
}
