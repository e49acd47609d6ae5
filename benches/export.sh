#!/usr/bin/env bash
# Times `lms export licenses` (every row, streamed a keyset page at a time) on a database
# loaded with benchmark-size data, and its peak memory, with the release binary.
#
#   benches/export.sh mysql  DATABASE   # mysql://$MYSQL_URL_AUTH/DATABASE (root@127.0.0.1:3306)
#   benches/export.sh sqlite FILE
#
# Data: `lms migrate`, `lms user add bench --role admin`, then
#   lms demo --user bench --companies 1000 --portal-users 100000 --licenses 1000000 \
#            --activity-rows 10000000
# Env: LMS (default target/release/lms, built with --all-features), RUNS (3), ENTITY
# (licenses), FORMAT (csv), EXTRA (more flags, e.g. "--sort end --desc"), LMS_USER /
# LMS_PASSWORD (an operator's login). Targets: >= 200,000 rows/s, peak RSS < 50 MB.
set -euo pipefail
cd "$(dirname "$0")/.."

backend=${1:?mysql or sqlite}
target=${2:?database name or SQLite file}
LMS=${LMS:-target/release/lms}
RUNS=${RUNS:-3}
ENTITY=${ENTITY:-licenses}
FORMAT=${FORMAT:-csv}
EXTRA=${EXTRA:-}
export LMS_PASSWORD=${LMS_PASSWORD:-bench password}
LMS_USER=${LMS_USER:-bench}

case $backend in
mysql) url="mysql://${MYSQL_URL_AUTH:-root@127.0.0.1:3306}/$target" ;;
sqlite) url="sqlite://$target" ;;
*) echo "backend must be mysql or sqlite" >&2; exit 2 ;;
esac

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for run in $(seq "$RUNS"); do
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$out/time" "$LMS" --database-url "$url" export "$ENTITY" \
        --user "$LMS_USER" --format "$FORMAT" -o "$out/export.$FORMAT" $EXTRA 2>"$out/err"
    rows=$(grep -o 'exported [0-9]* rows' "$out/err" | grep -o '[0-9]*')
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2, p, ":"); s=0; for (i=1;i<=n;i++) s=s*60+p[i]; print s}' "$out/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time")
    user=$(awk -F': ' '/User time/ {print $2}' "$out/time")
    sys=$(awk -F': ' '/System time/ {print $2}' "$out/time")
    awk -v r="$rows" -v s="$secs" -v m="$rss" -v u="$user" -v y="$sys" -v n="$run" -v b="$backend" \
        'BEGIN {printf "%s run %d: %d rows in %.2f s = %.0f rows/s, peak RSS %.1f MB (user %.2f s, sys %.2f s)\n", b, n, r, s, r/s, m/1024, u, y}'
done
echo "file: $(du -h "$out/export.$FORMAT" | cut -f1)"
