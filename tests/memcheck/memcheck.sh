#!/bin/sh
# The suite under valgrind memcheck: every unit test, every fuzz replay over
# its committed corpus, and the command-line cases (score, its errors, check,
# compare) with tqe run through valgrind. Any memory error or leak fails
# (definite, indirect or possible; ICU's process-wide caches are suppressed,
# see valgrind.supp). Skips (77) without valgrind.
# usage: memcheck.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
command -v valgrind > /dev/null 2>&1 || { echo "memcheck: valgrind not installed, skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
    --errors-for-leak-kinds=definite,indirect,possible --suppressions=$src/tests/memcheck/valgrind.supp"
fail=0 n=0

# run NAME COMMAND...: COMMAND under valgrind must exit 0 with an empty log.
run() {
    name=$1; shift
    n=$((n + 1))
    # shellcheck disable=SC2086
    $vg --log-file="$tmp/$name.vg" "$@" > "$tmp/$name.out" 2>&1
    rc=$?
    if [ $rc -ne 0 ] || [ -s "$tmp/$name.vg" ]; then
        echo "FAIL $name (exit $rc):"; head -40 "$tmp/$name.vg"; tail -5 "$tmp/$name.out"
        fail=$((fail + 1))
    fi
}

for t in "$build"/tests/test_*; do
    [ -x "$t" ] && run "$(basename "$t")" "$t"
done
for t in "$build"/tests/fuzz_*_replay; do
    [ -x "$t" ] || continue
    name=$(basename "$t" _replay)
    run "$name" "$t" "$src/tests/fuzz/corpus/${name#fuzz_}"
done

# tqe through valgrind: each call logs to its own file (%p); the cases'
# expected outputs and exit codes still apply.
cat > "$tmp/tqe" << WRAP
#!/bin/sh
exec $(echo $vg | tr '\n' ' ') --log-file=$tmp/tqe.%p.vg "$build/tools/tqe" "\$@"
WRAP
chmod +x "$tmp/tqe"
for c in score score_errors check compare; do
    n=$((n + 1))
    sh "$src/tests/cli/run_cases.sh" "$tmp/tqe" "$src/tests/cli/$c.cases" > "$tmp/cases.out" 2>&1 ||
        { echo "FAIL cli $c under valgrind:"; tail -20 "$tmp/cases.out"; fail=$((fail + 1)); }
done
for f in "$tmp"/tqe.*.vg; do
    [ -s "$f" ] || continue
    echo "FAIL tqe under valgrind:"; head -40 "$f"
    fail=$((fail + 1))
done
echo "memcheck: $((n - fail))/$n passed"
[ $fail -eq 0 ]
