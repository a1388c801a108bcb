# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: the lookup fetches a screenful of matches, not all of them, and
# finds a part of a name wherever it is: a rare pair of letters ("gb",
# from the trigrams that hold it), a common pair ("er", more than a page)
# and three letters in 450 contacts ("rso"); scrolling to the end fetches
# the rest.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"

import_persons 450
kith add "name=Åsta Vågbø-Æbeltoft" company=Fjord >/dev/null
kith add "name=Kari Lygbø" company=Vik >/dev/null

tmux_start 80 24 "$KITH"
wait_for "Person 001"
tmux_keys /
tmux_type "gb"
wait_gone "Person 001"
wait_for "Kari Lygbø"
wait_for "Åsta Vågbø-Æbeltoft"

tmux_keys C-u
tmux_type "er"
wait_gone "Kari Lygbø"
wait_for "Person 001"
tmux_has "Åsta" && tmux_fail "Åsta does not hold er"
tmux_has "Person 030" && tmux_fail "more than a screenful shown at once"
tmux_keys NPage
wait_for "Person 030"
tmux_keys Escape
wait_for "lookup: er"
wait_for "more match below"
tmux_keys End
wait_for "Person 450"

tmux_keys /
tmux_keys C-u
tmux_type "rso"
wait_for "lookup: rso"
wait_for "Person 001"
tmux_has "Åsta" && tmux_fail "Åsta does not hold rso"
tmux_keys Enter
wait_for "Details"
wait_for "Acme"
