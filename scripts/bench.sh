#!/usr/bin/env bash
# Benchmark (not a test): a few hundred links over local mock hosts with
# added latency; runs paperlint and, when installed, lychee on the same
# links with the same per-host concurrency. Reports wall time, requests
# sent and how each link was classified. Nothing leaves 127.0.0.1.
# Usage: scripts/bench.sh [ROWS=300] [LATENCY_MS=50] [PER_HOST=4]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rows=${1:-300}; latency=${2:-50}; per_host=${3:-4}; hosts=5
bin=${PAPERLINT:-$here/../target/debug/paperlint}
work=$(mktemp -d)
# Every arXiv id of the list is known to the mock API.
python3 -c "import json,sys; n=int(sys.argv[1])//2+1; json.dump({'arxiv': {'2301.%05d' % j: ['Paper %d' % j, '2023-01-05'] for j in range(n)}, 'github': {}}, open(sys.argv[2], 'w'))" "$rows" "$work/config.json"
python3 "$here/mock_hosts.py" "$work/config.json" "$work/ports.json" --latency "$latency" --hosts $hosts &
mock=$!
trap 'kill "$mock" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/ports.json" ] && break; sleep 0.1; done

# Rows: each link appears in two rows (de-duplication), a tenth of the
# page links dead, blocked, rate-limited or moved; every row also has an
# arXiv link and a GitHub repository, which paperlint asks the APIs about
# (arXiv in batches) and lychee fetches as pages.
python3 - "$rows" "$hosts" > "$work/list.md" <<'PY'
import sys
rows, hosts = int(sys.argv[1]), int(sys.argv[2])
kinds = ["ok"] * 6 + ["dead", "blocked", "limited", "moved"]
print("| Model | Paper | Project | arXiv | Code |\n|---|---|---|---|---|")
for i in range(rows):
    j = i // 2
    kind = kinds[j % len(kinds)]
    path = f"{kind}/paper-{j}" if kind != "ok" else f"paper-{j}"
    print(f"| M{i} | [p](https://host{j % hosts}.test/{path}) | [w](https://host{(j + 1) % hosts}.test/site/{i}) "
          f"| [a](https://arxiv.org/abs/2301.{j:05d}) | [c](https://github.com/org{j % hosts}/repo-{j}) |")
PY
remaps=()
for k in $(seq 0 $((hosts - 1))); do
  port=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['hosts'][$k])")
  remaps+=(--remap "^https://host$k\\.test/(.*) http://127.0.0.1:$port/\$1")
done
api=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['api'])")
first=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['hosts'][0])")
# arXiv and GitHub pages go to a mock host too, for any check that fetches them.
remaps+=(--remap "^https://(arxiv\.org|github\.com)/(.*) http://127.0.0.1:$first/\$2")
stats() { curl -s "http://127.0.0.1:$api/__stats" | python3 -c "import json,sys;print(json.load(sys.stdin)['requests'])"; }
links=$(grep -oE 'https://(host|arxiv|github)[^)]*' "$work/list.md" | wc -l)
distinct=$(grep -oE 'https://(host|arxiv|github)[^)]*' "$work/list.md" | sort -u | wc -l)
echo "links: $links ($distinct distinct) over $hosts hosts, latency ${latency} ms, per-host $per_host"

before=$(stats); start=$(date +%s.%N)
"$bin" lint --online --no-cache --max-per-host "$per_host" --max-concurrency $((per_host * hosts)) \
  --retries 1 --max-retry-wait 2 --timeout 10 --arxiv-api "http://127.0.0.1:$api" \
  --github-api "http://127.0.0.1:$api" "${remaps[@]}" --select broken-link,redirected-link,arxiv-id-not-found --format json "$work/list.md" > "$work/paperlint.json" || true
end=$(date +%s.%N); after=$(stats)
printf 'paperlint: %.2f s, %d requests\n' "$(echo "$end - $start" | bc)" $((after - before))
python3 - "$work/paperlint.json" <<'PY'
import json, sys, collections
found = json.load(open(sys.argv[1]))
by = collections.Counter()
for f in found:
    m = f["message"]
    kind = ("broken" if "is broken" in m else "blocked" if "refused automated" in m
            else "rate-limited" if "rate-limited" in m else "moved" if "moved permanently" in m
            else f["rule"])
    by[(kind, f["severity"])] += 1
for (kind, sev), n in sorted(by.items()):
    print(f"  {n:4d} {kind} ({sev})")
PY

if command -v lychee >/dev/null; then
  lremaps=()
  for k in $(seq 0 $((hosts - 1))); do
    port=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['hosts'][$k])")
    lremaps+=(--remap "https://host$k\\.test/(.*) http://127.0.0.1:$port/\$1")
  done
  lremaps+=(--remap "https://(arxiv\\.org|github\\.com)/(.*) http://127.0.0.1:$first/\$2")
  before=$(stats); start=$(date +%s.%N)
  lychee --no-progress --max-concurrency $((per_host * hosts)) --host-concurrency "$per_host" \
    --host-request-interval 0ms --max-retries 1 --timeout 10 \
    "${lremaps[@]}" --format json --output "$work/lychee.json" "$work/list.md" || true
  end=$(date +%s.%N); after=$(stats)
  printf 'lychee: %.2f s, %d requests\n' "$(echo "$end - $start" | bc)" $((after - before))
  python3 -c "import json,sys;d=json.load(open('$work/lychee.json'));print('  ', {k: v for k, v in d.items() if isinstance(v, int)})" || true
else
  echo "lychee: not installed; skipped"
fi
