# SPDX-License-Identifier: GPL-3.0-or-later
# add prints an id; show and set keep UTF-8 exactly; typed list values.
. "$TESTS/lib.sh"

expect kith add 'name=Søren Ågård' 'company=Nordisk Shipping A/S' \
    'phone.mobile=+45 20 11 22 33' email=soren@nordisk.dk status=Customer <<'X'
c1
X
expect kith add name=Čopova 'city=Jyväskylä' <<'X'
c2
X
kith set c1 'phone.work=+45 33 12 34 56' title=CEO
kith set c1 'tag+=shipping' 'tag+=vip'
USER_NAME=$(id -un)
kith show c1 | grep -v -e '^created' -e '^updated' > show.txt
expect cat show.txt <<X
id           c1
name         Søren Ågård
company      Nordisk Shipping A/S
title        CEO
phone        +45 20 11 22 33 (mobile)
phone        +45 33 12 34 56 (work)
email        soren@nordisk.dk
status       customer
tag          shipping
tag          vip
owner        $USER_NAME
X
