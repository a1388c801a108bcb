# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: the list's "Next follow-up" column shows each contact's
# earliest pending follow-up (a whole day as a date; one of 1969 before
# one of 2027), not a call already made, and nothing for a contact with
# history alone; completing the
# follow-up moves the column on to the next one.  It is read from the
# index of activities by contact, where a contact's pending follow-ups
# come first in due order: drawing a row reads none of its history.  The
# first screen of contacts with 400 calls each in their history asks the
# cache for no more pages than it does without that history (counted by
# db5.3_stat -m).  Before, every row drawn read and decoded all of its
# contact's activities: some 8 000 records for this screen, 210 ms for
# 40 contacts with 2 000 calls each against 10 ms now.
. "$TESTS/lib.sh"
. "$TESTS/tmux.sh"
need db5.3_stat

# dump HISTORY: 22 contacts, each with HISTORY calls made; then
# follow-ups pending for all but Luis Peña.
dump() {
	awk -v hist="$1" 'BEGIN {
	    n = split("Ågot Berg|Ema Čopova|Luis Peña|Søren Ågård", names, "|")
	    for (i = 5; i <= 22; i++)
		names[i] = sprintf("Person %02d", i)
	    print "kith-dump 1"
	    printf "seq c 22\nseq a %d\nseq d 0\nseq k 0\nseq x 0\n\n", 22 * hist + 30
	    for (c = 1; c <= 22; c++)
		printf "[c%d]\nname=%s\nowner=root\nrev=1\n\n", c, names[c]
	    id = 0
	    for (c = 1; c <= 22; c++)
		for (j = 0; j < hist; j++)
			printf "[a%d]\ncontact=%d\nkind=0\nsubject=Call %d\n" \
			    "owner=root\ndue=2026-01-%02dT08:00:00Z\ndone=1\n" \
			    "done-at=2026-01-%02dT08:30:00Z\nresult=talked\n" \
			    "rev=1\n\n", ++id, c, j, 1 + j % 28, 1 + j % 28
	    # Ågot: a timed one, and an earlier one for a whole day.
	    printf "[a%d]\ncontact=1\nkind=0\nsubject=Visit\nowner=root\n" \
		"due=2027-03-05T09:00:00Z\nrev=1\n\n", ++id
	    printf "[a%d]\ncontact=1\nkind=0\nsubject=Fair\nowner=root\n" \
		"due=2027-01-10T00:00:00Z\nallday=1\nrev=1\n\n", ++id
	    # Ema: the next at 14:30, then another.
	    printf "[a%d]\ncontact=2\nkind=0\nsubject=Quote\nowner=root\n" \
		"due=2027-02-01T14:30:00Z\nrev=1\n\n", ++id
	    printf "[a%d]\ncontact=2\nkind=0\nsubject=Order\nowner=root\n" \
		"due=2027-04-20T10:15:00Z\nrev=1\n\n", ++id
	    # Person 05: one before 1970 comes first too.
	    printf "[a%d]\ncontact=5\nkind=0\nsubject=Old\nowner=root\n" \
		"due=1969-06-01T09:00:00Z\nrev=1\n\n", ++id
	    for (c = 4; c <= 22; c++)
		printf "[a%d]\ncontact=%d\nkind=0\nsubject=Call back\n" \
		    "owner=root\ndue=2027-05-%02dT11:00:00Z\nrev=1\n\n",
		    ++id, c, c
	}'
}

dump 400 > hist.dump
dump 0 > plain.dump
TZ=UTC
export TZ
kith load hist.dump >/dev/null || fail "load of the history failed"
"$KITH" -d plain load plain.dump >/dev/null || fail "plain load failed"

# requests DIR: pages asked of the cache so far, found there or not.
requests() {
	db5.3_stat -h "$1" -m | awk '/Requested pages (not )?found in the cache/ {
	    n += $1 } END { print n + 0 }'
}

# first DIR: the pages that opening the interface to its first screen
# asks for.
first() {
	a=$(requests "$1")
	tmux_start 80 30 env KITH_BENCH_FIRST_SCREEN=1 "$KITH" -d "$1"
	wait_exit 0
	tmux_cleanup
	rm -f "$tmux_status"
	b=$(requests "$1")
	echo $((b - a))
}

first "$KITH_DIR" >/dev/null	# the caches warm, both alike
first plain >/dev/null
hist=$(first "$KITH_DIR")
plain=$(first plain)
echo >&2 "first screen: $hist pages asked with 400 calls a contact," \
    "$plain without"
[ "$hist" -le $((plain + plain / 4 + 20)) ] ||
    fail "the first screen asked for $hist pages with history, $plain without"

row() {
	tmux_screen | grep -F -- "$1" || tmux_fail "no row for $1"
}

tmux_start 80 30 "$KITH"
wait_for "Person 22"
row "Ågot Berg" | grep -q "2027-01-10 *$" ||
    tmux_fail "Ågot Berg's next is not the whole day of 2027-01-10"
row "Ema Čopova" | grep -q "2027-02-01 14:30 *$" ||
    tmux_fail "Ema Čopova's next is not 2027-02-01 14:30"
row "Luis Peña" | grep -q "Luis Peña *$" ||
    tmux_fail "Luis Peña, with history alone, shows a follow-up"
row "Person 05" | grep -q "1969-06-01 09:00 *$" ||
    tmux_fail "Person 05's next is not the one of 1969-06-01"
row "Person 07" | grep -q "2027-05-07 11:00 *$" ||
    tmux_fail "Person 07's next is not 2027-05-07 11:00"
tmux_keys q
wait_exit 0
tmux_cleanup
rm -f "$tmux_status"

ema=$(kith due --within 3650d --format tsv | awk -F '\t' '/Quote/ { print $1 }')
[ -n "$ema" ] || fail "no pending Quote in kith due"
kith done "$ema" "sent" >/dev/null || fail "kith done $ema failed"

tmux_start 80 30 "$KITH"
wait_for "Person 22"
row "Ema Čopova" | grep -q "2027-04-20 10:15 *$" ||
    tmux_fail "after the Quote was done, Ema Čopova's next is not the Order"
expect_status 0 kith check
