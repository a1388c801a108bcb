# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by every test script:  . "$TESTS/lib.sh"
# tests/run has already given the test a fresh working directory, HOME,
# KITH_DIR (not yet created), TMPDIR, TZ and LC_ALL.
#
#	kith ARGS...		runs the binary under test
#	expect CMD... <<'EOF'	CMD must exit 0 and print exactly the heredoc
#	expect_status N CMD...	CMD must exit N; its stdout is left in $OUT
#				and its stderr in $ERR
#	expect_err_contains TEXT  the last captured stderr contains TEXT
#	assert_contains FILE TEXT
#	fail MSG, skip REASON, need CMD...

set -eu

: "${KITH:?run tests through tests/run}"
: "${KITH_DIR:?run tests through tests/run}"

LIB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/lib.XXXXXX")
OUT=$LIB_TMP/stdout
ERR=$LIB_TMP/stderr
: >"$OUT"
: >"$ERR"

kith() {
	"$KITH" "$@"
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# The reason is the last line of output, which tests/run shows.
skip() {
	echo "$*"
	exit 77
}

need() {
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || skip "needs $c"
	done
}

# persons N: CSV rows "Person 001,Acme" to "Person N,Acme" (no header),
# more contacts than a screen or a page of candidates holds.
persons() {
	awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++)
	    printf "Person %03d,Acme\n", i }'
}

# import_persons N: imports those N contacts (people.csv), or fails.
import_persons() {
	{ echo "Name,Company"; persons "$1"; } > people.csv
	kith import --format csv people.csv >/dev/null 2>&1 ||
	    fail "importing $1 contacts failed"
}

# A disk of SIZE (a tmpfs, as root) on $MNT, unmounted when the test
# exits, with the database in it; skips where that cannot be had.
small_disk() {
	[ "$(id -u)" = 0 ] || skip "needs root to mount a small tmpfs"
	MNT=$PWD/mnt
	mkdir "$MNT"
	mount -t tmpfs -o size="$1",mode=0700 tmpfs "$MNT" 2>/dev/null ||
		skip "mounting a tmpfs is not permitted here"
	trap 'umount "$MNT" 2>/dev/null || true' EXIT
	KITH_DIR=$MNT/db
	export KITH_DIR
}

# Shows a captured file under a heading, for failure messages.
lib_show() {
	echo "--- $1:" >&2
	cat "$2" >&2
}

expect() {
	cat >"$LIB_TMP/expected"
	lib_st=0
	"$@" </dev/null >"$OUT" 2>"$ERR" || lib_st=$?
	if [ $lib_st -ne 0 ]; then
		echo "FAIL: $* exited with status $lib_st" >&2
		lib_show stdout "$OUT"
		lib_show stderr "$ERR"
		exit 1
	fi
	if ! diff -u -L expected -L actual "$LIB_TMP/expected" "$OUT" >&2
	then
		echo "FAIL: unexpected output from: $*" >&2
		lib_show stderr "$ERR"
		exit 1
	fi
}

expect_status() {
	lib_want=$1
	shift
	lib_st=0
	"$@" >"$OUT" 2>"$ERR" || lib_st=$?
	if [ "$lib_st" -ne "$lib_want" ]; then
		echo "FAIL: $* exited with status $lib_st, not $lib_want" >&2
		lib_show stdout "$OUT"
		lib_show stderr "$ERR"
		exit 1
	fi
}

expect_err_contains() {
	if ! grep -qF -- "$1" "$ERR"; then
		echo "FAIL: stderr does not contain \"$1\"" >&2
		lib_show stderr "$ERR"
		exit 1
	fi
}

assert_contains() {
	if ! grep -qF -- "$2" "$1"; then
		echo "FAIL: $1 does not contain \"$2\"" >&2
		lib_show "$1" "$1"
		exit 1
	fi
}
