#!/usr/bin/env bash
# vs-pg-delta.sh [PGDELTA] — the 2,000-table pair of ../shared/diff-oracle/gen_big.py, gatehouse diff against
# @supabase/pg-delta in the same run, on the same throwaway PostgreSQL 15 cluster (the oracle's pg.sh).
# PGDELTA: the pgdelta binary (install it in a temp dir: `npm install @supabase/pg-delta@1.0.0-alpha.34`;
# it is not a project dependency). Prints bench.sh's wall times, then the CPU seconds (user+sys) of each run,
# and the machine's load average, since other work shares the CPUs. Needs `npm run build:node` first.
# (bench.sh prints `pairs}: command not found` on its FIXTURES line: harmless, the braces of its message end the
# expansion early; FIXTURES itself is used as given.)
set -u -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ORACLE=${ORACLE:-$ROOT/../shared/diff-oracle}
PGDELTA=${1:-/tmp/pg-delta/node_modules/.bin/pgdelta}
REPS=${REPS:-3}
WORK=$(mktemp -d /tmp/gh-vs-pgdelta.XXXXXX)
python3 "$ORACLE/gen_big.py" "$WORK/pairs" >/dev/null || exit 2
. "$ORACLE/pg.sh"; bar_pg_start >&2 || exit 2
TIME='/usr/bin/time -f "cpu %U %S"'
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for tool in gatehouse pg-delta; do
  case $tool in
    gatehouse) cmd="$TIME node $ROOT/bin/gatehouse.js diff --from {FROM} --to {TO}" ;;
    pg-delta) cmd="$TIME $PGDELTA diff --source {FROM} --desired {TO}" ;;
  esac
  echo "== $tool"
  FIXTURES=$WORK/pairs CASES=big REPS=$REPS LOGDIR=$WORK/$tool "$ORACLE/bench.sh" "$cmd"
  for f in "$WORK/$tool"/big.*.err; do
    [ "${f##*.load.}" = "$f" ] || continue
    awk '/^cpu /{printf "  cpu %.2fs (user %s, sys %s)\n", $2 + $3, $2, $3}' "$f"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "logs: $WORK"
