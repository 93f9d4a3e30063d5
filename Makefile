# Petrel build. `make` builds build/petrel, build/libpetrel.a, build/libpetrel.so (release, -O2).
# `make dev` adds -Werror (what CI builds); `make asan` builds ASan+UBSan into build-asan/.
# Sources are found by wildcard: adding a .c file under src/ needs no edit here.

CC ?= cc
BUILD ?= build
OPT ?= -O2 -g
WERROR ?=
SANITIZE ?=
PETREL_VERSION_MAJOR := 0
PETREL_VERSION_MINOR := 1
PETREL_VERSION_PATCH := 0

CFLAGS_ALL = -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
  $(WERROR) $(OPT) $(SANITIZE) -fPIC -fvisibility=hidden -fno-strict-aliasing \
  -Isrc -Iinclude -MMD -MP $(CFLAGS)
LDLIBS_ALL = -lm -lpthread $(LDLIBS)

LIB_SRCS := $(shell find src -name '*.c' -not -path 'src/shell/*' | sort)
SHELL_SRCS := $(shell find src/shell -name '*.c' 2>/dev/null | sort)
UNIT_SRCS := $(shell find tests/unit -name '*.c' 2>/dev/null | sort)
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
SHELL_OBJS := $(SHELL_SRCS:%.c=$(BUILD)/obj/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)

.DEFAULT_GOAL := all

# Optional libraries (libedit for the REPL) are detected once per build directory.
-include $(BUILD)/config.mk
$(BUILD)/config.mk: src/shell/configure.sh
	@mkdir -p $(dir $@)
	sh $< $(CC) > $@

.PHONY: all dev asan clean test test262 bench run unit check-js install
all: $(BUILD)/libpetrel.a $(BUILD)/libpetrel.so $(BUILD)/petrel $(UNIT_BINS)

dev:
	$(MAKE) all WERROR=-Werror
asan:
	$(MAKE) all BUILD=build-asan WERROR=-Werror OPT="-O1 -g -fno-omit-frame-pointer" \
	  SANITIZE="-fsanitize=address,undefined -fno-sanitize-recover=all"

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/libpetrel.a: $(LIB_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libpetrel.so: $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,libpetrel.so.$(PETREL_VERSION_MAJOR) $(SANITIZE) -o $@ $^ $(LDLIBS_ALL)
	ln -sf libpetrel.so $(BUILD)/libpetrel.so.$(PETREL_VERSION_MAJOR)

# The shell uses only include/petrel.h and links against the shared library, as d8 does with v8.
$(BUILD)/petrel: $(SHELL_OBJS) $(BUILD)/libpetrel.so $(BUILD)/config.mk
	$(CC) $(SANITIZE) -o $@ $(SHELL_OBJS) -L$(BUILD) -lpetrel -Wl,-rpath,'$$ORIGIN' $(LDLIBS_ALL) $(SHELL_LDLIBS)

# Unit tests see the internals, so they link the static library.
$(BUILD)/unit/%: tests/unit/%.c $(BUILD)/libpetrel.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libpetrel.a $(LDLIBS_ALL)

run: all
	$(BUILD)/petrel examples/hello.js

# `make install PREFIX=/usr/local` (DESTDIR honoured): the header, the static and shared libraries
# (libpetrel.so.MAJOR.MINOR.PATCH with the soname and development symlinks) and petrel.pc.
PREFIX ?= /usr/local
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PETREL_VERSION := $(PETREL_VERSION_MAJOR).$(PETREL_VERSION_MINOR).$(PETREL_VERSION_PATCH)
install: $(BUILD)/libpetrel.a $(BUILD)/libpetrel.so
	install -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig
	install -m 644 include/petrel.h $(DESTDIR)$(INCLUDEDIR)/petrel.h
	install -m 644 $(BUILD)/libpetrel.a $(DESTDIR)$(LIBDIR)/libpetrel.a
	install -m 755 $(BUILD)/libpetrel.so $(DESTDIR)$(LIBDIR)/libpetrel.so.$(PETREL_VERSION)
	ln -sf libpetrel.so.$(PETREL_VERSION) $(DESTDIR)$(LIBDIR)/libpetrel.so.$(PETREL_VERSION_MAJOR)
	ln -sf libpetrel.so.$(PETREL_VERSION_MAJOR) $(DESTDIR)$(LIBDIR)/libpetrel.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	  -e 's|@VERSION@|$(PETREL_VERSION)|' tools/petrel.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/petrel.pc

test:
	tests/run-all.sh

test262: all
	tools/test262.py --petrel $(BUILD)/petrel

bench: all
	tools/bench.py --petrel $(BUILD)/petrel

clean:
	rm -rf build build-asan

-include $(LIB_OBJS:.o=.d) $(SHELL_OBJS:.o=.d)
