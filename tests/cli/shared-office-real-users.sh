# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 6: a shared office with real Unix users in a real group.  Proves
# that kith init --shared gives the directory to the group and closes it
# to everyone else; that an outsider is refused with a message naming the
# directory and the group; that no file (log files written later by a
# user with umask 022 included) is ever readable by others, and such a
# user locks nobody out; that owners are Unix user names, private
# contacts stay their owner's in find, show and export; and that the
# audit trail records who did what.  Needs root (CI runs as root).
. "$TESTS/lib.sh"

[ "$(id -u)" = 0 ] || skip "needs root to create test users and a group"
need useradd groupadd userdel groupdel runuser

G=kithg$$
UA=kitha$$
UB=kithb$$
UC=kithc$$		# the outsider
BASE=$(mktemp -d /tmp/kith-office.XXXXXX)
office_cleanup() {
	for u in $UA $UB $UC; do
		userdel "$u" 2>/dev/null || true
	done
	groupdel "$G" 2>/dev/null || true
	rm -rf "$BASE"
}
trap office_cleanup EXIT
trap 'exit 143' TERM INT HUP
groupadd "$G" || skip "groupadd failed"
useradd -M -N -s /bin/sh -G "$G" "$UA"
useradd -M -N -s /bin/sh -G "$G" "$UB"
useradd -M -N -s /bin/sh "$UC"

chmod 0755 "$BASE"
BIN=$BASE/kith
cp "$KITH" "$BIN"
chmod 0755 "$BIN"
DB=$BASE/office
for u in $UA $UB $UC; do
	mkdir "$BASE/home-$u"
	chown "$u" "$BASE/home-$u"
done

# as USER UMASK ARGS...: kith run as that user, in a clean environment.
as() {
	as_u=$1
	as_mask=$2
	shift 2
	runuser -u "$as_u" -- env -i HOME="$BASE/home-$as_u" \
	    LC_ALL=C.UTF-8 TZ=Europe/Copenhagen KITH_SYSCONFIG=/nonexistent \
	    KITH_DIR="$DB" PATH=/usr/bin:/bin \
	    sh -c 'umask "$0"; exec "$@"' "$as_mask" "$BIN" "$@"
}

# The administrator: a missing group is named, then the real one.
expect_status 1 "$BIN" init --shared nosuchgroup$$ "$DB"
expect_err_contains "no group \"nosuchgroup$$\""
[ ! -e "$DB" ] || fail "a failed init left $DB behind"
expect_status 1 as $UC 022 init --shared $G "$BASE/elsewhere"
expect_err_contains "you are not in group $G"
# Small log files, so that the users below start new ones.
mkdir "$DB"
sed 's/^set_lg_bsize .*/set_lg_bsize 65536/;s/^set_lg_max .*/set_lg_max 262144/' \
    >"$DB/DB_CONFIG" <<EOF
$("$BIN" init "$BASE/template" && cat "$BASE/template/DB_CONFIG")
EOF
expect_status 0 "$BIN" init --shared $G "$DB"
[ "$(stat -c '%a %G' "$DB")" = "2770 $G" ] ||
	fail "directory is $(stat -c '%a %G' "$DB"), want 2770 $G"

# Users at work, one of them with umask 022 (the usual default).
ida=$(as $UA 077 add name='Ana Shared' company=Acme phone='+45 33 12 34 56')
ids=$(as $UA 077 add name='Sigrid Secret' private=yes)
idb=$(as $UB 022 add name='Bo Public' email=bo@example.com)
as $UB 022 set "$ida" title=Buyer
as $UB 022 log "$ida" call "Talked about the order" >/dev/null

# Enough writes from the umask-022 user to start several log files.
i=0
while [ $i -lt 400 ]; do
	printf 'add\tname=Bulk %04d\tnote=%s\n' $i \
	    'padding padding padding padding padding padding padding padding'
	i=$((i + 1))
done >"$BASE/bulk.in"
chmod 0644 "$BASE/bulk.in"
as $UB 022 batch <"$BASE/bulk.in" >/dev/null
[ -n "$(find "$DB" -name 'log.*' -user $UB)" ] ||
	fail "$UB (umask 022) started no log file: $(ls -l "$DB")"

# The umask-022 user's writer is killed; the same user's next kith runs
# recovery, which makes the region files anew.
i=0
while [ $i -lt 5000 ]; do
	printf 'add\tname=Victim %04d\n' $i
	i=$((i + 1))
done >"$BASE/victim.in"
chmod 0644 "$BASE/victim.in"
VOUT=$BASE/home-$UB/victim.out
runuser -u "$UB" -- env -i HOME="$BASE/home-$UB" LC_ALL=C.UTF-8 \
    KITH_SYSCONFIG=/nonexistent KITH_DIR="$DB" \
    sh -c 'umask 022; echo $$ > "$0.pid"; exec "$1" batch > "$0"' "$VOUT" \
    "$BIN" <"$BASE/victim.in" 2>/dev/null &
while [ "$(cat "$VOUT" 2>/dev/null | wc -l)" -lt 50 ]; do sleep 0.02; done
kill -9 "$(cat "$VOUT.pid")" || fail "the victim finished too soon"
wait || true
expect_status 0 as $UB 022 find Victim
[ "$(wc -l < "$OUT")" -ge "$(wc -l < "$VOUT")" ] ||
	fail "contacts committed before the kill are gone"

# ... and the other user is not locked out by the files they made.
expect_status 0 as $UA 077 set "$ida" note='still works'
expect_status 0 as $UA 077 check

# No file is readable or writable by others; all are the group's.
bad=$(find "$DB" -perm /0007 -o ! -group $G)
[ -z "$bad" ] || fail "open to others or not the group's: $(ls -l $bad)"
bad=$(find "$DB" -type f ! -perm -0060)
[ -z "$bad" ] || fail "not group read-write: $(ls -l $bad)"

# Owners are the Unix user names.
expect_status 0 as $UB 022 show "$ida"
grep -q "^owner *$UA\$" "$OUT" || fail "owner of $ida is not $UA"
grep -q "^updated .* by $UA (rev [0-9]*)\$" "$OUT" || fail "last updater is not $UA"
expect_status 0 as $UB 022 show "$idb"
grep -q "^owner *$UB\$" "$OUT" || fail "owner of $idb is not $UB"

# Private: only its owner sees it, in find, show and export.
expect_status 0 as $UB 022 find
grep -q 'Ana Shared' "$OUT" || fail "$UB does not find a shared contact"
! grep -q 'Sigrid' "$OUT" || fail "$UB finds $UA's private contact"
expect_status 1 as $UB 022 show "$ids"
expect_err_contains "no contact $ids"
expect_status 0 as $UB 022 export --format csv
! grep -q 'Sigrid' "$OUT" || fail "$UB exports $UA's private contact"
expect_status 1 as $UB 022 history "$ids"
expect_status 0 as $UA 077 find Sigrid
grep -q "^$ids	Sigrid Secret" "$OUT" || fail "the owner lost her private contact"
# Mine and everyone's.
expect_status 0 as $UB 022 find --mine Bo
grep -q "Bo Public" "$OUT" || fail "find --mine misses $UB's contact"
expect_status 0 as $UB 022 find --mine Ana
[ ! -s "$OUT" ] || fail "find --mine shows $UA's contact to $UB"
expect_status 0 as $UB 022 find --for $UA Ana
grep -q "Ana Shared" "$OUT" || fail "find --for $UA"
expect_status 0 as $UB 022 find --all Ana
grep -q "Ana Shared" "$OUT" || fail "find --all"
# Reminders are one's own by default: a call-back given to another user.
aid=$(as $UA 077 schedule --for $UB "$ida" call '2026-01-05 10:00' 'Ring Ana')
expect_status 0 as $UA 077 due
! grep -q "^$aid	" "$OUT" || fail "$UA's due lists $UB's call-back"
expect_status 0 as $UB 022 due --mine
grep -q "^$aid	.*Ring Ana" "$OUT" || fail "$UB's due lacks the call-back"
expect_status 0 as $UA 077 due --all
grep -q "^$aid	.*	$UB\$" "$OUT" || fail "due --all lacks $UB's call-back"

# The audit trail says who did what.
expect_status 0 as $UB 022 history "$ida"
grep -q "	$UA	add	$ida\$" "$OUT" || fail "history lacks $UA's add"
grep -q "	$UB	set	$ida\$" "$OUT" || fail "history lacks $UB's set"
grep -q "^  title: (none) -> Buyer\$" "$OUT" || fail "history lacks the title"
grep -q "	$UA	set	$ida\$" "$OUT" || fail "history lacks $UA's set"

# The outsider: a clear refusal, no crash, nothing touched.
before=$(ls -l --time-style=+%s.%N "$DB" | md5sum)
expect_status 1 as $UC 022 find
expect_err_contains "permission denied: $DB (you are not in group $G)"
expect_status 1 as $UC 022 add name=Intruder
expect_err_contains "permission denied: $DB (you are not in group $G)"
[ "$(ls -l --time-style=+%s.%N "$DB" | md5sum)" = "$before" ] ||
	fail "the outsider changed the directory"
# kith due at login says nothing it cannot back: it fails clearly too.
expect_status 1 as $UC 022 due
expect_err_contains "permission denied"

# A read-only directory: a clear error, nothing lost.
chmod 2550 "$DB"
expect_status 1 as $UA 077 add name=Nowhere
expect_err_contains "is read-only"
chmod 2770 "$DB"
expect_status 0 as $UA 077 find Ana
grep -q "Ana Shared" "$OUT" || fail "data lost after the read-only spell"
expect_status 0 "$BIN" -d "$DB" check
