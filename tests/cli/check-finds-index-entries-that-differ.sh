# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 8: kith check compares each index with the keys its records give
# (one read of each, no lookup per entry), so it finds an entry too many,
# an entry without its record, a record whose entries are stale, a floor
# of the lookup's above a contact, and a record that does not decode.  The
# damage is done with Berkeley DB's own db_load while no kith runs.
. "$TESTS/lib.sh"
need db5.3_load db5.3_dump

# Adds "key<newline>data" text (db_load -T escapes) to an index.
put_index() {
	printf '%s\n%s\n' "$2" "$3" | db5.3_load -h "$KITH_DIR" -T -t btree \
	    -c duplicates=1 -c dupsort=1 -c database="idx.$1" kith.db ||
	    fail "db_load into idx.$1"
}

fresh() {
	rm -rf "$KITH_DIR"
	kith add name=Ann email=ann@example.org >/dev/null
	kith add name=Bob email=bob@example.org phone=+4512345678 >/dev/null
	expect_status 0 kith check
}

# An entry too many: Ann's id under an address she does not have.
fresh
put_index contact.email ghost@example.org '\00\00\00\00\00\00\00\01'
expect_status 1 kith check
expect_err_contains 'index 1 (contact.email): 3 entries, but the records give 2'
expect_err_contains '1 problem found'

# An entry whose record does not exist (the message the walk gives).
fresh
put_index contact.email zed@example.org '\00\00\00\00\00\00\00\63'
expect_status 1 kith check
expect_err_contains 'index 1: '
expect_err_contains 'DB_SECONDARY_BAD'

# A record rewritten behind the indexes' back: as many entries, not the
# same ones; the text postings and the places in name order differ too.
fresh
db5.3_dump -h "$KITH_DIR" -s contacts -p kith.db |
    sed 's/Ann/Eve/; s/ann@example/eve@example/' > swapped.txt
db5.3_load -h "$KITH_DIR" -c database=contacts kith.db < swapped.txt ||
    fail "db_load into contacts"
expect_status 1 kith check
expect_err_contains 'index 0 (contact.name): 2 entries, but the records give 2, not the same'
expect_err_contains 'index 1 (contact.email): 2 entries, but the records give 2, not the same'
expect_err_contains 'text posting'
expect_err_contains "name-order places of ids 0*256: does not hold the contacts' places"

# A block's places that are not its contacts'.
fresh
printf '%s\n%s\n' '\02\00\00\00\00' 'zz' |
    db5.3_load -h "$KITH_DIR" -T -t btree -c database=contact.trigrams \
    kith.db || fail "db_load into contact.trigrams"
expect_status 1 kith check
expect_err_contains "name-order places of ids 0*256: does not hold the contacts' places"
expect_err_contains '1 problem found'

# A floor above a contact with its trigram: a lookup would start after it.
fresh
printf '%s\n%s\n' '\04\04bob' 'zzzzzzzz' |
    db5.3_load -h "$KITH_DIR" -T -t btree -c database=contact.trigrams \
    kith.db || fail "db_load into contact.trigrams"
expect_status 1 kith check
expect_err_contains 'floor of the trigram "bob": is above the place of a contact with it'
expect_err_contains '1 problem found'

# A record that does not decode.
fresh
printf '%s\n%s\n' '\00\00\00\00\00\00\00\01' 'garbage' |
    db5.3_load -h "$KITH_DIR" -T -t btree -c database=contacts kith.db ||
    fail "db_load into contacts"
expect_status 1 kith check
expect_err_contains 'contact 1 does not decode'
