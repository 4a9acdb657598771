#!/usr/bin/env bash
# The main job on one machine: builds once, starts a coordinator and three helpers, then a gamer
# playing a session. Flags go to the gamer (for example: ./start.sh --headless --seconds 10 --json),
# except --nodes N: with N > 1, N coordinator nodes form one Akka.Cluster on this machine and
# journal in a throwaway PostgreSQL (scripts/postgres.sh) instead of SQLite; helpers and the gamer
# get all of them, each helper a different one first.
# Every process started here, PostgreSQL included, is stopped when the gamer exits or on Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")"

nodes=1
gamer_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="${2:-}"; shift 2 || shift ;;
    *) gamer_args+=("$1"); shift ;;
  esac
done
[[ "$nodes" =~ ^[1-9][0-9]*$ ]] || { echo "start.sh: --nodes takes a number of coordinators, 1 or more" >&2; exit 2; }

port="${P2C2R_COORDINATOR_PORT:-8765}"
# HTTP endpoints (health, metrics): any free port unless P2C2R_HTTP_PORT names the first node's
# (node n then takes the next ones), so coordinators started side by side never contend for 8080.
http_port="${P2C2R_HTTP_PORT:-0}"
cluster_port=4053
logs="$(mktemp -d)"
pids=()
postgres=""

stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$postgres" ]; then scripts/postgres.sh stop "$postgres" || true; fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# The coordinators' edge addresses from node $1 (counting from 0) round to the one before it:
# clients dial them in this order, and go on to the next when one is gone.
coordinators_from() {
  local list=() k
  for ((k = 0; k < nodes; k++)); do list+=("127.0.0.1:$((port + ($1 + k) % nodes))"); done
  (IFS=,; echo "${list[*]}")
}

echo "building (Release)..." >&2
dotnet build P2C2R.sln -c Release -v quiet -nologo > "$logs/build.log" 2>&1 || { cat "$logs/build.log" >&2; exit 1; }
out=bin/Release/net10.0

data="${P2C2R_DATA_DIR:-data}"
# The helpers below dial from 127.0.0.2, .3 and .4: with an IPv4 prefix of 32 the coordinator
# counts each as a host of its own, so it can place a task's two replicas on two of them.
replicas='p2c2r.coordinator.replicas.ipv4-prefix = 32'
if [ "$nodes" -eq 1 ]; then
  P2C2R_COORDINATOR_PORT="$port" dotnet "Coordinator/$out/Coordinator.dll" --data-dir "$data" --http-port "$http_port" \
    --config <(echo "$replicas") > "$logs/coordinator.log" 2>&1 &
  pids+=($!)
  started="coordinator on port $port, journal in $data/"
else
  folder="$(mktemp -d)"
  connection="$(scripts/postgres.sh start "$folder")"
  postgres="$folder"
  # Every node is given the same seeds, node 1 first: only the first seed forms the cluster on its
  # own, the others join whichever seed answers (so node 1, restarted, joins back through them).
  seeds="$(for ((n = 0; n < nodes; n++)); do echo "akka.tcp://coordinator@127.0.0.1:$((cluster_port + n))"; done | paste -sd,)"
  for ((n = 0; n < nodes; n++)); do
    dotnet "Coordinator/$out/Coordinator.dll" --port "$((port + n))" --cluster-port "$((cluster_port + n))" --seed-nodes "$seeds" \
      --http-port "$([ "$http_port" -eq 0 ] && echo 0 || echo $((http_port + n)))" --store postgres --postgres "$connection" --config <(echo "$replicas") > "$logs/coordinator-$((n + 1)).log" 2>&1 &
    pids+=($!)
  done
  started="$nodes coordinators on ports $port..$((port + nodes - 1)) (cluster ports $cluster_port..$((cluster_port + nodes - 1))), journal in PostgreSQL ($connection)"
fi
# Each helper has its own key (its account) and its own loopback address, so the coordinator sees
# three volunteers on three hosts, as it would across machines.
for i in 1 2 3; do
  dotnet "PeerNode/$out/PeerNode.dll" --coordinator "$(coordinators_from $(((i - 1) % nodes)))" --name "helper-$i" \
    --identity "$data/identities/helper-$i.key" --local-address "127.0.0.$((i + 1))" \
    --config <(echo 'p2c2r.peer.concurrency = 1') > "$logs/helper-$i.log" 2>&1 &
  pids+=($!)
done

echo "$started, helpers starting (self-test first); logs in $logs" >&2
for _ in $(seq 1 60); do
  [ "$(grep -l 'Accepted by the coordinator' "$logs"/helper-*.log 2>/dev/null | wc -l)" -ge 3 ] && break
  sleep 0.5
done
echo "helpers registered: $(grep -l 'Accepted by the coordinator' "$logs"/helper-*.log 2>/dev/null | wc -l)/3" >&2
grep -ho 'HTTP endpoints on .*' "$logs"/coordinator*.log 2>/dev/null | sed 's/^/coordinator /' >&2 || true

# Seven processes and three sandbox workers share this machine, so the session ticks at 30 Hz
# unless --ticks says otherwise: two cores keep 30 ticks/s near real time, while at 60 the
# game would wait for frames and run slow (docs/BENCHMARKS.md). Helpers on other machines
# sustain 60 (README, "Running across machines").
ticks=(--ticks 30)
for arg in "${gamer_args[@]}"; do [ "$arg" = "--ticks" ] && ticks=(); done

dotnet "GamerClient/$out/GamerClient.dll" play --coordinator "$(coordinators_from 0)" "${ticks[@]}" "${gamer_args[@]}"
