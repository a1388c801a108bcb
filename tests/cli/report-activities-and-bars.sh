# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: activities per user per week (calls made, meetings, follow-ups
# done and overdue); won and lost by month; every report is a terminal
# table with bars in Unicode blocks, in ASCII when the codeset is not
# UTF-8, and is listed by "kith report".
. "$TESTS/lib.sh"
need faketime
ME=$(id -un)
at() { w=$1; shift; faketime "$w" "$KITH" "$@"; }

at '2026-11-02 09:00:00' add name=Ann >/dev/null
at '2026-11-02 09:00:00' log c1 call 'cold call' >/dev/null             # W45
at '2026-11-02 09:00:00' schedule c1 call '2026-11-03 10:00' >/dev/null # a2
at '2026-11-04 09:00:00' done a2 >/dev/null                            # W45
at '2026-11-10 09:00:00' log c1 meeting >/dev/null                     # W46
at '2026-11-02 09:00:00' schedule c1 call '2026-11-05 10:00' >/dev/null # late
at '2026-11-02 09:00:00' schedule --for bob c1 call '2026-11-06 10:00' \
    >/dev/null
at '2026-11-02 09:00:00' schedule c1 call '2026-12-01 10:00' >/dev/null # future

at '2026-11-12 12:00:00' report activities --format csv | tr -d '\r' |
    tail -n +2 | sort >actual.csv
sort >expected.csv <<X
bob,2026-W45,0,0,0,1
$ME,2026-W45,2,0,1,1
$ME,2026-W46,0,1,0,0
X
diff -u expected.csv actual.csv || fail "activities per user per week"
at '2026-11-12 12:00:00' report activities --owner bob --format tsv >actual
printf 'bob\t2026-W45\t0\t0\t0\t1\n' | diff -u - actual || fail "--owner bob"

# won and lost by the month they closed
at '2026-10-10 12:00:00' deal add c1 value=100 stage=won >/dev/null
at '2026-11-10 12:00:00' deal add c1 value=300 >/dev/null
at '2026-11-11 12:00:00' deal set d2 stage=won
at '2026-11-11 12:00:00' deal add c1 value=50 stage=lost >/dev/null
expect kith report won-lost --format tsv <<'X'
2026-10	1	100.00	0	0.00
2026-11	1	300.00	1	50.00
X

COLUMNS=60 kith report won-lost >table
assert_contains table 'Won and lost by month (EUR)'
grep -q '^2026-11    1     300.00     1       50.00  █' table ||
    fail "no Unicode bar: $(cat table)"
LC_ALL=C COLUMNS=60 kith report won-lost >table
grep -q '^2026-11    1     300.00     1       50.00  ####' table ||
    fail "no ASCII bar: $(cat table)"
grep -q '█' table && fail "blocks in the C locale"
# the longest bar fills the width left of 60 columns
awk 'length($0) > 60 { exit 1 }' table || fail "wider than COLUMNS"

expect_status 0 kith report
for r in activities pipeline forecast won-lost sales cases; do
	assert_contains "$OUT" "$r	"
	kith report "$r" >/dev/null || fail "report $r"
done
expect_status 1 kith report nosuch
expect_err_contains 'no report "nosuch"'
expect_status 1 kith report sales --by colour
expect_err_contains 'city, region, country or status'
