# SPDX-License-Identifier: GPL-3.0-or-later
# SIGTERM, SIGHUP (a dropped SSH session) and SIGINT close the database
# cleanly: kith leaves the screen and exits with status 0.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Søren Ågård" >/dev/null

for sig in TERM HUP INT; do
	rm -f "$tmux_status"
	tmux_start 80 24 "$KITH"
	wait_for "Søren Ågård"
	# The pane runs tmux.sh's sh, which runs kith.
	pid=$(ps -o pid= --ppid "$(tmux_cmd display-message -p -t test \
	    '#{pane_pid}')")
	kill -$sig $pid
	wait_exit 0 5
	tmux_cleanup
done
expect_status 0 kith check
