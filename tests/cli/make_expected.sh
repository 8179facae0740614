#!/bin/sh
# Regenerate expected/*.out for score.cases with sacreBLEU 2.5.1 (the oracle).
# Not run by the test suite: sacreBLEU is not a dependency of tqe.
# usage: SACREBLEU="python3 -m sacrebleu" tests/cli/make_expected.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
: "${SACREBLEU:?set SACREBLEU to a command that runs sacreBLEU 2.5.1}"
cd "$here/data"
grep -v '^#' "$here/score.cases" | while IFS="$(printf '\t')" read -r name args; do
    [ -n "$name" ] || continue
    args=${args#score }
    case "$args" in
    *"< "*) input=${args##*< }; args=${args%< *} ;;
    *) input=/dev/null ;;
    esac
    # shellcheck disable=SC2086
    $SACREBLEU $args < "$input" 2>/dev/null |
        sed 's/version:2\.5\.1/version:@VERSION@/g; s/v:2\.5\.1/v:@VERSION@/g; s/"version": "2\.5\.1"/"version": "@VERSION@"/g' \
        > "$here/expected/$name.out"
done
