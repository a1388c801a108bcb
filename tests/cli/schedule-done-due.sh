# SPDX-License-Identifier: GPL-3.0-or-later
# schedule, due (mine, within), done moves a recurring one on and logs it.
. "$TESTS/lib.sh"
need faketime

ft() { faketime '2026-12-01 09:00:00' "$KITH" "$@"; }
ft add 'name=Søren Ågård' 'phone=+45 20 11 22 33' >/dev/null
ft schedule c1 call '2026-12-01 08:00' Overdue call >/dev/null
ft schedule c1 call '2026-12-01 09:00' At the boundary >/dev/null
ft schedule c1 meeting '2026-12-01 10:00' Later today >/dev/null
ft schedule c1 call '2026-12-03 09:00' 'Weekly' --repeat 'FREQ=WEEKLY;COUNT=3' >/dev/null
ft schedule --for someoneelse c1 call '2026-12-01 07:00' Not mine >/dev/null

expect ft due <<'X'
a1	2026-12-01 08:00	overdue	call	Søren Ågård	+45 20 11 22 33	Overdue call
a2	2026-12-01 09:00	due	call	Søren Ågård	+45 20 11 22 33	At the boundary
X
[ "$(ft due --within 2h | wc -l)" = 3 ] || fail "--within 2h"
[ "$(ft due --all | cut -f1 | tr '\n' ' ')" = "a5 a1 a2 " ] || fail "--all"
[ "$(ft due --for someoneelse | cut -f1)" = "a5" ] || fail "--for"

expect ft done a4 'talked' <<'X'
a4 next 2026-12-10 09:00
X
expect_status 0 ft show c1
grep -q 'a4 .*2026-12-10 09:00 Weekly' "$OUT" || fail "recurring did not move on: $(cat "$OUT")"
grep -q 'History' "$OUT" || fail "no history"
grep -q 'Weekly -- talked' "$OUT" || fail "occurrence not logged: $(cat "$OUT")"
ft done a1
expect ft due <<'X'
a2	2026-12-01 09:00	due	call	Søren Ågård	+45 20 11 22 33	At the boundary
X
expect_status 1 ft done a1
expect_err_contains 'already done'
