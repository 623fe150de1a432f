#!/usr/bin/env bash
# Builds the kg libFuzzer targets and runs one (or all, one after the other) for SECONDS each.
#   Fuzz/run.sh TARGET SECONDS      TARGET: sparql | rdf | article | time | eval | all
#   Fuzz/run.sh build               only build
# Extra arguments after SECONDS go to libFuzzer (e.g. -jobs=2, -max_len=16384).
# Builds in Fuzz/.build; the growing corpus lives in Fuzz/.build/corpus/<target> (seeded from
# Fuzz/Corpus/<target>, which stays small and checked in); crashes, timeouts and OOMs go to
# Fuzz/crashes/<target>-*; the full libFuzzer log to Fuzz/.build/logs/<target>.log.
# FUZZ_SKIP_BUILD=1 runs the binaries already built (e.g. while others edit the sources).
# Reproduce a crash:  Fuzz/.build/release/<Binary> Fuzz/crashes/<file>
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

binary() {
    case "$1" in
        sparql) echo FuzzSPARQL ;;
        rdf) echo FuzzRDF ;;
        article) echo FuzzArticle ;;
        time) echo FuzzTime ;;
        eval) echo FuzzEval ;;
        *) echo "unknown target '$1' (sparql, rdf, article, time, eval, all)" >&2; exit 2 ;;
    esac
}

build() {
    ASAN_OPTIONS=detect_leaks=0 swift build -c release --build-path "$here/.build" -j "${FUZZ_BUILD_JOBS:-2}" \
        --sanitize=address -Xswiftc -sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table \
        -Xswiftc -parse-as-library
}

run() {
    local target="$1" seconds="$2"; shift 2
    local bin; bin="$(binary "$target")"
    local corpus="$here/.build/corpus/$target" logs="$here/.build/logs"
    mkdir -p "$corpus" "$logs" "$here/crashes"
    # A dictionary of the target's tokens (the eval target shares SPARQL's), if there is one.
    local dict="$here/Dictionaries/${target/eval/sparql}.dict" dictArg=()
    [ -f "$dict" ] && dictArg=(-dict="$dict")
    echo "== $target ($bin) for ${seconds}s; log: $logs/$target.log"
    local status=0
    # detect_leaks=0: the Swift runtime's lazily allocated metadata caches read as leaks.
    # SWIFT_BACKTRACE=enable=no: the Swift backtracer's memory server trips ASan ("unknown-crash in
    # memserver_read") and hides the real report; libFuzzer + ASan print the stack instead.
    SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}" \
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
    "$here/.build/release/$bin" "$corpus" "$here/Corpus/$target" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -detect_leaks=0 -print_final_stats=1 "${dictArg[@]}" \
        -artifact_prefix="$here/crashes/$target-" "$@" > "$logs/$target.log" 2>&1 || status=$?
    grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)' "$logs/$target.log" | tail -2 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$logs/$target.log" || true
    echo "corpus: $(ls "$corpus" | wc -l) files"
    if [ "$status" -ne 0 ]; then
        echo "!! $target stopped with status $status:"
        grep -E 'ERROR|Fatal error|runtime failure|deadly signal|SUMMARY|Test unit written|#[0-9]+ 0x.* in [^ ]*(RDF|SPARQL|Ingest|Extract|Ontology)' "$logs/$target.log" | head -20
    fi
    return "$status"
}

[ $# -ge 1 ] || { sed -n 2,10p "$0"; exit 2; }
[ "${FUZZ_SKIP_BUILD:-0}" = 1 ] && [ "$1" != build ] || build
[ "$1" = build ] && exit 0
[ $# -ge 2 ] || { echo "usage: $0 TARGET SECONDS" >&2; exit 2; }
target="$1" seconds="$2"; shift 2
if [ "$target" = all ]; then
    failed=0
    for t in sparql rdf article time eval; do run "$t" "$seconds" "$@" || failed=1; done
    exit "$failed"
fi
run "$target" "$seconds" "$@"
