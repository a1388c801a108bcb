# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: the built-in retention groups return exactly the right records:
# customers not contacted in 90 days, open cases older than a week, deals
# past their expected close date; at the boundaries, under faketime.
. "$TESTS/lib.sh"
need faketime

at() { w=$1; shift; faketime "$w" "$KITH" "$@"; }
NOW='2026-11-02 10:00:00'
now() { faketime "$NOW" "$KITH" "$@"; }

at '2026-06-01 12:00:00' add name=Ann status=customer >/dev/null   # c1 never
at '2026-06-01 12:00:00' add name=Bob status=customer >/dev/null   # c2
at '2026-06-01 12:00:00' add name=Cid status=customer >/dev/null   # c3
at '2026-06-01 12:00:00' add name=Dan status=lead >/dev/null       # c4
at '2026-06-01 12:00:00' add name=Eve status=customer >/dev/null   # c5
at '2026-06-01 12:00:00' add name=Fay status=customer >/dev/null   # c6
now log --at '2026-06-01 12:00' c2 call >/dev/null
now log --at '2026-10-01 12:00' c3 call >/dev/null
# 90 days before NOW is 2026-08-04 10:00 (calendar days, across DST)
now log --at '2026-08-04 09:59' c5 call >/dev/null
now log --at '2026-08-04 10:01' c6 call >/dev/null

expect now group show dormant <<'X'
c1	Ann			
c2	Bob			
c5	Eve			
X
# the same query typed out, and "idle" for "no activity for N days"
[ "$(now find 'status=customer last-contact<-90d' | cut -f1 | tr '\n' ' ')" \
    = "c1 c2 c5 " ] || fail "find with the query"
[ "$(now find 'idle=90d' | cut -f1 | tr '\n' ' ')" = "c1 c2 c4 c5 " ] ||
    fail "idle=90d"

at '2026-10-20 12:00:00' case add c1 subject=old-open >/dev/null       # k1
at '2026-10-20 12:00:00' case add c2 subject=old-resolved >/dev/null   # k2
at '2026-10-21 12:00:00' case set k2 status=resolved
at '2026-10-30 12:00:00' case add c3 subject=new >/dev/null            # k3
at '2026-10-26 09:59:00' case add c4 subject=waiting >/dev/null        # k4
at '2026-10-26 09:59:00' case set k4 status=waiting
at '2026-10-26 10:01:00' case add c5 subject=six-days >/dev/null       # k5
expect now group show stale-cases <<X
k1	c1	Ann	old-open	open	0	2026-10-20 12:00	$(id -un)
k4	c4	Dan	waiting	waiting	0	2026-10-26 09:59	$(id -un)
X

now deal add c1 title=late close=2026-11-01 >/dev/null          # d1
now deal add c2 title=today close=2026-11-02 >/dev/null         # d2
now deal add c3 title=won close=2026-10-01 stage=won >/dev/null # d3
now deal add c4 title=undated >/dev/null                        # d4
now deal add c5 title=lost close=2026-09-01 stage=lost >/dev/null
expect now group show overdue-deals <<X
d1	c1	Ann	late	Lead	0.00	EUR	10	2026-11-01	$(id -un)
X

# a configured group
mkdir -p "$XDG_CONFIG_HOME/kith"
cat >"$XDG_CONFIG_HOME/kith/config" <<'X'
[group big-open]
of = deals
query = stage=lead title~LA
X
expect now group show big-open <<X
d1	c1	Ann	late	Lead	0.00	EUR	10	2026-11-01	$(id -un)
X
expect_status 0 now group list
assert_contains "$OUT" "big-open	deals	stage=lead title~LA"
assert_contains "$OUT" "dormant	contacts	status=customer last-contact<-90d"
expect_status 1 now group show nosuch
expect_err_contains 'no group "nosuch"'
expect_status 1 now find 'colour=red'
expect_err_contains 'no field colour in contacts'
