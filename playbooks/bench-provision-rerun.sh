#!/usr/bin/env bash
# Benchmark (not a test): the no-change `orchestrator provision` of the 6-host provision lab from the CLI, as an
# operator runs it: a fresh lab, one fresh provision (its first run also makes the provision command's class archive),
# then ROUNDS no-change re-runs with the archive and ROUNDS without (ORCHESTRATOR_NO_CDS=1), alternating.
# Prints every run and the medians; the goal (issue 12) is 3 s. Linux + root; uses the lab name plab.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INV="${1:-$ROOT/orchestrator/src/test/resources/provision-lab/hosts.yml}"
ROUNDS="${ROUNDS:-5}"
LAB=plab SUBNET=10.213.78.0/24
ORCH="$ROOT/bin/orchestrator"
DIST="$("$ORCH" dist --kafka 2.1.1 --zookeeper 3.8.4 | head -1 | awk '{print $1}' | xargs dirname)"
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$ORCH" lab down --name $LAB >/dev/null 2>&1 || true
"$ORCH" lab up "$INV" --name $LAB --subnet $SUBNET >/dev/null
trap '"$ORCH" lab down --name $LAB >/dev/null 2>&1 || true' EXIT
rm -f "$ROOT"/orchestrator/target/orchestrator.provision.jsa
t0=$(now); "$ORCH" provision "$INV" --artifacts "$DIST" > /tmp/bench-rerun-fresh.log; t1=$(now)
echo "fresh provision (and the archive): $(echo "$t1 - $t0" | bc) s"
: > /tmp/bench-rerun-cds; : > /tmp/bench-rerun-nocds
for i in $(seq "$ROUNDS"); do
  t0=$(now); "$ORCH" provision "$INV" --artifacts "$DIST" > /tmp/bench-rerun.log; t1=$(now)
  grep -q "no changes" /tmp/bench-rerun.log || { echo "round $i changed something:"; cat /tmp/bench-rerun.log; exit 1; }
  echo "$t1 - $t0" | bc >> /tmp/bench-rerun-cds
  t0=$(now); ORCHESTRATOR_NO_CDS=1 "$ORCH" provision "$INV" --artifacts "$DIST" > /tmp/bench-rerun.log; t1=$(now)
  echo "$t1 - $t0" | bc >> /tmp/bench-rerun-nocds
  echo "round $i: no-change re-run $(tail -1 /tmp/bench-rerun-cds) s with the archive, $(tail -1 /tmp/bench-rerun-nocds) s without"
done
echo "median of $ROUNDS: $(median < /tmp/bench-rerun-cds) s with the class archive, $(median < /tmp/bench-rerun-nocds) s without (goal 3 s)"
