# SPDX-License-Identifier: GPL-3.0-or-later
# issue 7: [pipeline] stages with default probabilities, the won and lost
# stages and the currency come from the configuration.
. "$TESTS/lib.sh"
# CSV lines end in CRLF (RFC 4180).
crlf() { "$@" >"$LIB_TMP/crlf" || return; tr -d '\r' <"$LIB_TMP/crlf"; }
ME=$(id -un)

mkdir -p "$XDG_CONFIG_HOME/kith"
cat >"$XDG_CONFIG_HOME/kith/config" <<'X'
[pipeline]
stages = Prospect:5, Demo:40, Offer, Signed:100, Dropped:0
won = Signed
lost = Dropped
currency = DKK
X
kith add name=Ann >/dev/null
kith deal add c1 title=A value=1000 >/dev/null
kith deal add c1 title=B value=2000 stage=offer >/dev/null
kith deal add c1 title=C value=500 stage=Signed currency=EUR >/dev/null
# Offer has no number: its place in the list gives 50%.
expect kith deal list <<X
d1	c1	Ann	A	Prospect	1000.00	DKK	5		$ME
d2	c1	Ann	B	Offer	2000.00	DKK	50		$ME
d3	c1	Ann	C	Signed	500.00	EUR	100		$ME
X
expect crlf kith report pipeline --format csv <<'X'
stage,deals,value,weighted
Prospect,1,1000.00,50.00
Demo,0,0.00,0.00
Offer,1,2000.00,1000.00
Signed,0,0.00,0.00
Dropped,0,0.00,0.00
open total,2,3000.00,1050.00
X
expect crlf kith report pipeline --currency EUR --format csv <<'X'
stage,deals,value,weighted
Prospect,0,0.00,0.00
Demo,0,0.00,0.00
Offer,0,0.00,0.00
Signed,1,500.00,500.00
Dropped,0,0.00,0.00
open total,0,0.00,0.00
X
expect_status 0 kith deal show d3
assert_contains "$OUT" 'outcome      won'

cat >"$XDG_CONFIG_HOME/kith/config" <<'X'
[pipeline]
stages = One, Two
X
expect_status 1 kith deal list
expect_err_contains 'need a won and a lost stage'

# amounts: a '.' or ',' before the last one or two digits is the decimal
# mark; other blanks, '.', ',', '_' and "'" group the thousands.
rm "$XDG_CONFIG_HOME/kith/config"
for v in '1 234,5:1234.50' '1.234.567:1234567.00' "12'000.05:12000.05" \
    '-3:-3.00' '0,07:0.07'; do
	kith deal add c1 "value=${v%%:*}" >"$OUT" || fail "value=${v%%:*}"
	kith deal show "$(cat "$OUT")" | grep -q "^value  *${v#*:} EUR" ||
	    fail "value=${v%%:*} is not ${v#*:}"
done
