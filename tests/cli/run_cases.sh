#!/bin/sh
# Run command-line cases and compare stdout, stderr and exit codes.
# usage: run_cases.sh TQE CASES_FILE
# A cases file has lines "name<TAB>args" (optionally "... < FILE" for standard
# input) or, with an exit code column, "name<TAB>code<TAB>args". Expected
# output: expected/NAME.out (stdout, @VERSION@ = tqe's version; required
# unless the case fails with code 2 or more, whose stdout must then be
# empty) and, when it exists, expected/NAME.err (stderr). Commands run in
# tests/cli/data.
set -u
tqe=$1
cases=$2
here=$(cd "$(dirname "$0")" && pwd)
case "$tqe" in /*) ;; *) tqe=$(pwd)/$tqe ;; esac
version="tqe-$("$tqe" --version | sed 's/^tqe //')"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
tab=$(printf '\t')
while IFS="$tab" read -r name f2 f3; do
    case "$name" in ''|'#'*) continue ;; esac
    if [ -n "${f3:-}" ]; then code=$f2 args=$f3; else code=0 args=$f2; fi
    input=/dev/null
    case "$args" in *"< "*) input=${args##*< }; args=${args%< *} ;; esac
    n=$((n + 1))
    # shellcheck disable=SC2086
    (cd "$here/data" && "$tqe" $args < "$input" > "$tmp/out" 2> "$tmp/err")
    got=$?
    ok=1
    if [ "$got" -ne "$code" ]; then
        echo "FAIL $name: exit code $got, expected $code: $(head -c 300 "$tmp/err")"; ok=0
    fi
    if [ -f "$here/expected/$name.out" ]; then
        sed "s/@VERSION@/$version/g" "$here/expected/$name.out" > "$tmp/want"
        if ! cmp -s "$tmp/want" "$tmp/out"; then
            echo "FAIL $name: stdout differs:"; diff "$tmp/want" "$tmp/out" | head -20; ok=0
        fi
    elif [ "$code" -le 1 ]; then
        # a case that succeeds must say what it prints: a missing (renamed,
        # deleted) expected file would otherwise check nothing
        echo "FAIL $name: expected/$name.out is missing"; ok=0
    elif [ -s "$tmp/out" ]; then
        echo "FAIL $name: an error case printed to stdout: $(head -c 200 "$tmp/out")"; ok=0
    fi
    if [ -f "$here/expected/$name.err" ] && ! cmp -s "$here/expected/$name.err" "$tmp/err"; then
        echo "FAIL $name: stderr differs:"; diff "$here/expected/$name.err" "$tmp/err" | head -10; ok=0
    fi
    [ $ok -eq 1 ] || fail=$((fail + 1))
done < "$cases"
echo "$cases: $((n - fail)) of $n cases pass"
[ "$fail" -eq 0 ]
