#!/usr/bin/env bash
# The README's main job. Until the lab lands it shows the inventory commands on the sample inventory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
dotnet build src/Orchestrator.Cli -c Release -nologo -clp:ErrorsOnly >/dev/null
orch=src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
inv=inventories/sample/hosts.yml
echo "== orchestrator inventory -i $inv --graph --vars"
"$orch" inventory -i "$inv" --graph --vars
echo "== orchestrator inventory -i $inv --list-hosts 'freeswitch:!canary'"
"$orch" inventory -i "$inv" --list-hosts 'freeswitch:!canary'
