#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks every #include in src/ (or the directory given) against the rules
# of DESIGN.md, prints each violation as "file:line: reason" and exits 1
# if there was any:
#   - only src/ui*.c include curses.h, ncurses.h, form.h or menu.h;
#   - only the store module (store.c, store-*.[ch]) includes <db.h>;
#   - only sched.c and ical.c include <libical/ical.h> or <ical.h>;
#   - only vcard.c, csv.c and import.c include <iconv.h>;
#   - a module includes headers of its own layer or lower ones only, and
#     layer 0 (err xmalloc buf utf8 when conf thread strmap) none but
#     layer 0's; a file book-find.c or book-int.h belongs to module book.
set -u

dir=${1:-$(dirname "$0")/../src}
set -- "$dir"/*.[ch]
[ -f "$1" ] || exit 0

awk '
function module(path,	m) {
	m = path
	sub(/.*\//, "", m)
	sub(/\.[ch]$/, "", m)
	sub(/-.*/, "", m)
	return m
}
function layer(m) {
	if (m ~ /^(err|xmalloc|buf|utf8|when|conf|thread|strmap)$/)
		return 0
	if (m ~ /^(record|store)$/)
		return 1
	if (m ~ /^(field|contact|activity|deal|ticket|query|audit|book)$/)
		return 2
	if (m ~ /^(sched|ical|vcard|csv|dump|import|report)$/)
		return 3
	if (m ~ /^(main|out|cli|ui)$/)
		return 4
	return -1
}
function bad(why) {
	printf "%s:%d: %s\n", FILENAME, FNR, why
	nbad++
}
/^[ \t]*#[ \t]*include/ {
	hdr = $0
	sub(/^[ \t]*#[ \t]*include[ \t]*/, "", hdr)
	quoted = substr(hdr, 1, 1) == "\""
	sub(/^[<"]/, "", hdr)
	sub(/[>"].*/, "", hdr)
	base = FILENAME
	sub(/.*\//, "", base)
	# Library headers come in <>; the files of a module share its prefix
	# (ui-list.c is ui, ical-scan.c is ical).
	if (!quoted && hdr ~ /^(ncursesw?\/)?(n?curses|form|menu)\.h$/ &&
	    (base !~ /^ui[-.a-z]*\.[ch]$/ || base == "ui.h"))
		bad("only src/ui*.c (and their private headers) may include " \
		    hdr)
	if (!quoted && hdr == "db.h" && base !~ /^store(-[a-z]+)?\.[ch]$/)
		bad("only the store module may include db.h")
	if (!quoted && hdr ~ /^(libical\/)?ical\.h$/ &&
	    base !~ /^(sched|ical)(-[a-z]+)?\.c$/)
		bad("only the sched and ical modules may include " hdr)
	if (!quoted && hdr == "iconv.h" &&
	    base !~ /^(vcard|csv|import)(-[a-z]+)?\.c$/)
		bad("only the vcard, csv and import modules may " \
		    "include iconv.h")
	if (!quoted)
		next
	from = layer(module(base))
	to = layer(module(hdr))
	if (from == 0 && to != 0)
		bad("layer 0 may not include \"" hdr "\"")
	else if (from >= 0 && to > from)
		bad("layer " from " may not include \"" hdr "\" (layer " to ")")
}
END {
	exit nbad > 0
}
' "$@"
