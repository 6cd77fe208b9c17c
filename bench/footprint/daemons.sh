#!/bin/sh
# Resident memory and run times of the eden daemons on the peers workload W(N) (a benchmark, not a
# test): a reconciler (plaintext, on 127.0.0.1) serving W(N) to one agent that applies it into a
# throw-away root every INTERVAL. Prints, 25 s after the agent's first run: both processes' RSS
# and peak RSS (VmRSS / VmHWM), thread counts, the agent's Native Memory Tracking summary, and the
# duration of every run the agent reported (event=run-finished ... ms=).
#   bench/footprint/daemons.sh [N] [INTERVAL]      (default N=1000, INTERVAL=5s)
# Environment: EDEN (launcher, default ./eden), PEERS_GEN (the harness's gen.py), and the
# launcher's own EDEN_AGENT_JAVA_OPTS / EDEN_RECONCILER_JAVA_OPTS / EDEN_JAVA_OPTS.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
n=${1:-1000}
interval=${2:-5s}
eden=${EDEN:-$top/eden}
gen=${PEERS_GEN:-$top/../../shared/bench/peers/gen.py}
work=$(mktemp -d /tmp/eden-daemons.XXXXXX)
pids=
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
python3 "$gen" "$n" "$work/w" --tools eden >/dev/null
repo=$work/w/eden/repo
git -C "$repo" init -q -b main && git -C "$repo" add -A &&
  git -C "$repo" -c user.name=bench -c user.email=bench@localhost commit -q -m "W($n)"
port=$((20000 + $$ % 20000))
"$eden" reconciler --repo "$repo" --data-dir "$work/rec" --listen "127.0.0.1:$port" \
  --http "127.0.0.1:$((port + 1))" --insecure >"$work/reconciler.log" 2>&1 &
rec=$!
pids="$rec"
until grep -q "ready" "$work/reconciler.log"; do
  kill -0 "$rec" 2>/dev/null || { cat "$work/reconciler.log" >&2; exit 1; }
  sleep 0.2
done
EDEN_JAVA_OPTS="${EDEN_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" "$eden" agent \
  --server "127.0.0.1:$port" --name bench --labels role=bench --insecure --data-dir "$work/agent" \
  --root "$work/root" --interval "$interval" >"$work/agent.log" 2>&1 &
agent=$!
pids="$pids $agent"
until grep -q "event=run-finished" "$work/agent.log"; do
  kill -0 "$agent" 2>/dev/null || { cat "$work/agent.log" >&2; exit 1; }
  sleep 0.2
done
sleep 25
mem() { awk '/^(VmRSS|VmHWM|RssAnon|RssFile|Threads):/{printf "%s %s %s  ", $1, $2, $3}' "/proc/$1/status"; echo; }
echo "load: $(uptime | sed 's/.*load average: //')"
echo "reconciler: $(mem "$rec")"
echo "agent:      $(mem "$agent")"
java_bin=$(readlink -f "/proc/$agent/exe")
"$(dirname "$java_bin")/jcmd" "$agent" VM.native_memory summary 2>/dev/null |
  grep -E '^(Total|-)|committed=' | grep -E 'Total|^-' | sed 's/^ *//'
echo "agent's largest mappings (RSS kB, from /proc/PID/smaps):"
awk '/^[0-9a-f]+-[0-9a-f]+ /{name=$6; if (name=="") name="[anon]"} /^Rss:/{rss[name]+=$2} END{for (n in rss) printf "  %8d %s\n", rss[n], n}' "/proc/$agent/smaps" | sort -rn | head -8
echo "agent heap, largest classes:"
"$(dirname "$java_bin")/jcmd" "$agent" GC.class_histogram 2>/dev/null | sed -n '3,14p'
echo "agent heap:"
"$(dirname "$java_bin")/jcmd" "$agent" GC.heap_info 2>/dev/null | sed -n '2,$p' | sed 's/^/  /'
echo "agent JVM flags: $(tr '\0' ' ' <"/proc/$agent/cmdline" | sed 's/ -cp .*//')"
echo "agent runs (ms, as the agent reports them):"
sed -n 's/.*event=run-finished.* changed=\([0-9]*\).* ms=\([0-9]*\).*/  changed=\1 ms=\2/p' "$work/agent.log"
