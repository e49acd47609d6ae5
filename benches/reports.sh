#!/usr/bin/env bash
# Issue 12's side-by-side run: each `lms report` against the same aggregates written by
# hand from the README's definitions (benches/reports/reports.sql, on the base tables)
# and run by the database's own client, in one run, on a database filled beforehand with
# `lms demo --companies 1000 --portal-users 100000 --licenses 1000000
# --activity-rows 10000000` and an admin `bench` (password "bench password").
#
#   benches/reports.sh sqlite:///path/lms.db
#   benches/reports.sh mysql://root@127.0.0.1:3306/lms_1m
#
# Env: LMS (default target/release/lms, built with --all-features), RUNS (default 7),
# AS_OF (default today; the period is the quarter holding it). Prints the median of
# each, the time of `lms user list` (process start and the argon2 login every report
# pays) and the ratio lms / hand-written. Targets: each report under 1 s on MariaDB and
# at most 1.25x the hand-written SQL.
set -euo pipefail
cd "$(dirname "$0")/.."

url=${1:?a sqlite:// or mysql:// URL}
LMS=$(realpath "${LMS:-target/release/lms}")
RUNS=${RUNS:-7}
AS_OF=${AS_OF:-$(date -u +%F)}
export LMS_PASSWORD="bench password"

# The quarter holding AS_OF, the one before, the 12 months ending with its last month.
year=${AS_OF:0:4}
month=$((10#${AS_OF:5:2}))
q_first=$(((month - 1) / 3 * 3 + 1))
FROM=$(printf '%s-%02d-01' "$year" "$q_first")
TO=$(date -u -d "$FROM +3 months" +%F)
PFROM=$(date -u -d "$FROM -3 months" +%F)
SFROM=$(date -u -d "$TO -12 months" +%F)
ASOF30=$(date -u -d "$AS_OF +30 days" +%F)
ASOF60=$(date -u -d "$AS_OF +60 days" +%F)
ASOF90=$(date -u -d "$AS_OF +90 days" +%F)
period="$year-Q$(((month - 1) / 3 + 1))"

case $url in
sqlite://*)
    backend=sqlite
    file=${url#sqlite://}
    client() { sqlite3 "$file" >/dev/null; }
    ;;
mysql://*)
    backend=mysql
    rest=${url#mysql://}
    auth=${rest%%@*}
    hostdb=${rest#*@}
    user=${auth%%:*}
    pass=""
    [ "$auth" != "$user" ] && pass=${auth#*:}
    hostport=${hostdb%%/*}
    db=${hostdb#*/}
    host=${hostport%%:*}
    port=${hostport#*:}
    [ "$port" = "$hostport" ] && port=3306
    client() { MYSQL_PWD="$pass" mariadb -h "$host" -P "$port" -u "$user" "$db" >/dev/null; }
    ;;
*) echo "the URL must start with sqlite:// or mysql://" >&2; exit 2 ;;
esac

# SQLite's spelling of the two date functions the statements use.
dialect() {
    if [ "$backend" = sqlite ]; then
        sed -e "s/DATE_ADD(t.term_end, INTERVAL 30 DAY)/date(t.term_end, '+30 days')/g" \
            -e "s/DATEDIFF(\([a-z._]*\), \([a-z._]*\))/CAST(julianday(\1) - julianday(\2) AS INTEGER)/g"
    else
        cat
    fi
}

# One report's statements, dates filled in.
hand_sql() {
    awk -v want="-- report: $1" '
        /^-- report: / { on = ($0 == want); next }
        on { print }' benches/reports/reports.sql | dialect |
        sed -e "s/{FROM}/$FROM/g" -e "s/{TO}/$TO/g" -e "s/{PFROM}/$PFROM/g" \
            -e "s/{SFROM}/$SFROM/g" -e "s/{ASOF}/$AS_OF/g" -e "s/{ASOF30}/$ASOF30/g" \
            -e "s/{ASOF60}/$ASOF60/g" -e "s/{ASOF90}/$ASOF90/g"
}

now() { date +%s%N; }

# Median milliseconds of RUNS runs of the command given.
median_ms() {
    local times=() start
    for _ in $(seq "$RUNS"); do
        start=$(now)
        "$@"
        times+=($((($(now) - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
}

run_hand() { hand_sql "$1" | client; }
run_lms() {
    local period_arg=(--period "$period")
    [ "$1" = renewals ] && period_arg=() # the pipeline has no period
    "$LMS" --database-url "$url" report "$1" --user bench "${period_arg[@]}" \
        --as-of "$AS_OF" --format csv >/dev/null
}
login() { "$LMS" --database-url "$url" user list --user bench >/dev/null; }

echo "$backend, period $period (previous from $PFROM, months from $SFROM), as of $AS_OF, median of $RUNS"
for report in sales partners engineers renewals; do
    [ -n "$(hand_sql "$report")" ] || { echo "no hand-written SQL for $report" >&2; exit 1; }
    run_hand "$report" # warm both the same way
    run_lms "$report"
done
start_login=$(median_ms login)
printf '%-10s %10s %10s %8s %18s\n' report lms hand ratio "ratio (no login)"
for report in sales partners engineers renewals; do
    hand=$(median_ms run_hand "$report")
    lms_ms=$(median_ms run_lms "$report")
    printf '%-10s %7s ms %7s ms %8s %18s\n' "$report" "$lms_ms" "$hand" \
        "$(awk -v a="$lms_ms" -v b="$hand" 'BEGIN { printf "%.2fx", a / b }')" \
        "$(awk -v a="$lms_ms" -v l="$start_login" -v b="$hand" 'BEGIN { printf "%.2fx", (a - l) / b }')"
done
echo "process start and login (lms user list): $start_login ms"
