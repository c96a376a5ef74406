#!/usr/bin/env bash
# Benchmark (not a test): a fresh install of 3 ZooKeeper + 3 brokers (Kafka 2.1.1) on a fresh lab,
# once by `orchestrator provision` and once by `ansible-playbook playbooks/provision.yml` over the
# same templates, then a no-change re-run of each. Prints wall times for the README.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
INV="${1:-$ROOT/orchestrator/src/test/resources/provision-lab/hosts.yml}"
LAB=plab SUBNET=10.213.78.0/24
ORCH="$ROOT/bin/orchestrator"
DIST="$("$ORCH" dist --kafka 2.1.1 --zookeeper 3.8.4 | head -1 | awk '{print $1}' | xargs dirname)"
now() { date +%s.%N; }
fresh_lab() { "$ORCH" lab down --name $LAB >/dev/null 2>&1 || true; "$ORCH" lab up "$INV" --name $LAB --subnet $SUBNET >/dev/null; }
secs() { echo "$2 - $1" | bc; }

fresh_lab
t0=$(now); "$ORCH" provision "$INV" --artifacts "$DIST" > /tmp/bench-orchestrator.log; t1=$(now)
"$ORCH" provision "$INV" --artifacts "$DIST" > /tmp/bench-orchestrator-rerun.log; t2=$(now)
echo "orchestrator: fresh $(secs $t0 $t1) s, no-change re-run $(secs $t1 $t2) s"

fresh_lab
"$ORCH" plan "$INV" --output ansible-vars > /tmp/bench-nodes.json
export ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_NOCOLOR=1 ANSIBLE_FORKS=10
t0=$(now); ansible-playbook -i "$INV" "$ROOT/playbooks/provision.yml" -e @/tmp/bench-nodes.json -e artifact_dir="$DIST" > /tmp/bench-ansible.log; t1=$(now)
ansible-playbook -i "$INV" "$ROOT/playbooks/provision.yml" -e @/tmp/bench-nodes.json -e artifact_dir="$DIST" > /tmp/bench-ansible-rerun.log; t2=$(now)
echo "ansible-playbook: fresh $(secs $t0 $t1) s, no-change re-run $(secs $t1 $t2) s"
grep -E "ok=|failed=" /tmp/bench-ansible.log | tail -6
"$ORCH" lab down --name $LAB >/dev/null
