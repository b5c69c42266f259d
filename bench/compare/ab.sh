#!/usr/bin/env bash
# OLD_REPO=DIR bench/compare/ab.sh N RUNS (root): the build in OLD_REPO vs this checkout, interleaved on one collide lab of N hosts:
# the engine bench's 6-task play (run) and one sweep pass with the shipped policy. Wall time and max RSS.
set -uo pipefail
n=${1:-10}; runs=${2:-5}
old=${OLD_REPO:?set OLD_REPO to the checkout built before}/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
root=$(cd "$(dirname "$0")/../.." && pwd)
new=$root/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
work=$(mktemp -d /tmp/ab.XXXXXX)
cp -r $root/bench/engine/templates $root/bench/engine/orchestrator.yml "$work/"
grep -v 'playbook: ../playbooks/' $root/policies/freeswitch-capture.yml > "$work/policy.yml"
lab=$work/lab
$new lab up --hosts "$n" --scenario collide --name "ab$n" --dir "$lab" >/dev/null || exit 1
inv=$lab/inventory.yml
echo "# ab $n hosts, $runs runs, $(date -Is), load $(cut -d' ' -f1-3 /proc/loadavg)"
$new run "$work/orchestrator.yml" -i "$inv" -f 50 -e bench_round=0 >/dev/null
for who in old new; do eval cli=\$$who; $cli sweep -i "$inv" --policy "$work/policy.yml" --become --forks "$n" --db "$work/$who.db" --report "json:$work/$who.json" >/dev/null 2>&1; done
r=1
for i in $(seq 1 "$runs"); do
  for who in old new; do
    eval cli=\$$who
    r=$((r+1))
    /usr/bin/time -f '%e %M' -o "$work/t" "$cli" run "$work/orchestrator.yml" -i "$inv" -f 50 -e "bench_round=$r" > "$work/run.log" 2>&1; rc=$?
    echo "run   $who i=$i rc=$rc wall_s/maxrss_kb=$(tail -1 $work/t) $(grep -cE 'ok=6 +changed=2 ' $work/run.log)/$n hosts ok=6 changed=2"
    /usr/bin/time -f '%e %M' -o "$work/t" "$cli" sweep -i "$inv" --policy "$work/policy.yml" --become --forks "$n" --db "$work/$who.db" --report "json:$work/$who.json" >/dev/null 2>&1; rc=$?
    echo "sweep $who i=$i rc=$rc wall_s/maxrss_kb=$(tail -1 $work/t)"
  done
done
echo "# load after $(cut -d' ' -f1-3 /proc/loadavg)"
$new lab down --dir "$lab" >/dev/null
rm -rf "$work"
