#!/usr/bin/env bash
# Times `lms import` with the release binary, on files that `lms export` wrote from a demo
# database, into a database that holds only the reference records (so every license and
# activity row is new, references given by name):
#   - a dry run of the licenses, the real import, then the same file again (all unchanged);
#   - the activity rows;
#   - on MariaDB, side by side in the same run: LOAD DATA LOCAL INFILE of the same
#     licenses (ids already resolved) into a bare copy of the table (CREATE TABLE LIKE).
#
#   benches/import.sh sqlite
#   benches/import.sh mysql      # mysql://$MYSQL_URL_AUTH (root@127.0.0.1:3306)
#
# Env: LMS (default target/release/lms, built with --all-features), LICENSES (100000),
# ACTIVITY (1000000), KEEP=1 keeps the work directory.
# Targets: licenses >= 50,000 rows/s on SQLite and within 2x of LOAD DATA on MariaDB;
# activity >= 200,000 rows/s on SQLite and >= 100,000 rows/s on MariaDB; a dry run of
# 100,000 licenses under 3 s.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=${1:?sqlite or mysql}
LMS=$(realpath "${LMS:-target/release/lms}")
LICENSES=${LICENSES:-100000}
ACTIVITY=${ACTIVITY:-1000000}
AUTH=${MYSQL_URL_AUTH:-root@127.0.0.1:3306}
export LMS_PASSWORD="bench password"

work=$(mktemp -d)
source_db="lms_bench_import_src"
target_db="lms_bench_import"
cleanup() {
    if [ "$backend" = mysql ]; then
        mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $source_db; DROP DATABASE IF EXISTS $target_db" || true
    fi
    if [ "${KEEP:-}" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

case $backend in
sqlite)
    src="sqlite://$work/source.db"
    dst="sqlite://$work/target.db"
    ;;
mysql)
    mariadb -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $source_db; CREATE DATABASE $source_db; DROP DATABASE IF EXISTS $target_db; CREATE DATABASE $target_db"
    src="mysql://$AUTH/$source_db"
    dst="mysql://$AUTH/$target_db"
    ;;
*) echo "backend must be sqlite or mysql" >&2; exit 2 ;;
esac

lms() { "$LMS" "$@"; }
prepare() {
    lms --database-url "$1" migrate >/dev/null
    echo "$LMS_PASSWORD" | lms --database-url "$1" user add --role admin --password-stdin bench >/dev/null
}

echo "== source: demo data with $LICENSES licenses and $ACTIVITY activity rows" >&2
prepare "$src"
lms --database-url "$src" demo --user bench --companies 1000 --portal-users 10000 \
    --licenses "$LICENSES" --activity-rows "$ACTIVITY" >/dev/null 2>&1
for entity in companies partners sales-reps product-codes portal-users licenses activity; do
    lms --database-url "$src" export "$entity" --user bench -o "$work/$entity.csv" 2>/dev/null
done
prepare "$dst"
for entity in companies partners sales-reps product-codes portal-users; do
    if ! lms --database-url "$dst" import "$entity" "$work/$entity.csv" --user bench \
        >"$work/out" 2>&1; then
        echo "importing the $entity failed:" >&2
        tail -n 5 "$work/out" >&2
        exit 1
    fi
done

# Runs one import and prints its rate.
timed() {
    local label=$1 entity=$2
    shift 2
    local start end rows
    start=$(date +%s.%N)
    lms --database-url "$dst" import "$entity" "$work/$entity.csv" --user bench "$@" \
        >"$work/out" 2>/dev/null || true
    end=$(date +%s.%N)
    rows=$(($(wc -l <"$work/$entity.csv") - 1))
    awk -v l="$label" -v r="$rows" -v s="$start" -v e="$end" -v b="$backend" \
        'BEGIN {printf "%-7s %-28s %8d rows in %6.2f s = %8.0f rows/s\n", b, l, r, e-s, r/(e-s)}'
    tail -n 1 "$work/out" | sed 's/^/        /'
}

timed "licenses, dry run" licenses --dry-run
timed "licenses, import" licenses
timed "licenses, again (unchanged)" licenses
timed "activity, import" activity

if [ "$backend" = mysql ]; then
    # The same licenses with their ids resolved, into a bare copy of the table.
    my() { mariadb -h127.0.0.1 -uroot --local-infile=1 "$target_db" "$@"; }
    cols="license_key, company_id, product_code_id, partner_id, sales_rep_id, seats, start_date, end_date, status, notes, created_at, updated_at"
    my --batch --skip-column-names -e "SELECT $cols FROM licenses" >"$work/bare.tsv"
    my -e "CREATE TABLE licenses_bare LIKE licenses"
    start=$(date +%s.%N)
    my -e "LOAD DATA LOCAL INFILE '$work/bare.tsv' INTO TABLE licenses_bare ($cols)"
    end=$(date +%s.%N)
    rows=$(wc -l <"$work/bare.tsv")
    awk -v r="$rows" -v s="$start" -v e="$end" \
        'BEGIN {printf "mysql   %-28s %8d rows in %6.2f s = %8.0f rows/s\n", "LOAD DATA (bare copy)", r, e-s, r/(e-s)}'
fi
