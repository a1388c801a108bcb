# SPDX-License-Identifier: GPL-3.0-or-later
# A weekly 09:00 call stays at 09:00 local time across the change from
# summer time on 2026-10-25 (Europe/Copenhagen), in due and in done.
. "$TESTS/lib.sh"
need faketime

at() { when=$1; shift; faketime "$when" "$KITH" "$@"; }
export TZ=Europe/Copenhagen
at '2026-10-19 08:00' add name=Ana >/dev/null
at '2026-10-19 08:00' schedule --repeat FREQ=WEEKLY c1 call \
    '2026-10-19 09:00' Weekly >/dev/null
expect at '2026-10-19 09:00' done a1 <<'X'
a1 next 2026-10-26 09:00
X
# 2026-10-26 09:00 CET is 08:00 UTC; in summer time it was 07:00 UTC.
expect_status 0 at '2026-10-26 08:59:58' due
[ ! -s "$OUT" ] || fail "due an hour early: $(cat "$OUT")"
expect at '2026-10-26 09:00' due <<'X'
a1	2026-10-26 09:00	due	call	Ana		Weekly
X
# The same instant seen from UTC.
utc() { TZ=UTC faketime '2026-10-26 08:00' "$KITH" due; }
expect utc <<'X'
a1	2026-10-26 08:00	due	call	Ana		Weekly
X
