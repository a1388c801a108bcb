# SPDX-License-Identifier: GPL-3.0-or-later
# valgrind finds no leak and no invalid access in the common commands.
. "$TESTS/lib.sh"
need valgrind
[ "${SAN:-0}" = 1 ] && skip "not under the sanitizers"

vg() {
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=99 --suppressions="$TESTS/valgrind.supp" \
	    "$KITH" "$@" || { echo "valgrind: kith $*: exit $?" >&2; return 1; }
}
vg add 'name=Søren Ågård' 'phone.mobile=+45 20 11 22 33' email=s@n.dk >/dev/null
vg add 'name=Ana Peña' company=Peña >/dev/null
vg set c1 title=CEO tag+=vip
vg schedule c1 call '2026-12-01 10:00' Ring --alarm 15m --repeat FREQ=WEEKLY >/dev/null
vg log c2 call Talked --result fine >/dev/null
vg find sø >/dev/null
vg find 2011 >/dev/null
vg show c1 >/dev/null
vg due --all --within 3000d >/dev/null
vg done a1 ok
vg dump -o d.txt
vg -d "$PWD/copy" load d.txt
cat > cards.vcf <<'EOF'
BEGIN:VCARD
VERSION:3.0
FN:Jyrki Jyväskylä
ORG:Čopova d.o.o.
EMAIL:jyrki@example.fi
TEL:+358 40 123 4567
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Marta Peña
EMAIL:marta@example.es
END:VCARD
EOF
vg import --format vcard cards.vcf >/dev/null
vg find čopova >found.txt
grep -q 'Jyrki Jyväskylä' found.txt ||
    { echo "the imported contact is not found" >&2; exit 1; }
vg check >/dev/null
vg rm c2
