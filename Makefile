# SPDX-License-Identifier: GPL-3.0-or-later
# kith: a plain Makefile.  `make run` and `make check` are the two commands.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DATADIR ?= $(PREFIX)/share/kith
DESTDIR ?=

CC ?= cc
V ?= 0
ifeq ($(V),0)
Q = @
endif
SAN ?= 0
PKGS = ncursesw formw menuw

ifeq ($(SAN),1)
BUILD ?= build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS =
endif

WARN = -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-unused-parameter
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) \
	-iquote src -MMD -MP
CURSES_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CURSES_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libical: -lical only (pkg-config's line drags in libicalss and libdb twice).
LIBS = -lical -ldb-5.3 -lpthread -lm
LDFLAGS ?=

SRCS = $(wildcard src/*.c)
UI_SRCS = $(filter src/ui%.c,$(SRCS))
CLI_SRCS = $(filter src/cli%.c src/out.c,$(SRCS))
CORE_SRCS = $(filter-out src/main.c $(UI_SRCS) $(CLI_SRCS),$(SRCS))
CORE_OBJS = $(CORE_SRCS:src/%.c=$(BUILD)/%.o)
CLI_OBJS = $(CLI_SRCS:src/%.c=$(BUILD)/%.o)
UI_OBJS = $(UI_SRCS:src/%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/main.o

UNIT_SRCS = $(wildcard tests/unit/test-*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

DEMO_DIR = $(BUILD)/demo

.PHONY: all run check unit deps test-deps clean install uninstall bench demo

all: kith

kith: $(BUILD)/kith
	@if [ "$(BUILD)" = build ]; then ln -sf $(BUILD)/kith kith; fi

$(BUILD)/kith: $(MAIN_OBJ) $(CORE_OBJS) $(CLI_OBJS) $(UI_OBJS) | deps
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(CURSES_LIBS) $(LIBS)

$(BUILD)/ui%.o: src/ui%.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(CURSES_CFLAGS) -c -o $@ $<

$(BUILD)/%.o: src/%.c | deps
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Unit tests link every module below the front ends, and never curses.
$(BUILD)/tests/test-%: tests/unit/test-%.c $(CORE_OBJS) | test-deps
	@mkdir -p $(@D)
	@echo "  LD      $@"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ -lcmocka $(LIBS)

# Installs missing Debian packages (does nothing when all are there).
deps:
	@sh scripts/deps build

test-deps:
	@sh scripts/deps test

demo: $(BUILD)/kith
	@sh data/demo.sh $(BUILD)/kith $(DEMO_DIR)

run: $(BUILD)/kith demo
	KITH_DIR=$(DEMO_DIR) $(BUILD)/kith

unit: $(UNIT_BINS)

check: test-deps $(BUILD)/kith $(UNIT_BINS)
	@KITH=$(CURDIR)/$(BUILD)/kith UNIT_DIR=$(CURDIR)/$(BUILD)/tests \
		SAN=$(SAN) sh tests/run

bench: test-deps $(BUILD)/kith
	@KITH=$(CURDIR)/$(BUILD)/kith sh bench/run

install: $(BUILD)/kith
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/kith $(DESTDIR)$(BINDIR)/kith
	install -m 644 man/kith.1 $(DESTDIR)$(MANDIR)/man1/kith.1
	install -m 644 man/kith-config.5 $(DESTDIR)$(MANDIR)/man5/kith-config.5
	install -m 644 data/config $(DESTDIR)$(DATADIR)/config
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 contrib/kith.bash-completion \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/kith

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kith $(DESTDIR)$(MANDIR)/man1/kith.1 \
		$(DESTDIR)$(MANDIR)/man5/kith-config.5
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/kith

clean:
	rm -rf build build-san kith

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
