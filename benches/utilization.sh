#!/usr/bin/env bash
# Times `lms report utilization --format json` against the same aggregates written by hand
# in SQL and run by the database's own client on the same data, and prints the plans.
#
#   benches/utilization.sh mysql  DATABASE   # via `mariadb` ($MYSQL_ARGS, default -uroot -h127.0.0.1)
#   benches/utilization.sh sqlite FILE       # via `sqlite3 -readonly`
#
# Env: LMS (default target/release/lms, built with --features mysql), RUNS (5),
# AS_OF (default today, UTC), WINDOW (14), LMS_USER / LMS_PASSWORD (an operator's login),
# EXPLAIN=1 to print the query plans too. Nothing is written to the data but the login.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=${1:?mysql or sqlite}
target=${2:?database name or SQLite file}
LMS=${LMS:-target/release/lms}
RUNS=${RUNS:-5}
AS_OF=${AS_OF:-$(date -u +%F)}
WINDOW=${WINDOW:-14}
MYSQL_ARGS=${MYSQL_ARGS:--uroot -h127.0.0.1}
export LMS_PASSWORD=${LMS_PASSWORD:-bench password}
LMS_USER=${LMS_USER:-bench}
FROM=$(date -u -d "$AS_OF - $WINDOW days" +%F)

case $backend in
mysql)
    # shellcheck disable=SC2086
    client() { mariadb $MYSQL_ARGS "$@" "$target"; }
    url="mysql://${MYSQL_URL_AUTH:-root@127.0.0.1:3306}/$target"
    ids=$(echo "SET SESSION group_concat_max_len = 100000000; SELECT GROUP_CONCAT(id) FROM companies;" | client -N)
    # One IN list: the range optimiser then seeks (company_id, ts) per company. Lists
    # from 1,000 values on are otherwise turned into a derived table (lms sends 500s).
    setup="SET SESSION in_predicate_conversion_threshold = 0;"
    ;;
sqlite)
    client() { sqlite3 -readonly "$@" "$target"; }
    url="sqlite://$target"
    ids=$(echo "SELECT group_concat(id) FROM companies;" | client)
    setup=""
    ;;
*) echo "backend must be mysql or sqlite" >&2; exit 2 ;;
esac

# The aggregates of the report with no filters, as a person would write them.
queries=(
"SELECT id, name FROM companies"
"SELECT company_id, COUNT(*), COUNT(seats), SUM(seats) FROM licenses WHERE status = 'active' AND start_date <= '$AS_OF' AND end_date >= '$AS_OF' GROUP BY company_id"
"SELECT company_id, COUNT(*) FROM portal_users WHERE company_id IN ($ids) AND disabled = 0 GROUP BY company_id"
"SELECT company_id, COUNT(DISTINCT user_id) FROM app_log WHERE company_id IN ($ids) AND ts >= '$FROM 00:00:00' AND ts < '$AS_OF 00:00:00' GROUP BY company_id"
"SELECT company_id, currency, revenue_minor, cost_minor, licenses FROM company_money WHERE purchases > 0"
)
# Money comes from the kept per-company totals (db/money_summary.rs), as in lms. Aggregating
# every purchase instead, for reference (FROM_SCRATCH=1 adds it to the hand-written side):
if [ "${FROM_SCRATCH:-0}" = 1 ]; then
    queries+=("SELECT l.company_id, p.currency, SUM(p.revenue_minor), SUM(p.cost_minor), COUNT(DISTINCT p.license_id) FROM purchases p JOIN licenses l ON l.id = p.license_id GROUP BY l.company_id, p.currency")
fi

hand_sql() {
    printf '%s\n' "$setup"
    for q in "${queries[@]}"; do printf '%s;\n' "$q"; done
}

now_ms() { date +%s%3N; }

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_it() {
    local label=$1; shift
    local times=()
    for _ in $(seq "$RUNS"); do
        local t0; t0=$(now_ms)
        "$@" >/dev/null
        times+=($(( $(now_ms) - t0 )))
    done
    local m; m=$(printf '%s\n' "${times[@]}" | median)
    echo "$label: median ${m} ms of $RUNS (${times[*]})" >&2
    echo "$m"
}

run_lms() {
    DATABASE_URL=$url "$LMS" report utilization --user "$LMS_USER" --as-of "$AS_OF" \
        --window-days "$WINDOW" --format json
}

run_hand() { hand_sql | client; }

if [ "${EXPLAIN:-0}" = 1 ]; then
    for q in "${queries[@]}"; do
        echo "== $(echo "$q" | cut -c1-90)…"
        if [ "$backend" = mysql ]; then
            printf '%s EXPLAIN %s;\n' "$setup" "$q" | client -t
        else
            printf 'EXPLAIN QUERY PLAN %s;\n' "$q" | client
        fi
    done
fi

echo "warming up" >&2
run_hand >/dev/null
run_lms >/dev/null
hand=$(time_it "hand-written SQL ($backend client)" run_hand)
lms=$(time_it "lms report utilization --format json" run_lms)
awk -v l="$lms" -v h="$hand" 'BEGIN { printf "lms / hand-written = %.2f (target <= 1.25)\n", l / h }'
