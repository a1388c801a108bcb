# SPDX-License-Identifier: GPL-3.0-or-later
# In a locale whose character set is not UTF-8 the interface refuses to
# edit (the form library would corrupt text) but still shows contacts.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

kith add "name=Anna Berg" >/dev/null

tmux_start 80 24 env LC_ALL=C "$KITH"
wait_for "read-only"
wait_for "Anna Berg"
tmux_keys n
wait_for "not UTF-8"
