# hreeplan build.
#   make               the binary and libhreeplan.a (installs nothing)
#   make run           installs missing Debian packages, builds, plans the baseline
#   make test          installs missing packages, then every test: build with
#                      -Werror, unit, CLI, format check, sanitizers, valgrind
#   make test-asan     the sanitizer part alone;  make test-valgrind  the valgrind part
#   make install PREFIX=DIR   binary, library, include/hreeplan.h, hreeplan.pc
# run and test call scripts/deps.sh first and build in a second make, so that
# what deps.sh has just installed (the CBC backend) is seen by the build.
CC      ?= gcc
PREFIX  ?= /usr/local
OPTIONAL ?= 1
export OPTIONAL

WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
          -Wmissing-prototypes -Wformat=2 -Werror
CSTD    = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
DEPFLAGS = -MMD -MP
# CBC backend when its development files are present (WITH_CBC=0 to skip).
# Evaluated once, when make reads this file: see run and test below.
# Only the headers are used: solver/cbc_dl.c loads libCbcSolver when a CBC
# solve asks for it, and solver/blas_dl.c loads OpenBLAS and LAPACKE when
# simulation or a correlated sample needs them, so neither is linked (a
# GLPK plan does not pay for loading them).
ifndef WITH_CBC
WITH_CBC := $(shell pkg-config --exists cbc clp 2>/dev/null && echo 1 || echo 0)
endif
ifeq ($(WITH_CBC),1)
CBC_CFLAGS := -DHP_WITH_CBC $(shell pkg-config --cflags cbc clp)
endif
# MPI ranks when Open MPI's development files are present (WITH_MPI=0 to
# skip).  Only solver/par.c sees mpi.h; libmpi is not linked: par.c loads it
# when mpirun starts the program, so a run without mpirun starts as fast as
# a build without MPI.
ifndef WITH_MPI
WITH_MPI := $(shell pkg-config --exists ompi-c 2>/dev/null && echo 1 || echo 0)
endif
ifeq ($(WITH_MPI),1)
MPI_CFLAGS := -DHP_WITH_MPI $(shell pkg-config --cflags ompi-c)
endif
VERSION := $(shell sed -n 's/^\#define HP_VERSION "\(.*\)"/\1/p' include/hreeplan.h 2>/dev/null)

CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(CBC_CFLAGS) $(CFLAGS)
# The one link line of hreeplan's dependencies (tests and fuzzers take it
# from `make print-libs`).
LIBS    = -lglpk -lconfig -ljansson -lnettle -ldl -lpthread -lm

# The binary itself links GLPK (with its dependencies), libconfig, jansson
# and nettle statically when their archives are installed (the -dev
# packages ship them): the dynamic loader's work on their 10 shared objects
# was most of what `hreeplan --version` cost above /bin/true.  Only the
# binary: libhreeplan.a, hreeplan.pc and the tests use LIBS.  GLPK's libltdl
# stays shared (Debian ships no archive).  STATIC_DEPS=0 links all shared.
STATIC_ARCHIVES = glpk gmp colamd amd suitesparseconfig z config jansson nettle
ifndef STATIC_DEPS
STATIC_DEPS := $(if $(strip $(foreach l,$(STATIC_ARCHIVES),$(if $(filter /%,$(shell \
    $(CC) -print-file-name=lib$(l).a)),,$(l))) $(if $(filter /%,$(shell \
    $(CC) -print-file-name=libltdl.so.7)),,ltdl)),0,1)
endif
ifeq ($(STATIC_DEPS),1)
BIN_LIBS = -Wl,-Bstatic $(STATIC_ARCHIVES:%=-l%) -Wl,-Bdynamic -l:libltdl.so.7 -ldl -lpthread -lm
else
BIN_LIBS = $(LIBS)
endif

B       ?= build
LIB_SRC = $(filter-out $(if $(filter 1,$(WITH_CBC)),,solver/cbc_backend.c solver/cbc_dl.c solver/cbc_interrupt.c),$(wildcard solver/*.c models/*/*.c))
CLI_SRC = $(wildcard cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
FORMATTED = $(wildcard include/*.h solver/*.[ch] models/*/*.[ch] cli/*.[ch] tests/unit/*.[ch] fuzz/*.c bench/*.c)

.PHONY: all deps run test test-unit test-cli test-asan test-valgrind bench install clean \
        fuzz fuzz-loader fuzz-plan-read format format-check print-libs

all: hreeplan

deps:
	@sh scripts/deps.sh

hreeplan: $(B)/hreeplan
	cp $< $@

$(B)/libhreeplan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(B)/hreeplan: $(CLI_OBJ) $(B)/libhreeplan.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(B)/libhreeplan.a $(BIN_LIBS) $(LDFLAGS)

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -c -o $@ $<

# A test may add link flags in tests/unit/NAME.ldflags (e.g. --wrap=malloc
# for allocation-failure injection).
$(B)/tests/%: tests/unit/%.c $(B)/libhreeplan.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -o $@ $< $(B)/libhreeplan.a $(LIBS) -lcmocka $(LDFLAGS) \
	    $(shell cat tests/unit/$*.ldflags 2>/dev/null)

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)

# The git commit of the build, for the run record of every report
# (models/report/run_record.c): $(B)/gen/hp_commit.h defines HP_COMMIT and is
# rewritten only when the commit changes, so a new commit rebuilds that one
# object.  "unknown" outside git.
HP_COMMIT := $(or $(shell git rev-parse --short HEAD 2>/dev/null),unknown)
COMMIT_LINE := \#define HP_COMMIT "$(HP_COMMIT)"
$(shell mkdir -p $(B)/gen && (printf '%s\n' '$(COMMIT_LINE)' | cmp -s - $(B)/gen/hp_commit.h || \
    printf '%s\n' '$(COMMIT_LINE)' >$(B)/gen/hp_commit.h))
$(B)/solver/par.o: CFLAGS_ALL += $(MPI_CFLAGS)
$(B)/models/report/run_record.o: $(B)/gen/hp_commit.h
$(B)/models/report/run_record.o: CFLAGS_ALL += -I$(B)/gen

# Plans the bundled baseline instance (the quick start's first command).
run:
	@sh scripts/deps.sh
	@$(MAKE) --no-print-directory hreeplan
	./hreeplan plan instances/japan-2026-baseline.cfg

test:
	@sh scripts/deps.sh
	@sh tests/run_all.sh

# The parts of make test, each alone (run_all.sh builds what it needs).
test-asan:
	@sh tests/run_all.sh asan

test-valgrind:
	@sh tests/run_all.sh valgrind

test-unit: $(UNIT_BIN)
	@sh tests/run_unit.sh $(B)

test-cli: $(B)/hreeplan
	@sh tests/cli/run.sh $(B)/hreeplan

bench: all
	@sh bench/run.sh

print-libs:
	@echo $(LIBS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	    $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/share/hreeplan
	install -m 755 hreeplan $(DESTDIR)$(PREFIX)/bin/hreeplan
	install -m 644 $(B)/libhreeplan.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/hreeplan.h $(DESTDIR)$(PREFIX)/include/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@LIBS@|$(LIBS)|' \
	    hreeplan.pc.in >$(DESTDIR)$(PREFIX)/lib/pkgconfig/hreeplan.pc
	install -m 644 models/hreeplan.mod $(DESTDIR)$(PREFIX)/share/hreeplan/

# libFuzzer on both fuzz targets (fuzz/run.sh), or on one of them
fuzz:
	@sh fuzz/run.sh

fuzz-loader:
	@sh fuzz/run.sh loader

fuzz-plan-read:
	@sh fuzz/run.sh plan_read

format:
	clang-format -i $(FORMATTED)

format-check:
	@clang-format --dry-run -Werror $(FORMATTED)

clean:
	rm -rf build hreeplan
