# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: a deal follows the pipeline; each change of stage is a done note
# in the contact's history; probability defaults to the stage's; the
# company and currency default from the contact and the configuration.
. "$TESTS/lib.sh"
# CSV lines end in CRLF (RFC 4180).
crlf() { "$@" >"$LIB_TMP/crlf" || return; tr -d '\r' <"$LIB_TMP/crlf"; }
need faketime
ME=$(id -un)

ft() { faketime '2026-11-02 10:00:00' "$KITH" "$@"; }
ft add 'name=Ann Smith' company=Acme >/dev/null
ft add 'name=Bob Jones' >/dev/null
expect ft deal add c1 'title=Servers' value=12500.50 close=2026-12-15 <<X
d1
X
expect ft deal add c2 title=Licences 'value=4 000' stage=proposal probability=30 <<X
d2
X
ft deal set d1 stage=Negotiation
ft deal set d1 'note=wants a discount'
expect ft deal show d1 <<X
id           d1
contact      c1 Ann Smith
value        12500.50 EUR
probability  75% (the stage's)
outcome      open
title        Servers
company      Acme
stage        Negotiation
currency     EUR
close        2026-12-15
owner        $ME
note         wants a discount
created      2026-11-02 10:00
created-by   $ME
updated      2026-11-02 10:00
updated-by   $ME
X
expect_status 0 ft show c1
assert_contains "$OUT" 'note     2026-11-02 10:00 Deal d1 "Servers": stage Lead -> Negotiation'
assert_contains "$OUT" 'd1     Negotiation      12500.50 EUR  75% 2026-12-15 Servers'
# only one note: setting the note did not log a stage change
[ "$(grep -c 'stage Lead' "$OUT")" = 1 ] || fail "stage change logged twice"

expect ft deal list <<X
d1	c1	Ann Smith	Servers	Negotiation	12500.50	EUR	75	2026-12-15	$ME
d2	c2	Bob Jones	Licences	Proposal	4000.00	EUR	30		$ME
X
expect ft deal list stage=proposal <<X
d2	c2	Bob Jones	Licences	Proposal	4000.00	EUR	30		$ME
X
expect crlf ft deal list --contact c1 --format csv <<X
id,contact,name,title,stage,value,currency,probability,close,owner
d1,c1,Ann Smith,Servers,Negotiation,12500.50,EUR,75,2026-12-15,$ME
X
ft deal set d2 stage=Won
expect ft deal list --open <<X
d1	c1	Ann Smith	Servers	Negotiation	12500.50	EUR	75	2026-12-15	$ME
X
expect_status 0 ft deal show d2
assert_contains "$OUT" 'outcome      won'
assert_contains "$OUT" 'closed       2026-11-02 10:00'

# errors: unknown stage, bad amount, bad id, unknown field
expect_status 1 ft deal set d1 stage=Dreaming
expect_err_contains 'stage: "Dreaming" is not one of Lead, Qualified, Proposal, Negotiation, Won, Lost'
expect_status 1 ft deal set d1 value=12x
expect_err_contains 'is not an amount'
expect_status 1 ft deal show d9
expect_err_contains 'no deal d9'
expect_status 1 ft deal add c1 colour=red
expect_err_contains 'unknown field "colour"'
expect_status 1 ft deal add c7 title=x
expect_err_contains 'no contact c7'
expect_status 2 ft deal frobnicate
