# SPDX-License-Identifier: GPL-3.0-or-later
# Follow-ups dated before 1970 (an old call, a birthday repeating yearly
# since 1960) are the most overdue of all: kith due lists them first, for
# one user and for everyone, and an alarm before 1970 is given once.  The
# due and alarm indexes keyed times unsigned, which put them after every
# later time, past the end of any due list.
. "$TESTS/lib.sh"
need faketime

ft() { faketime '2026-12-01 09:00:00' "$KITH" "$@"; }
ft add 'name=Søren Ågård' >/dev/null
ft add 'name=Ana Lima' >/dev/null
ft schedule --alarm 15m c1 call '2026-11-30 10:00' Yesterday >/dev/null
ft schedule --alarm 15m c1 todo '1969-12-31 23:30' Eve of 1970 >/dev/null
ft schedule c1 call '1965-03-04 09:00' Old call >/dev/null
ft schedule --repeat FREQ=YEARLY c2 meeting 1960-06-15 Birthday >/dev/null
ft schedule --for bo c2 call 1968-05-01 Old one of Bo >/dev/null
ft schedule c2 call 2027-01-05 Next year >/dev/null

expect ft due <<'X'
a4	1960-06-15	overdue	meeting	Ana Lima		Birthday
a3	1965-03-04 09:00	overdue	call	Søren Ågård		Old call
a2	1969-12-31 23:30	overdue	todo	Søren Ågård		Eve of 1970
a1	2026-11-30 10:00	overdue	call	Søren Ågård		Yesterday
X
[ "$(ft due --all | cut -f1,8 | tr '\t\n' ': ')" = \
    "a4:root a3:root a5:bo a2:root a1:root " ] ||
    fail "--all: $(ft due --all)"
expect ft due --for bo <<'X'
a5	1968-05-01	overdue	call	Ana Lima		Old one of Bo
X

# Both alarms have come: each is given once, the older first.
expect ft remind --all <<'X'
1969-12-31 23:30 todo Søren Ågård: Eve of 1970
2026-11-30 10:00 call Søren Ågård: Yesterday
X
expect ft remind --all <<'X'
X
expect_status 0 ft check
