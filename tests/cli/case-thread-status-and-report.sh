# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: a support case: subject, description, status, priority, a thread
# of notes, resolved time kept in step with the status; shown on the
# contact; listed with filters; the cases report counts opened and
# resolved per month with the mean time to resolve.
. "$TESTS/lib.sh"
need faketime
ME=$(id -un)
at() { w=$1; shift; faketime "$w" "$KITH" "$@"; }

at '2026-10-05 09:00:00' add name=Ann >/dev/null
at '2026-10-05 09:00:00' add name=Bob >/dev/null
expect at '2026-10-05 09:00:00' case add c1 subject='Printer jams' \
    'description=Paper jams on tray 2' priority=2 'note=Called in' <<'X'
k1
X
at '2026-10-05 09:30:00' case set k1 status=waiting 'note=Asked for the model'
at '2026-10-06 15:00:00' case set k1 status=resolved 'note=Sent a new roller'
at '2026-10-20 08:00:00' case add c2 subject=Invoice >/dev/null
at '2026-11-03 08:00:00' case set k2 status=closed
at '2026-11-04 08:00:00' case add c2 subject=Login >/dev/null
expect at '2026-11-05 08:00:00' case show k1 <<X
id           k1
contact      c1 Ann
subject      Printer jams
description  Paper jams on tray 2
status       resolved
priority     2
opened       2026-10-05 09:00
resolved     2026-10-06 15:00
owner        $ME
created      2026-10-05 09:00
created-by   $ME
updated      2026-10-06 15:00
updated-by   $ME

Notes
  2026-10-05 09:00 $ME: Called in
  2026-10-05 09:30 $ME: Asked for the model
  2026-10-06 15:00 $ME: Sent a new roller
X
expect_status 0 kith show c2
assert_contains "$OUT" 'k2     closed   2026-10-20 08:00 Invoice'
assert_contains "$OUT" 'k3     open     2026-11-04 08:00 Login'
expect kith case list --open <<X
k3	c2	Bob	Login	open	0	2026-11-04 08:00	$ME
X
expect kith case list --contact c2 status=closed <<X
k2	c2	Bob	Invoice	closed	0	2026-10-20 08:00	$ME
X
# reopening clears the resolved time
at '2026-11-05 08:00:00' case set k1 status=open
expect_status 0 kith case show k1
grep -q '^resolved' "$OUT" && fail "reopened case still resolved"
at '2026-11-05 10:00:00' case set k1 status=resolved

# Both resolved in November: k1 (last resolved 2026-11-05 10:00, opened
# 2026-10-05 09:00) took 746 h, k2 337 h: the clocks went back an hour on
# 25 October.  The mean is 541.5 h.
kith report cases --format csv | tr -d '\r' >actual.csv
cat >expected.csv <<'X'
month,opened,resolved,hours to resolve
2026-10,2,0,
2026-11,1,2,541.5
X
diff -u expected.csv actual.csv || fail "cases report"

expect_status 1 kith case set k1 status=pending
expect_err_contains 'status: "pending" is not open, waiting, resolved or closed'
expect_status 1 kith case add c1 priority=1
expect_err_contains 'a case needs a subject='
expect_status 1 kith case show k9
expect_err_contains 'no case k9'
