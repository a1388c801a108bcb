# SPDX-License-Identifier: GPL-3.0-or-later
# Exported vCards (3.0 and 4.0) are read by python3-vobject and by khard.
. "$TESTS/lib.sh"
/usr/bin/python3 -c 'import vobject' 2>/dev/null || skip "needs python3-vobject"

kith import "$DATA/vcard21-phone-latin1-qp.vcf" \
    "$DATA/vcard30-apple-folded-grouped.vcf" >/dev/null
for v in 3.0 4.0; do
	kith export --format vcard --version $v -o out.vcf
	/usr/bin/python3 - out.vcf <<'X' >got || fail "vobject refused $v"
import sys, vobject
for c in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()):
    print(c.fn.value, "|", ",".join(e.value for e in getattr(c, "email_list", [])),
          "|", ",".join(t.value for t in getattr(c, "tel_list", [])))
X
	assert_contains got 'Søren Jørgensen | soren@example.dk | +45 20 11 22 33,+45 33 12 34 56,33 44 55 66'
	assert_contains got 'Dr. Johnny Q. Appleseed | johnny@appleseeds.example,jqa@private.example'
	assert_contains got 'Åsa Ångström | asa@example.se'
done

command -v khard >/dev/null 2>&1 || skip "needs khard"
mkdir -p vdir cfg/khard
kith export --format vcard --version 3.0 -o all.vcf
/usr/bin/python3 - all.vcf vdir <<'X'
import sys
cards = open(sys.argv[1], encoding="utf-8").read().split("BEGIN:VCARD")[1:]
for i, c in enumerate(cards):
    open(f"{sys.argv[2]}/{i}.vcf", "w", encoding="utf-8", newline="").write("BEGIN:VCARD" + c)
X
cat >cfg/khard/khard.conf <<X
[addressbooks]
[[kith]]
path = $PWD/vdir
[general]
default_action = list
[contact table]
display = formatted_name
X
XDG_CONFIG_HOME=$PWD/cfg khard list >list 2>err || { cat err >&2; fail "khard list"; }
assert_contains list 'Søren Jørgensen'
assert_contains list 'Mette Hansen'
XDG_CONFIG_HOME=$PWD/cfg khard email --parsable >mails 2>err ||
	{ cat err >&2; fail "khard email"; }
assert_contains mails 'soren@example.dk	Søren Jørgensen'
assert_contains mails 'jqa@private.example	Dr. Johnny Q. Appleseed'
