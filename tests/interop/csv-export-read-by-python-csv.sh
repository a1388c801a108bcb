# SPDX-License-Identifier: GPL-3.0-or-later
# The CSV export is read by Python's csv module: a header row, UTF-8,
# quoted line breaks and quotes.
. "$TESTS/lib.sh"

kith import "$DATA/google-contacts.csv" >/dev/null 2>&1
kith export --format csv -o out.csv
/usr/bin/python3 - out.csv <<'X' >got || fail "python csv refused it"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
g = [r for r in rows if r["name"].endswith("Hopper")][0]
print(len(rows), g["company"], g["email.work"], g["phone.work"], repr(g["note"]))
X
assert_contains got "2 US Navy grace@navy.example +1 202 555 0120 'Invented the first compiler.\\nSaid \"It\\'s easier to ask forgiveness\", often.'"
