# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: typing on after a write by someone else shows what that write
# added, though the shorter query's matches began after it, or though it
# matched nothing.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

import_persons 450
kith add "name=Aaa Bbb" >/dev/null || fail "adding Aaa Bbb failed"

tmux_start 80 24 "$KITH"
wait_for "Aaa Bbb"
tmux_keys /
# "per" matches from Person 001 on (more than are read directly); a
# contact that sorts before it, added meanwhile, still shows once "pers"
# is typed.
tmux_type "per"
wait_gone "Aaa Bbb"
wait_for "Person 001"
kith add "name=Aa Persaa" >/dev/null || fail "adding Aa Persaa failed"
tmux_type "s"
wait_for "Aa Persaa"
wait_for "Person 001"

# So too after a query that matched nothing.
tmux_keys C-u
tmux_type "qqq"
wait_gone "Person 001"
kith add "name=Qqqz Aa" >/dev/null || fail "adding Qqqz failed"
tmux_type "z"
wait_for "Qqqz Aa"
