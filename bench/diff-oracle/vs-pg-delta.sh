#!/usr/bin/env bash
# vs-pg-delta.sh [PGDELTA] — the 2,000-table pair of ../shared/diff-oracle/gen_big.py, gatehouse diff against
# @supabase/pg-delta in the same run, on the same throwaway PostgreSQL 15 cluster (the oracle's pg.sh).
# PGDELTA: the pgdelta binary (install it in a temp dir: `npm install @supabase/pg-delta@1.0.0-alpha.34`;
# it is not a project dependency). Needs `npm run build:node` first. ORACLE=… when the oracle is not at
# ../shared/diff-oracle beside the clone.
#
# The pair is loaded once (as the oracle's bench.sh loads it), then the two tools run in turn, REPS times each,
# alternating which goes first: the machine is often shared, and running one tool's reps after the other's
# compared them under different loads. Each run is timed as bench.sh times it (wall clock of the command, from
# start to exit, stdout to a file), with its CPU seconds (user+sys of the process and its children) beside it;
# the medians, their ratio, and the load average before and after are printed. Beside each run's own CPU stands
# the PostgreSQL server's (the postmaster's reaped backends, from /proc): on a machine of few cores the sum of
# the two is the floor under the wall time, whichever tool runs.
set -u -o pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ORACLE=${ORACLE:-$ROOT/../shared/diff-oracle}
PGDELTA=${1:-/tmp/pg-delta/node_modules/.bin/pgdelta}
REPS=${REPS:-5}
WORK=$(mktemp -d /tmp/gh-vs-pgdelta.XXXXXX)
python3 "$ORACLE/gen_big.py" "$WORK/pairs" >/dev/null || exit 2
. "$ORACLE/pg.sh"
bar_pg_start >&2 || exit 2
export PGUSER=postgres PGDATABASE=postgres
psql -X -q -c "CREATE ROLE schemainspect_test_role" >/dev/null || exit 2
for x in a b; do
  psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE big_$x TEMPLATE template0" >/dev/null || exit 2
  psql -X -q -v ON_ERROR_STOP=1 -d "big_$x" -f "$WORK/pairs/big/$x.sql" >"$WORK/load_$x.log" 2>&1 || {
    echo "loading $x.sql failed: $WORK/load_$x.log"
    exit 2
  }
  psql -X -q -d "big_$x" -c "VACUUM ANALYZE" >/dev/null 2>&1
done
A=postgresql://postgres@127.0.0.1:$PGPORT/big_a
B=postgresql://postgres@127.0.0.1:$PGPORT/big_b
POSTMASTER=$(head -1 "$BAR_PG_DIR/data/postmaster.pid")
TICK=$(getconf CLK_TCK)
# CPU seconds the server has spent in backends that have exited (each run's connections end with it).
server_cpu() { awk -v t="$TICK" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($14 + $15) / t }' "/proc/$POSTMASTER/stat"; }
run() { # tool rep → appends "wall cpu server-cpu" to $WORK/tool.times
  local tool=$1 rep=$2 t0 t1 rc s0 s1
  s0=$(server_cpu)
  local out=$WORK/$tool.$rep.sql err=$WORK/$tool.$rep.err
  t0=$(date +%s.%N)
  case $tool in
    gatehouse) /usr/bin/time -o "$WORK/$tool.$rep.cpu" -f "%U %S" node "$ROOT/bin/gatehouse.js" diff --from "$A" --to "$B" >"$out" 2>"$err" </dev/null ;;
    pg-delta) /usr/bin/time -o "$WORK/$tool.$rep.cpu" -f "%U %S" "$PGDELTA" diff --source "$A" --desired "$B" >"$out" 2>"$err" </dev/null ;;
  esac
  rc=$?
  t1=$(date +%s.%N)
  sleep 0.2 # the backends' exit is reaped just after the client's
  s1=$(server_cpu)
  if [ $rc -ne 0 ]; then
    echo "$tool run $rep failed (exit $rc): $err"
    exit 1
  fi
  awk -v a="$t0" -v b="$t1" -v f="$WORK/$tool.$rep.cpu" -v s="$(awk -v a="$s0" -v b="$s1" 'BEGIN { print b - a }')" \
    'BEGIN { getline c < f; split(c, x, " "); printf "%.2f %.2f %.2f\n", b - a, x[1] + x[2], s }' >>"$WORK/$tool.times"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for rep in $(seq 1 "$REPS"); do
  if [ $((rep % 2)) -eq 1 ]; then run gatehouse "$rep"; run pg-delta "$rep"; else run pg-delta "$rep"; run gatehouse "$rep"; fi
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
for tool in gatehouse pg-delta; do
  wall=$(cut -d' ' -f1 "$WORK/$tool.times" | median)
  cpu=$(cut -d' ' -f2 "$WORK/$tool.times" | median)
  server=$(cut -d' ' -f3 "$WORK/$tool.times" | median)
  eval "${tool//-/_}_wall=$wall"
  echo "$tool: wall $(cut -d' ' -f1 "$WORK/$tool.times" | tr '\n' ' ')median=${wall}s; cpu $(cut -d' ' -f2 "$WORK/$tool.times" | tr '\n' ' ')median=${cpu}s; server cpu median=${server}s ($(wc -l <"$WORK/$tool.1.sql") lines of SQL)"
done
awk -v g="$gatehouse_wall" -v p="$pg_delta_wall" 'BEGIN { printf "gatehouse / pg-delta (median wall): %.2fx\n", g / p }'
echo "logs: $WORK"
