#!/usr/bin/env bash
# eden against Ansible, Puppet and CFEngine on the peers workload W(N), side by side in one run.
#
#   bench/peers/run.sh N [TOOL ...]      e.g.  bench/peers/run.sh 100
#
# Uses the shared harness (PEERS_HARNESS, default ../shared/bench/peers next to this checkout),
# which times whole processes (JVM start included) and checks every tool's tree byte for byte.
# eden plugs in through `eden apply` (masterless); the launcher is this checkout's ./eden.
# Needs: apt-get install cfengine3 puppet-agent ansible-core time
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
harness=${PEERS_HARNESS:-$top/../shared/bench/peers}
[ -x "$harness/run.sh" ] || { echo "bench/peers: no harness at $harness (set PEERS_HARNESS)" >&2; exit 2; }
"$top/eden" --version >/dev/null          # builds eden first if needed
export EDEN="$top/eden"
export PEERS_WORK=${PEERS_WORK:-/tmp/peers-bench}
exec "$harness/run.sh" "$@"
