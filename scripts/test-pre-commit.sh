#!/usr/bin/env bash
# Runs the pre-commit hook the way a list maintainer would: pre-commit from
# PyPI builds it with `cargo install` from this repository's HEAD, then it
# must fail on a table with a wrong year and pass once the year is right.
#
# Needs python3 with venv, git and cargo, and reaches only PyPI and
# crates.io. PAPERLINT_PRE_COMMIT_TIMEOUT bounds each pre-commit run in
# seconds (default 1500: the first run compiles paperlint in release mode).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
limit="${PAPERLINT_PRE_COMMIT_TIMEOUT:-1500}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() {
    echo "test-pre-commit: $*" >&2
    exit 1
}

python3 -m venv "$work/venv" || fail "python3 cannot make a virtual environment"
timeout 600 "$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check pre-commit \
    || fail "cannot install pre-commit from PyPI"
pre_commit="$work/venv/bin/pre-commit"

# pre-commit's own cache stays in the temporary directory; the cargo build
# directory stays in target/ so that later runs rebuild little.
export PRE_COMMIT_HOME="$work/pre-commit-home"
export CARGO_TARGET_DIR="$root/target/pre-commit"
export GIT_AUTHOR_NAME=paperlint GIT_AUTHOR_EMAIL=paperlint@example.invalid
export GIT_COMMITTER_NAME=paperlint GIT_COMMITTER_EMAIL=paperlint@example.invalid

list="$work/list"
git init --quiet "$list"
cd "$list"
cat > README.md <<'MD'
# Papers

| Model | Paper | Venue | Year |
|---|---|---|---|
| Alpha | [arXiv](https://arxiv.org/abs/2507.01234) | arXiv | 2024 |
MD
git add README.md
git commit --quiet -m "A list with a wrong year"

try_hook() {
    timeout "$limit" "$pre_commit" try-repo "$root" paperlint --all-files --color never
}

started=$SECONDS
if try_hook > "$work/faulty.log" 2>&1; then
    cat "$work/faulty.log"
    fail "the hook passed a table whose year is wrong"
fi
grep -q "year-mismatch" "$work/faulty.log" || {
    cat "$work/faulty.log"
    fail "the hook failed, but not with the year-mismatch finding"
}
echo "faulty table: the hook failed with the finding ($((SECONDS - started))s):"
grep -m 1 -A 3 "year-mismatch" "$work/faulty.log"

sed -i 's/| arXiv | 2024 |/| arXiv | 2025 |/' README.md
git commit --quiet -am "Fix the year"
started=$SECONDS
try_hook > "$work/fixed.log" 2>&1 || {
    cat "$work/fixed.log"
    fail "the hook failed on the fixed table"
}
grep -q "Passed" "$work/fixed.log" || {
    cat "$work/fixed.log"
    fail "the hook did not report Passed"
}
echo "fixed table: the hook passed ($((SECONDS - started))s)"
