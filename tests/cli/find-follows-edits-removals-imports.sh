# SPDX-License-Identifier: GPL-3.0-or-later
# find's text postings follow every change of a contact: an edit finds the
# new name and not the old one, rm and restore take it out and back, an
# import that merges adds the new company, a load rebuilds them; kith check
# compares the postings with the contacts.
. "$TESTS/lib.sh"

ids() { kith find "$@" | cut -f1 | tr '\n' ' '; }
kith add 'name=Søren Ågård' email=info@nordisk.dk >/dev/null
kith add 'name=Søren Kierkegaard' >/dev/null
[ "$(ids søren)" = "c1 c2 " ] || fail "both: $(ids søren)"
kith set c1 'name=Mads Ågård' >/dev/null
[ "$(ids søren)" = "c2 " ] || fail "old name after set: $(ids søren)"
[ "$(ids 'mads ågå')" = "c1 " ] || fail "new name after set: $(ids 'mads ågå')"
[ "$(ids nordisk)" = "c1 " ] || fail "unchanged e-mail: $(ids nordisk)"
kith rm c2 >/dev/null
[ "$(ids kierke)" = "" ] || fail "after rm: $(ids kierke)"
kith restore c2 >/dev/null
[ "$(ids kierke)" = "c2 " ] || fail "after restore: $(ids kierke)"
cat >in.csv <<'X'
name,email,company
M. Ågård,info@nordisk.dk,Vestjysk Rederi
Ny Person,ny@example.org,Vestjysk Rederi
X
kith import in.csv >/dev/null
[ "$(ids vestjysk)" = "c1 c3 " ] || fail "after import: $(ids vestjysk)"
expect_status 0 kith check
kith dump >d1
KITH_DIR=$PWD/db2 kith load d1 >/dev/null
[ "$(KITH_DIR=$PWD/db2 kith find rederi | cut -f1 | tr '\n' ' ')" = \
    "c1 c3 " ] || fail "after load"
KITH_DIR=$PWD/db2 kith dump >d2
cmp -s d1 d2 || fail "dump of the load differs"
KITH_DIR=$PWD/db2 expect_status 0 kith check
