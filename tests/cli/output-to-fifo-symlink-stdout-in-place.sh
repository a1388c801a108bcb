# SPDX-License-Identifier: GPL-3.0-or-later
# Regression (issue 8): `kith dump -o /dev/null` replaced /dev/null with a
# regular 0600 file, because -o wrote a temporary file and renamed it over
# the target.  A device or FIFO (or a link to one) is now written in place;
# a regular file is still replaced atomically, through a symbolic link the
# link stays and the file it points to is replaced; "-" is standard output.
# A FIFO stands in for /dev/null, which a test must never touch.
. "$TESTS/lib.sh"

kith add 'name=Søren Ågård' 'email=soren@example.org' >/dev/null
kith schedule c1 call '2030-05-01 10:00' 'Ring til Søren' >/dev/null
kith dump > want.dump

# Reads the FIFO $1 into $2 in the background while "kith ARGS" writes it.
through_fifo() {
	fifo=$1 got=$2
	shift 2
	timeout 20 cat "$fifo" > "$got" &
	reader=$!
	timeout 20 "$KITH" "$@" || fail "kith $* into a FIFO failed"
	wait "$reader" || fail "nothing read from $fifo"
	[ -p "$fifo" ] || fail "kith $* replaced the FIFO: $(ls -l "$fifo")"
}

mkfifo out.fifo
through_fifo out.fifo got.dump dump -o out.fifo
cmp want.dump got.dump || fail "the dump read from the FIFO differs"
through_fifo out.fifo got.vcf export -o out.fifo
assert_contains got.vcf 'EMAIL:soren@example.org'
through_fifo out.fifo got.ics export --format ics -o out.fifo
assert_contains got.ics 'SUMMARY:Ring til Søren'
# A symbolic link to a FIFO is followed, not replaced.
ln -s out.fifo fifo.link
through_fifo fifo.link got2.dump dump -o fifo.link
[ -L fifo.link ] || fail "the link to the FIFO was replaced"
cmp want.dump got2.dump || fail "the dump read through the link differs"
ls | grep -q '\.tmp\.' && fail "a temporary file was left: $(ls)"

# A regular file is replaced whole, 0600, as before.
echo old > plain.txt
chmod 644 plain.txt
kith dump -o plain.txt
cmp want.dump plain.txt || fail "plain file not replaced by the dump"
[ "$(stat -c %a plain.txt)" = 600 ] || fail "mode $(stat -c %a plain.txt)"

# Through a symbolic link: the link stays, the file it names is replaced.
mkdir keep
echo old > keep/real.dump
ln -s keep/real.dump link.dump
kith dump -o link.dump
[ -L link.dump ] || fail "the symbolic link was replaced by a file"
cmp want.dump keep/real.dump || fail "the linked file was not replaced"
[ "$(stat -c %a keep/real.dump)" = 600 ] || fail "linked file mode"
[ "$(ls keep)" = real.dump ] || fail "temporary file left: $(ls keep)"

# "-" is standard output, not a file named "-".
kith dump -o - > stdout.dump
cmp want.dump stdout.dump || fail "dump -o - did not go to standard output"
kith export -o - > stdout.vcf
assert_contains stdout.vcf 'soren@example.org'
[ ! -e ./- ] || fail "dump -o - created a file named -"

# A directory is refused and left alone.
expect_status 1 kith dump -o keep
expect_err_contains 'keep: Is a directory'
[ -d keep ] && [ "$(ls keep)" = real.dump ] || fail "directory changed"
