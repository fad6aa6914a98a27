#!/usr/bin/env bash
# paperlint --online on a corpus file with every host on a local mock that
# answers like arXiv and GitHub would: arXiv titles are the rows' own titles
# except three swapped, two repositories renamed, one deleted.
# Usage: scripts/corpus_demo.sh [FILE]   (nothing leaves 127.0.0.1)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
file=${1:-$here/../../shared/corpus/00-language-models.md}
bin=${PAPERLINT:-$here/../target/debug/paperlint}
work=$(mktemp -d)
python3 - "$file" "$work/config.json" <<'PY'
import json, re, sys
rows = [l for l in open(sys.argv[1]) if l.startswith("|")]
arxiv, github = {}, {}
for row in rows[2:]:
    cells = [c.strip() for c in row.strip().strip("|").split("|")]
    m = re.search(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", row)
    if m and len(cells) > 1:
        year = "20" + m.group(1)[:2]
        arxiv[m.group(1)] = [cells[1], f"{year}-{m.group(1)[2:4]}-15"]
    for owner, repo in re.findall(r"github\.com/([\w.-]+)/([\w.-]+?)(?:\.git)?(?=[/)#?])", row):
        key = f"{owner}/{repo}".lower()
        github[key] = {"full_name": f"{owner}/{repo}", "archived": False}
swapped = sorted(arxiv)[5:20:5]
for i in swapped:
    arxiv[i][0] = "An Entirely Different Paper About Something Else"
github["pytorch/fairseq"] = {"full_name": "facebookresearch/fairseq", "archived": False}
github["facebookresearch/llama"] = {"full_name": "meta-llama/llama", "archived": False}
github["alexa/bort"] = 404
json.dump({"arxiv": arxiv, "github": github}, open(sys.argv[2], "w"))
print(f"mock: {len(arxiv)} arXiv ids ({', '.join(swapped)} retitled), {len(github)} repositories",
      file=sys.stderr)
PY
python3 "$here/mock_hosts.py" "$work/config.json" "$work/ports.json" --hosts 1 &
mock=$!
trap 'kill "$mock" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -s "$work/ports.json" ] && break; sleep 0.1; done
api=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['api'])")
host=$(python3 -c "import json;print(json.load(open('$work/ports.json'))['hosts'][0])")
"$bin" -v lint --online --no-cache --arxiv-interval 0 \
  --arxiv-api "http://127.0.0.1:$api" --github-api "http://127.0.0.1:$api" \
  --remap "^https?://([^/]+)/(.*) http://127.0.0.1:$host/\$1/\$2" \
  --select broken-link,redirected-link,paper-link-mismatch,arxiv-id-not-found,year-mismatch,archived-repo,badge-repo-mismatch \
  --format concise "$file" || true
