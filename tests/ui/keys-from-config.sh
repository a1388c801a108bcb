# SPDX-License-Identifier: GPL-3.0-or-later
# Key bindings come from the configuration: "[keys] contacts.quit = Q"
# makes Q quit and q no longer.  (sh records kith's exit status: tmux 3.3
# sometimes never reaps a pane's process.)
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

mkdir -p "$XDG_CONFIG_HOME/kith"
printf '[keys]\ncontacts.quit = Q\n' >"$XDG_CONFIG_HOME/kith/config"
kith add "name=Søren Ågård" >/dev/null

tmux_start 80 24 sh -c '"$KITH"; echo $? >st'
wait_for "Søren Ågård"
wait_for "Q quit"
tmux_keys q
sleep 0.5
[ -e st ] && fail "q still quits"
tmux_keys Q
tmux_poll test -s st || tmux_fail "Q did not quit"
[ "$(cat st)" = 0 ] || fail "exit status $(cat st)"
