#!/usr/bin/env bash
# A hostile managed host floods stdout: `orchestrator exec` of `yes | head -c BYTES` on a 1-host lab. Wall time, the
# controller's peak RSS and the bytes printed, for this checkout and (with OLD_REPO=DIR) an older build, in one run.
# Usage (root): [OLD_REPO=DIR] bench/compare/flood.sh [BYTES]     default: 200000000
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bytes=${1:-200000000}
new=$root/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
[[ $(id -u) -eq 0 ]] || { echo "flood.sh: needs root (the lab)" >&2; exit 1; }
work=$(mktemp -d /tmp/flood.XXXXXX)
lab=$work/lab
trap '"$new" lab down --dir "$lab" >/dev/null 2>&1; rm -rf "$work"' EXIT
"$new" lab up --hosts 1 --name flood --dir "$lab" >/dev/null || exit 1
echo "# flood $bytes bytes, $(date -Is), load $(cut -d' ' -f1-3 /proc/loadavg)"
builds=(new)
[[ -n "${OLD_REPO:-}" ]] && builds+=(old)
for who in "${builds[@]}"; do
    cli=$new
    [[ $who == old ]] && cli=$OLD_REPO/src/Orchestrator.Cli/bin/Release/net10.0/orchestrator
    /usr/bin/time -f '%e %M' -o "$work/t" "$cli" exec -i "$lab/inventory.yml" -- "yes | head -c $bytes" > "$work/out" 2>&1
    read -r wall rss < <(tail -1 "$work/t")
    echo "$who wall_s=$wall controller_max_rss_mib=$((rss / 1024)) printed_bytes=$(wc -c < "$work/out") marker=$(grep -c 'bytes truncated by orchestrator' "$work/out")"
done
