# SPDX-License-Identifier: GPL-3.0-or-later
# kith due at login: most urgent first, overdue marked, a follow-up due
# exactly now is due and one seconds later is not; --within, --for, --all.
. "$TESTS/lib.sh"
need faketime

ft() { faketime '2026-12-01 09:00:00' "$KITH" "$@"; }
ft add 'name=Søren Ågård' 'phone=+45 20 11 22 33' >/dev/null
ft add 'name=Ana Lima' >/dev/null
ft schedule c1 call '2026-12-01 09:00:05' Seconds late >/dev/null
ft schedule c1 call '2026-12-01 09:00' Exactly now >/dev/null
ft schedule c2 todo '2026-11-28' Send the offer >/dev/null
ft schedule c1 meeting '2026-12-01 10:00' Within the hour >/dev/null
ft schedule c2 call '2026-12-01' All day today >/dev/null
ft schedule --for bo c2 call '2026-11-30 16:00' Not mine >/dev/null

expect ft due <<'X'
a3	2026-11-28	overdue	todo	Ana Lima		Send the offer
a5	2026-12-01	due	call	Ana Lima		All day today
a2	2026-12-01 09:00	due	call	Søren Ågård	+45 20 11 22 33	Exactly now
X
expect ft due --within 1h <<'X'
a3	2026-11-28	overdue	todo	Ana Lima		Send the offer
a5	2026-12-01	due	call	Ana Lima		All day today
a2	2026-12-01 09:00	due	call	Søren Ågård	+45 20 11 22 33	Exactly now
a1	2026-12-01 09:00	soon	call	Søren Ågård	+45 20 11 22 33	Seconds late
a4	2026-12-01 10:00	soon	meeting	Søren Ågård	+45 20 11 22 33	Within the hour
X
expect ft due --for bo <<'X'
a6	2026-11-30 16:00	overdue	call	Ana Lima		Not mine
X
[ "$(ft due --all | cut -f1,8 | tr '\t\n' ': ')" = \
    "a3:root a6:bo a5:root a2:root " ] || fail "--all: $(ft due --all)"
ft due --format json | grep -q '"state": *"overdue"' ||
    fail "json has no state: $(ft due --format json)"
