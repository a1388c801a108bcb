# SPDX-License-Identifier: GPL-3.0-or-later
# NO_COLOR turns colours off (https://no-color.org); without it the
# interface uses colours.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" >/dev/null

colours() {
	tmux_cmd capture-pane -e -p -t test |
	    grep -cE '\[([0-9;]*;)?(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)(;[0-9]+)*m' ||
	    :
}

tmux_start 80 24 "$KITH"
wait_for "Søren Ågård"
[ "$(colours)" -gt 0 ] || tmux_fail "no colours without NO_COLOR"
tmux_cleanup

tmux_start 80 24 env NO_COLOR=1 "$KITH"
wait_for "Søren Ågård"
[ "$(colours)" -eq 0 ] || tmux_fail "colours despite NO_COLOR"
:
