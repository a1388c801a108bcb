# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by screen tests after lib.sh:  . "$TESTS/tmux.sh"
# A private tmux server for this test only (-L, -f /dev/null), killed on
# exit.  One session, "test", at a fixed size, running with
# TERM=xterm-256color in a UTF-8 locale and the test's environment.
#
#	tmux_start COLS ROWS CMD...	starts CMD (e.g. "$KITH")
#	tmux_keys KEYS...		send-keys (Enter, C-c, Down, q...)
#	tmux_type TEXT			types TEXT literally
#	tmux_screen			prints the screen
#	wait_for TEXT [SECONDS]		waits until TEXT is on the screen
#	wait_gone TEXT [SECONDS]	waits until it is not
#	tmux_resize COLS ROWS
#	wait_exit STATUS [SECONDS]	waits for CMD to exit with STATUS
#
# Waits poll every 0.05 s and fail after SECONDS (a whole number, default
# 10) with the screen shown.  This file sets the EXIT trap that kills the
# server: a test that needs its own must call tmux_cleanup from it.  The pane stays after CMD exits; tmux 3.3 then scrolls
# the screen by a line for its "Pane is dead" message.

need tmux

TMUX_SOCKET=kith-test-$$
unset TMUX TMUX_PANE

tmux_cmd() {
	tmux -u -L "$TMUX_SOCKET" -f /dev/null "$@"
}

tmux_cleanup() {
	tmux_cmd kill-server >/dev/null 2>&1 || :
	# Until the old server is gone a new one on the socket would fail.
	tmux_i=40
	while tmux_cmd has-session >/dev/null 2>&1 && [ $tmux_i -gt 0 ]; do
		tmux_i=$((tmux_i - 1))
		sleep 0.05
	done
}
trap 'tmux_cleanup' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# The program's exit status lands here (tmux 3.3 does not always reap the
# pane's process, so #{pane_dead_status} cannot be trusted).
tmux_status=$PWD/.tmux-exit-status
rm -f "$tmux_status"

tmux_start() {
	tmux_cols=$1
	tmux_rows=$2
	shift 2
	tmux_cmd set-option -g remain-on-exit on \; \
	    new-session -d -s test -x "$tmux_cols" -y "$tmux_rows" -- \
	    env TERM=xterm-256color LC_ALL=C.UTF-8 TZ="$TZ" HOME="$HOME" \
	    TMPDIR="$TMPDIR" KITH="$KITH" KITH_DIR="$KITH_DIR" \
	    KITH_SYSCONFIG="$KITH_SYSCONFIG" \
	    XDG_CONFIG_HOME="$XDG_CONFIG_HOME" XDG_DATA_HOME="$XDG_DATA_HOME" \
	    ${ASAN_OPTIONS+ASAN_OPTIONS="$ASAN_OPTIONS"} \
	    ${UBSAN_OPTIONS+UBSAN_OPTIONS="$UBSAN_OPTIONS"} \
	    sh -c '"$@"; echo $? > "$0.tmp" && mv "$0.tmp" "$0"' \
	    "$tmux_status" "$@"
}

tmux_keys() {
	tmux_cmd send-keys -t test "$@"
}

tmux_type() {
	tmux_cmd send-keys -t test -l -- "$1"
}

tmux_screen() {
	tmux_cmd capture-pane -p -t test
}

tmux_resize() {
	tmux_cmd resize-window -t test -x "$1" -y "$2"
}

# Fails the test with the screen shown.
tmux_fail() {
	echo "FAIL: $*" >&2
	echo "--- screen:" >&2
	tmux_screen >&2 || :
	exit 1
}

# Polls until the shell condition "$@" holds, for up to $tmux_wait s.
tmux_poll() {
	tmux_i=$(( ${tmux_wait:-10} * 20 ))
	while ! "$@"; do
		tmux_i=$((tmux_i - 1))
		[ $tmux_i -gt 0 ] || return 1
		sleep 0.05
	done
}

tmux_has() {
	tmux_screen | grep -qF -- "$1"
}

tmux_lacks() {
	! tmux_has "$1"
}

wait_for() {
	tmux_wait=${2:-10}
	tmux_poll tmux_has "$1" ||
		tmux_fail "\"$1\" not on the screen after $tmux_wait s"
}

wait_gone() {
	tmux_wait=${2:-10}
	tmux_poll tmux_lacks "$1" ||
		tmux_fail "\"$1\" still on the screen after $tmux_wait s"
}

tmux_dead() {
	[ -s "$tmux_status" ]
}

wait_exit() {
	tmux_wait=${2:-10}
	tmux_poll tmux_dead ||
		tmux_fail "still running after $tmux_wait s"
	tmux_st=$(cat "$tmux_status")
	[ "$tmux_st" = "$1" ] ||
		tmux_fail "exited with status $tmux_st, not $1"
}
