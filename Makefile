# hreeplan build.  `make` builds the binary and libhreeplan.a; `make run`
# installs what is missing, builds and plans the baseline instance;
# `make test` runs every test (unit, CLI, sanitizers, valgrind).
CC      ?= gcc
PREFIX  ?= /usr/local
OPTIONAL ?= 1
export OPTIONAL

WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
          -Wmissing-prototypes -Wformat=2 -Werror
CSTD    = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
OPT     ?= -O2 -g
# CBC backend when its development files are present (WITH_CBC=0 to skip).
WITH_CBC ?= $(shell pkg-config --exists cbc clp 2>/dev/null && echo 1 || echo 0)
CBC_CFLAGS = $(if $(filter 1,$(WITH_CBC)),-DHP_WITH_CBC $(shell pkg-config --cflags cbc clp),)
CBC_LIBS   = $(if $(filter 1,$(WITH_CBC)),$(shell pkg-config --libs cbc clp),)

CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(CBC_CFLAGS) $(CFLAGS)
LIBS    = -lglpk -lconfig -ljansson -lnettle -lopenblas -llapacke $(CBC_LIBS) -lpthread -lm

B       ?= build
LIB_SRC = $(filter-out $(if $(filter 1,$(WITH_CBC)),,solver/cbc_backend.c),$(wildcard solver/*.c models/*/*.c))
CLI_SRC = $(wildcard cli/*.c)
UNIT_SRC = $(wildcard tests/unit/test_*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(B)/%.o)
CLI_OBJ = $(CLI_SRC:%.c=$(B)/%.o)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps run test test-unit test-cli test-asan test-valgrind bench install clean fuzz format

all: deps hreeplan

deps:
	@sh scripts/deps.sh

hreeplan: $(B)/hreeplan
	cp $< $@

$(B)/libhreeplan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	ar rcs $@ $^

$(B)/hreeplan: $(CLI_OBJ) $(B)/libhreeplan.a
	$(CC) $(CFLAGS_ALL) -o $@ $(CLI_OBJ) $(B)/libhreeplan.a $(LIBS) $(LDFLAGS)

$(B)/%.o: %.c $(wildcard solver/*.h models/*/*.h cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c -o $@ $<

# A test may add link flags in tests/unit/NAME.ldflags (e.g. --wrap=malloc
# for allocation-failure injection).
$(B)/tests/%: tests/unit/%.c $(B)/libhreeplan.a $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(B)/libhreeplan.a $(LIBS) -lcmocka $(LDFLAGS) \
	    $(shell cat tests/unit/$*.ldflags 2>/dev/null)

# Plans the bundled baseline instance (the quick start's first command).
run: all
	./hreeplan plan instances/japan-2026-baseline.cfg

test: deps
	@sh tests/run_all.sh

# The pieces run_all.sh calls; B selects the build directory.
test-unit: $(UNIT_BIN)
	@sh tests/run_unit.sh $(B)

test-cli: $(B)/hreeplan
	@sh tests/cli/run.sh $(B)/hreeplan

bench: all
	@sh bench/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/hreeplan/solver $(DESTDIR)$(PREFIX)/include/hreeplan/models $(DESTDIR)$(PREFIX)/share/hreeplan
	install -m 755 hreeplan $(DESTDIR)$(PREFIX)/bin/hreeplan
	install -m 644 $(B)/libhreeplan.a $(DESTDIR)$(PREFIX)/lib/
	install -m 644 solver/*.h $(DESTDIR)$(PREFIX)/include/hreeplan/solver/
	install -m 644 models/*.h $(DESTDIR)$(PREFIX)/include/hreeplan/models/
	install -m 644 models/hreeplan.mod $(DESTDIR)$(PREFIX)/share/hreeplan/

fuzz:
	@sh fuzz/run.sh

format:
	clang-format -i solver/*.[ch] models/*.[ch] cli/*.[ch] tests/unit/*.[ch]

clean:
	rm -rf build hreeplan
