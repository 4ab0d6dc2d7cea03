/* fuzz_config.c: libFuzzer target for the settings loader.
 *
 * Each input is written to a scratch file and loaded over the defaults.
 * The loader must answer 0 or EX_CONFIG, never crash, and whatever it
 * accepts must respect the limits the rest of the program relies on. */
#include "config/config.h"

#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* libconfig before 1.7.3 leaks a string token discarded while recovering
 * from a syntax error (hyperrealm/libconfig#142).  The loader cannot free
 * it and it is a few bytes once per bad file.  The leak is matched by
 * library, because the unwinder often cannot see which libconfig function
 * made the allocation; the loader's own allocations are still checked. */
const char *__lsan_default_suppressions(void)
{
	return "leak:libconfig.so\n";
}

/* A new file for every input, removed at once: libFuzzer may stop the
 * process without running exit handlers. */
static void write_input(char *path, size_t path_size, const uint8_t *data, size_t size)
{
	snprintf(path, path_size, "/tmp/sendesk-fuzz-config-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		abort();
	}
	while (size > 0) {
		ssize_t written = write(fd, data, size);
		if (written <= 0) {
			perror(path);
			abort();
		}
		data += written;
		size -= (size_t)written;
	}
	close(fd);
}

static void assert_terminated(const char *text, size_t size)
{
	assert(memchr(text, '\0', size) != NULL);
}

static void assert_within_limits(const struct settings *s)
{
	assert_terminated(s->authority, sizeof s->authority);
	assert_terminated(s->database, sizeof s->database);
	assert(s->district_count >= 1 && s->district_count <= CONFIG_MAX_DISTRICTS);
	for (int i = 0; i < s->district_count; i++) {
		const struct district *d = &s->districts[i];
		assert_terminated(d->code, sizeof d->code);
		assert_terminated(d->name, sizeof d->name);
		assert(d->row >= 0 && d->row <= 20 && d->col >= 0 && d->col <= 20);
		assert(config_find_district(s, d->code) == d);
	}
	assert(s->therapy_count >= 1 && s->therapy_count <= CONFIG_MAX_THERAPIES);
	for (int i = 0; i < s->therapy_count; i++) {
		assert_terminated(s->therapies[i].code, sizeof s->therapies[i].code);
		assert_terminated(s->therapies[i].name, sizeof s->therapies[i].name);
		assert(config_find_therapy(s, s->therapies[i].code) == &s->therapies[i]);
	}
	assert(s->key_decision_pence > 0);
	assert(s->wait_target_weeks > 0 && s->expiry_warning_days > 0);
	assert(s->financial_year_start_month >= 1 && s->financial_year_start_month <= 12);
	assert(s->academic_year_start_month >= 1 && s->academic_year_start_month <= 12);
	assert(s->file_mode >= 0 && s->file_mode <= 0777);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	write_input(path, sizeof path, data, size);
	struct settings s;
	struct error err;
	error_clear(&err);
	config_defaults(&s);
	int rc = config_load(path, &s, &err);
	unlink(path);
	assert(rc == 0 || rc == EX_CONFIG);
	if (rc == 0)
		assert_within_limits(&s);
	else
		assert(err.code == EX_CONFIG && strncmp(err.msg, path, strlen(path)) == 0);
	return 0;
}
