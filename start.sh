#!/usr/bin/env bash
# The main job on one machine: builds once, starts a coordinator and three helpers, then a gamer
# playing a session. Flags go to the gamer (for example: ./start.sh --headless --seconds 10 --json).
# Every process started here is stopped when the gamer exits or on Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

port="${P2C2R_COORDINATOR_PORT:-8765}"
logs="$(mktemp -d)"
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

echo "building (Release)..." >&2
dotnet build P2C2R.sln -c Release -v quiet -nologo > "$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; exit 1; }
out=bin/Release/net10.0

data="${P2C2R_DATA_DIR:-data}"
# The helpers below dial from 127.0.0.2, .3 and .4: with an IPv4 prefix of 32 the coordinator
# counts each as a host of its own, so it can place a task's two replicas on two of them.
P2C2R_COORDINATOR_PORT="$port" dotnet "Coordinator/$out/Coordinator.dll" --data-dir "$data" \
  --config <(echo 'p2c2r.coordinator.replicas.ipv4-prefix = 32') > "$logs/coordinator.log" 2>&1 &
pids+=($!)
# Each helper has its own key (its account) and its own loopback address, so the coordinator sees
# three volunteers on three hosts, as it would across machines.
for i in 1 2 3; do
  dotnet "PeerNode/$out/PeerNode.dll" --coordinator "127.0.0.1:$port" --name "helper-$i" \
    --identity "$data/identities/helper-$i.key" --local-address "127.0.0.$((i + 1))" \
    --config <(echo 'p2c2r.peer.concurrency = 1') > "$logs/helper-$i.log" 2>&1 &
  pids+=($!)
done

echo "coordinator on port $port, journal in $data/, helpers starting (self-test first); logs in $logs" >&2
for _ in $(seq 1 60); do
  [ "$(grep -l 'Accepted by the coordinator' "$logs"/helper-*.log 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.5
done
echo "helpers registered: $(grep -l 'Accepted by the coordinator' "$logs"/helper-*.log 2>/dev/null | wc -l)/3" >&2

# Seven processes and three sandbox workers share this machine, so the session ticks at 30 Hz
# unless --ticks says otherwise: two cores keep 30 ticks/s near real time, while at 60 the
# game would wait for frames and run slow (docs/BENCHMARKS.md). Helpers on other machines
# sustain 60 (README, "Running across machines").
ticks=(--ticks 30)
for arg in "$@"; do [ "$arg" = "--ticks" ] && ticks=(); done

dotnet "GamerClient/$out/GamerClient.dll" play --coordinator "127.0.0.1:$port" "${ticks[@]}" "$@"
