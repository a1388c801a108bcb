# SPDX-License-Identifier: GPL-3.0-or-later
# find matches any part of a name, company or e-mail, ignoring case and
# accents, every word; phone numbers by their digits; name order.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' 'company=Nordisk Shipping A/S' \
    'phone=+45 20 11 22 33' email=soren@nordisk.dk >/dev/null
kith add 'name=Pekka Mäkinen' 'company=Jyväskylän Puutyö Oy' \
    'phone=+358 40 123 4567' >/dev/null
kith add 'name=Ana Peña' 'company=Peña y Hijos' email=ana@pena.es >/dev/null
kith add 'name=Marija Čopova' 'phone=+386 41 123 456' >/dev/null
kith add 'company=Ågesen Data' >/dev/null

ids() { kith find "$@" | cut -f1 | tr '\n' ' '; }
[ "$(ids sø)" = "c1 " ] || fail "sø: $(ids sø)"
[ "$(ids SØREN)" = "c1 " ] || fail "SØREN: $(ids SØREN)"
[ "$(ids soren)" = "c1 " ] || fail "soren: $(ids soren)"
[ "$(ids ren)" = "c1 " ] || fail "middle of a word: $(ids ren)"
[ "$(ids 'ågå ship')" = "c1 " ] || fail "two words: $(ids 'ågå ship')"
[ "$(ids peña)" = "c3 " ] || fail "peña: $(ids peña)"
[ "$(ids pena.es)" = "c3 " ] || fail "e-mail part: $(ids pena.es)"
[ "$(ids čop)" = "c4 " ] || fail "čop: $(ids čop)"
[ "$(ids jyväs)" = "c2 " ] || fail "company: $(ids jyväs)"
[ "$(ids 20112233)" = "c1 " ] || fail "phone digits: $(ids 20112233)"
[ "$(ids '20 11 22')" = "c1 " ] || fail "phone with spaces: $(ids '20 11 22')"
[ "$(ids 123)" = "c4 c2 " ] || fail "digits in two phones: $(ids 123)"
[ "$(ids nobody)" = "" ] || fail "nobody: $(ids nobody)"
# Accent-insensitive name order: Ågesen, Ana, Marija, Pekka, Søren.
[ "$(ids)" = "c5 c3 c4 c2 c1 " ] || fail "order: $(ids)"
[ "$(ids ag)" = "c5 c1 " ] || fail "two letters: $(ids ag)"

expect kith find peña <<'X'
c3	Ana Peña	Peña y Hijos		ana@pena.es
X
kith find --format csv peña | tr -d '\r' > out.csv
expect cat out.csv <<'X'
id,name,company,phone,email
c3,Ana Peña,Peña y Hijos,,ana@pena.es
X
kith find --format json sø > out.json
/usr/bin/python3 -c 'import json,sys; d=json.load(open("out.json")); assert d[0]["name"]=="Søren Ågård", d' ||
    fail "json output"
