#!/usr/bin/env bash
# The body of the GitHub Action (action.yml): lints the given paths, or the
# Markdown files a pull request changes, prints the findings as workflow
# commands (annotations), appends a Markdown summary to the job's page, sets
# the step's outputs and fails as the `fail-on` input says.
#
# Inputs come as INPUT_PATHS, INPUT_ARGS, INPUT_ONLINE and INPUT_FAIL_ON; the
# runner sets GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_BASE_REF and the
# rest. PAPERLINT names the binary (default: `paperlint` on PATH).
#
# Exit status: 0 passed, 1 findings at or above `fail-on`, 2 paperlint could
# not lint (a missing file, a bad argument) or a bad input.
set -uo pipefail

paperlint="${PAPERLINT:-paperlint}"
fail_on="${INPUT_FAIL_ON:-warning}"

case "$fail_on" in
    error | warning | never) ;;
    *)
        echo "::error title=paperlint::fail-on must be error, warning or never, not '$fail_on'"
        exit 2
        ;;
esac

# The Markdown files the pull request adds or changes, NUL-separated.
# Fails when this is no pull request or its base cannot be found.
changed_markdown() {
    [[ -n "${GITHUB_BASE_REF:-}" ]] || return 1
    local base="refs/remotes/origin/$GITHUB_BASE_REF"
    if ! git rev-parse --verify --quiet "$base^{commit}" > /dev/null; then
        git fetch --quiet --no-tags --depth=1 origin "+refs/heads/$GITHUB_BASE_REF:$base" || return 1
    fi
    local range="$base...HEAD"
    # A shallow checkout may lack the merge base: compare the trees then.
    git merge-base "$base" HEAD > /dev/null 2>&1 || range="$base"
    git diff --name-only -z --diff-filter=d "$range" -- ':(icase)*.md' ':(icase)*.markdown'
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

paths=()
if [[ -n "${INPUT_PATHS:-}" ]]; then
    read -r -d '' -a paths <<< "$INPUT_PATHS"
elif [[ -n "${GITHUB_BASE_REF:-}" ]]; then
    if changed_markdown > "$work/changed"; then
        mapfile -d '' -t paths < "$work/changed"
        if ((${#paths[@]} == 0)); then
            echo "paperlint: this pull request changes no Markdown file"
            if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
                printf '## paperlint\n\nThis pull request changes no Markdown file.\n' \
                    >> "$GITHUB_STEP_SUMMARY"
            fi
            exit 0
        fi
    else
        echo "::notice title=paperlint::cannot find the pull request's base; linting everything"
        paths=(.)
    fi
else
    paths=(.)
fi

args=()
read -r -a args <<< "${INPUT_ARGS:-}"
if [[ "${INPUT_ONLINE:-false}" == true ]]; then
    args+=(--online)
fi
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    args+=(--summary-file "$GITHUB_STEP_SUMMARY")
    if [[ -n "${GITHUB_SERVER_URL:-}" && -n "${GITHUB_REPOSITORY:-}" && -n "${GITHUB_SHA:-}" ]]; then
        args+=(--link-base "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA")
    fi
fi

annotations="$work/annotations"
"$paperlint" lint --format github "${args[@]}" -- "${paths[@]}" > "$annotations"
status=$?
cat "$annotations"

# One annotation per line: the format escapes line breaks inside messages.
count() {
    grep -c "^::$1 " "$annotations" || true
}
errors="$(count error)"
warnings="$(count warning)"
notices="$(count notice)"
if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf 'errors=%s\nwarnings=%s\nnotices=%s\n' "$errors" "$warnings" "$notices" >> "$GITHUB_OUTPUT"
fi

if ((status >= 2)); then
    echo "::error title=paperlint::paperlint could not lint (exit status $status); see the log above"
    exit "$status"
fi
case "$fail_on" in
    error) ((errors == 0)) || exit 1 ;;
    warning) ((errors + warnings == 0)) || exit 1 ;;
    never) ;;
esac
exit 0
