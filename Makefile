# sendesk: build, test, install.  See README.md.
#
#   make            ./sendesk
#   make run        build, create the default database with demo data on
#                   first run, start sendesk
#   make test       unit, command-line and screen tests, then again under
#                   ASan+UBSan; logs in build/test
#   make fuzz       the CSV and config fuzz targets (clang, libFuzzer)
#   make install    PREFIX=/usr/local DESTDIR=
#   make stress     8 writers for 60 s and 100 processes killed; prints counts
#
# A team sharing one database: make install, then (as root) the installed
# `sendesk setup-team DIR`, again after each install (see README.md).
#
# CFLAGS, CPPFLAGS and LDFLAGS given to make (or in the environment) come
# after the project's own, so `make CFLAGS=-O0` builds unoptimised and
# the warnings stay errors.
#
# Missing Debian packages (scripts/packages: `build` for the program,
# `test` for the tests, `fuzz` for the fuzz targets) are installed by
# scripts/deps.sh (as root) or named with the exact apt-get command to run.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/sendesk
CC ?= cc
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 20
MAKEFLAGS += --no-builtin-rules
# Compiles on every processor; a -j given to make wins.
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2)

# The curses libraries are those tui/ uses: ncursesw and its form library;
# libcrypto (OpenSSL) gives the audit chain its SHA-256.
PKGS := sqlite3 libconfig ncursesw formw libcrypto
TEST_PKGS := criterion
# Without pkg-config files on Debian 12.
NO_PC_LIBS := -lcsv -lunistring -lm

WARNINGS := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARNINGS) -I. -Ibuild/gen -MMD -MP
OPT_CFLAGS ?= -O2 -g
# The tests' own code (not the program's, which they link as built
# above): what it does takes no time, and it builds in a quarter less.
TEST_OPT_CFLAGS := -O1 -g1
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# The sanitizer builds keep line tables only (-g1): their reports name
# each frame's file and line all the same, and the ASan tree builds in
# 40 s instead of 52.
SAN_DEBUG := -g1
# The sanitizers' runtimes linked in: each test starts hundreds of ASan
# processes, and resolving the shared runtime's symbols was a fifth of
# each one's cost (0.09 s against 0.065 s for `sendesk --help`).
SAN_LDFLAGS := -static-libasan -static-libubsan

# Evaluated when a recipe runs, that is after scripts/deps.sh has
# installed the packages pkg-config asks about; the test libraries only
# by the recipes of the tests, so a plain make needs none of them.
# Each is asked of pkg-config once, when first used, then kept (one
# pkg-config per compile was 600 runs).
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)) $(NO_PC_LIBS))$(PKG_LIBS)
TEST_CFLAGS = $(eval TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS)))$(TEST_CFLAGS)
TEST_LIBS = $(eval TEST_LIBS := $(shell pkg-config --libs $(TEST_PKGS)))$(TEST_LIBS)
USER_CFLAGS = $(CPPFLAGS) $(CFLAGS)

REL := build/rel
ASAN := build/asan
# One stamp per group of packages checked (scripts/packages).
BUILD_DEPS := build/.deps-build
TEST_DEPS := build/.deps-test
FUZZ_DEPS := build/.deps-fuzz

GEN := build/gen/migrations.c build/gen/demo_data.c
LIB_SRC := $(wildcard util/*.c db/*.c config/*.c core/*.c tui/*.c) $(GEN)
CLI_SRC := $(wildcard cli/*.c)
# Unit tests share fixture, collect and rundir; the process-driven tests (CLI and
# end to end) share proc and rundir.
PROC_SUPPORT := tests/support/proc.c tests/support/rundir.c
SUPPORT_SRC := $(filter-out tests/support/proc.c,$(wildcard tests/support/*.c))
UNIT_SRC := $(wildcard tests/unit/*.c)
CLI_TEST_SRC := $(wildcard tests/cli/*.c)
E2E_SRC := $(wildcard tests/e2e/*.c)

objs = $(patsubst %.c,$(1)/%.o,$(2))

.PHONY: all run test stress bench bench-import unit-tests cli-tests test-asan fuzz install uninstall clean deps
all: sendesk

deps: $(BUILD_DEPS) $(TEST_DEPS)
$(BUILD_DEPS): scripts/deps.sh scripts/packages
	@sh scripts/deps.sh build
	@mkdir -p $(@D) && touch $@
$(TEST_DEPS): scripts/deps.sh scripts/packages
	@sh scripts/deps.sh build test
	@mkdir -p $(@D) && touch $@
$(FUZZ_DEPS): scripts/deps.sh scripts/packages
	@sh scripts/deps.sh build fuzz
	@mkdir -p $(@D) && touch $@

build/gen/migrations.c: Makefile scripts/embed.sh db/migrations $(sort $(wildcard db/migrations/*.sql))
	@mkdir -p $(@D)
	sh scripts/embed.sh migrations migration_count $(sort $(wildcard db/migrations/*.sql)) > $@

# The demo data set, in load order: each file may refer only to earlier ones.
DEMO_FILES := providers.csv contracts.csv contract-values.csv coverage.csv staffing.csv funders.csv \
              returns.csv activity-returns.csv children.csv spot-purchases.csv personal-budgets.csv

build/gen/demo_data.c: Makefile scripts/embed.sh $(addprefix data/demo/,$(DEMO_FILES))
	@mkdir -p $(@D)
	sh scripts/embed.sh demo_files demo_file_count $(addprefix data/demo/,$(DEMO_FILES)) > $@

# make V=1 shows the commands in full.
Q := $(if $(V),,@)

# The program's objects; those under tests/ (the more specific rules,
# which make prefers) also see the test libraries' headers.
$(REL)/%.o: %.c | $(BUILD_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<",true)
	$(Q)$(CC) $(BASE_CFLAGS) $(OPT_CFLAGS) $(PKG_CFLAGS) $(USER_CFLAGS) -c $< -o $@

# The bench and its generator are measured: built as the program is.
$(REL)/tests/bench/%.o: TEST_OPT_CFLAGS = $(OPT_CFLAGS)
$(REL)/tests/%.o: tests/%.c | $(TEST_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<",true)
	$(Q)$(CC) $(BASE_CFLAGS) $(TEST_OPT_CFLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(USER_CFLAGS) -c $< -o $@

$(ASAN)/%.o: %.c | $(TEST_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC/SAN  $<",true)
	$(Q)$(CC) $(BASE_CFLAGS) -O1 $(SAN_DEBUG) $(SAN_FLAGS) $(PKG_CFLAGS) $(USER_CFLAGS) -c $< -o $@

$(ASAN)/tests/%.o: tests/%.c | $(TEST_DEPS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC/SAN  $<",true)
	$(Q)$(CC) $(BASE_CFLAGS) -O1 $(SAN_DEBUG) $(SAN_FLAGS) $(PKG_CFLAGS) $(TEST_CFLAGS) $(USER_CFLAGS) -c $< -o $@

sendesk: $(call objs,$(REL),$(CLI_SRC) $(LIB_SRC))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(OPT_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(ASAN)/sendesk: $(call objs,$(ASAN),$(CLI_SRC) $(LIB_SRC))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(SAN_FLAGS) $(SAN_LDFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(REL)/unit-tests: $(call objs,$(REL),$(LIB_SRC) $(SUPPORT_SRC) $(UNIT_SRC))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(ASAN)/unit-tests: $(call objs,$(ASAN),$(LIB_SRC) $(SUPPORT_SRC) $(UNIT_SRC))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(SAN_FLAGS) $(SAN_LDFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(REL)/cli-tests: $(call objs,$(REL),$(CLI_TEST_SRC) $(PROC_SUPPORT))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

$(REL)/e2e-tests: $(call objs,$(REL),$(E2E_SRC) $(PROC_SUPPORT))
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1
# Freed memory held back to catch a use after free: 32 MB, not ASan's
# 256, since no test process frees more between a free and its misuse;
# the default's system time was a sixth of the ASan unit tests' time.
export ASAN_OPTIONS := detect_leaks=1:abort_on_error=1:quarantine_size_mb=32

E2E_TESTS := $(if $(E2E_SRC),$(REL)/e2e-tests)

# make bench: the national-scale database is generated once into
# BENCH_DB (about 2.4 GB; delete it to regenerate) and the timings printed,
# never asserted.  BENCH_SCALE=0.1 for a smaller run.
BENCH_DB ?= build/bench/national.db
BENCH_SCALE ?= 1
BENCH_ARGS ?= --import-rows 1000000

$(REL)/generate: $(call objs,$(REL),$(LIB_SRC) tests/bench/generate.c)
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(REL)/bench: $(call objs,$(REL),$(LIB_SRC) tests/bench/bench.c)
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(REL)/import-bench: $(call objs,$(REL),$(LIB_SRC) tests/bench/import_bench.c)
	@$(if $(Q),echo "  LINK    $@",true)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# make bench-import: sendesk import beside a hand-written SQL import and
# the raw .import of the same file (IMPORT_ROWS new spot purchases).
IMPORT_ROWS ?= 200000
bench-import: sendesk $(REL)/import-bench
	@mkdir -p build/bench/import
	$(REL)/import-bench --rows $(IMPORT_ROWS) --sendesk $(CURDIR)/sendesk --dir build/bench/import

bench: sendesk $(REL)/generate $(REL)/bench
	@mkdir -p $(dir $(BENCH_DB))
	@if [ ! -e $(BENCH_DB) ]; then \
		echo "== generating $(BENCH_DB) at scale $(BENCH_SCALE) (once; delete it to regenerate)"; \
		$(REL)/generate --db $(BENCH_DB) --scale $(BENCH_SCALE) || exit 1; \
	fi
	$(REL)/bench --db $(BENCH_DB) --sendesk $(CURDIR)/sendesk $(BENCH_ARGS)
	@echo "== key-to-screen latency: Contracts (100,000) and Spot purchases on $(BENCH_DB)"
	sh tests/bench/run-keys.sh $(CURDIR)/sendesk $(BENCH_DB)
	$(MAKE) --no-print-directory bench-import

# make test runs its suites in two lanes side by side: those that keep
# the processor busy (unit and command-line tests, release then ASan) and
# those that mostly wait on the clock (the screens' tests, the stress run,
# the three logins).  Each lane stops at its first failed suite.  A
# suite's output goes to build/test/NAME.log (tests/support/suite.sh): one
# line says when it starts and one how it ended; a failed suite's log is
# shown whole.  make -j1 test runs the suites one after the other.
#
# The unit and command-line tests keep their databases under TEST_TMPDIR,
# a memory file system when the host has one: each commit's sync then
# costs nothing, and no test is about surviving a power cut.  Eight at a
# time keep 2 cores busy while some wait on their child processes.  The
# ASan unit tests wait on nothing: four at a time, as eight used 8% more
# processor time in each other's way (memory).  The screens' tests keep
# Criterion's default, one per core, since each drives a terminal
# against the clock.
TEST_JOBS ?= 8
ASAN_UNIT_JOBS ?= 4
# A container's small /dev/shm (64 MB) would fill: a gigabyte free or /tmp.
TEST_TMPDIR ?= $(shell [ -d /dev/shm ] && [ -w /dev/shm ] && df -Pk /dev/shm | \
	awk 'NR == 2 && $$4 >= 1048576 { m = 1 } END { print m ? "/dev/shm" : "/tmp" }' || echo /tmp)
SUITE := sh tests/support/suite.sh
IN_TEST_TMP := env TMPDIR=$(TEST_TMPDIR)

TEST_SUITES := rel-unit rel-cli asan-unit asan-cli $(if $(E2E_TESTS),rel-e2e asan-e2e) stress team
.PHONY: $(addprefix test-,$(TEST_SUITES))

test: $(addprefix test-,$(TEST_SUITES))
	@echo "== every suite passed (logs in build/test)"

# The processor's lane (the three-logins test last: the two lanes then
# end within seconds of each other).
test-rel-unit: $(REL)/unit-tests
	@$(SUITE) rel-unit $(IN_TEST_TMP) $(REL)/unit-tests --jobs $(TEST_JOBS)
test-rel-cli: sendesk $(REL)/cli-tests | test-rel-unit
	@$(SUITE) rel-cli $(IN_TEST_TMP) SENDESK_BIN=$(CURDIR)/sendesk $(REL)/cli-tests --jobs $(TEST_JOBS)
test-asan-unit: $(ASAN)/unit-tests | test-rel-cli
	@$(SUITE) asan-unit $(IN_TEST_TMP) $(ASAN)/unit-tests --jobs $(ASAN_UNIT_JOBS)
# Through another name, so that make -n does not run the script (as root
# it adds and removes logins) as it would a line naming $$(MAKE); its make
# install is then a make of its own, without this one's job slots.
TEAM_MAKE = $(MAKE)
test-team: sendesk | test-asan-unit
	@$(SUITE) team env MAKEFLAGS= MAKE="$(TEAM_MAKE)" sh tests/team/three_logins.sh

# The clock's lane, which also takes the ASan command-line tests: the
# screens' tests wait on the clock more than on the processor, and the
# two lanes then end within a minute of each other (before, the
# processor's lane ran 6 minutes and this one 3.5).
test-rel-e2e: sendesk $(E2E_TESTS)
	@$(SUITE) rel-e2e env SENDESK_BIN=$(CURDIR)/sendesk $(E2E_TESTS)
test-stress: sendesk $(if $(E2E_TESTS),| test-rel-e2e)
	@$(SUITE) stress sh tests/stress/stress.sh $(STRESS_SHORT) $(CURDIR)/sendesk
# The sanitized program under the command-line tests as they are, as
# the screens' tests run it: what is tested is the program, and the
# suite took 10% less processor time than with a sanitized driver.
test-asan-cli: $(ASAN)/sendesk $(REL)/cli-tests | test-stress
	@$(SUITE) asan-cli $(IN_TEST_TMP) SENDESK_BIN=$(CURDIR)/$(ASAN)/sendesk $(REL)/cli-tests --jobs $(TEST_JOBS)
test-asan-e2e: $(ASAN)/sendesk $(E2E_TESTS) | test-asan-cli
	@$(SUITE) asan-e2e env SENDESK_BIN=$(CURDIR)/$(ASAN)/sendesk $(E2E_TESTS)

# Many processes on one database, and processes killed at random
# moments (tests/stress/stress.sh); make test runs the short form.
STRESS_SHORT := --writers 4 --readers 2 --seconds 3 --rows 1000 --kills 6
STRESS_ARGS ?= --writers 8 --readers 2 --seconds 60 --rows 5000 --kills 100

stress: sendesk
	sh tests/stress/stress.sh $(STRESS_ARGS) $(CURDIR)/sendesk

run: sendesk
	./sendesk init --demo --if-missing
	./sendesk

FUZZ_TARGETS := csv config
build/fuzz/fuzz_csv: tests/fuzz/fuzz_csv.c core/csv.c util/error.c | $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 -I. -fsanitize=fuzzer,address,undefined -o $@ $^ -lcsv
build/fuzz/fuzz_config: tests/fuzz/fuzz_config.c config/config.c util/error.c | $(FUZZ_DEPS)
	@mkdir -p $(@D)
	$(FUZZ_CC) -g -O1 -I. -fsanitize=fuzzer,address,undefined -o $@ $^ $(shell pkg-config --libs libconfig)

fuzz: $(addprefix build/fuzz/fuzz_,$(FUZZ_TARGETS))
	@for t in $^; do echo "== $$t for $(FUZZ_SECONDS)s"; \
		mkdir -p build/fuzz/corpus-$${t##*_}; \
		$$t -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus-$${t##*_} || exit 1; done

install: sendesk
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 0755 sendesk $(DESTDIR)$(BINDIR)/sendesk
	install -m 0644 doc/sendesk.1 $(DESTDIR)$(MANDIR)/man1/sendesk.1
	install -m 0644 config/sendesk.cfg $(DESTDIR)$(DATADIR)/sendesk.cfg

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sendesk $(DESTDIR)$(MANDIR)/man1/sendesk.1 $(DESTDIR)$(DATADIR)/sendesk.cfg

clean:
	rm -rf build sendesk

-include $(shell find build -name '*.d' 2>/dev/null)
