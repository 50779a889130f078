#!/usr/bin/env bash
# Measures the speed goals (they are never asserted in tests): the engine and a rehearsal's
# counterpart natively with criterion (including the brute-force oracle for ratios), and in
# headless Chromium in a release build (whole and sliced, and a counterpart's reply), plus
# the end-to-end figures (mount time, saving a 500 KB plan, the cold load on a simulated
# 10 Mbit/s link with and without the precompressed files and the bytes it moves, the
# repeat visit through the service worker online and offline). Prints the figures; nothing
# here fails on a number.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_build_tools
ensure_browser

say "native engine benchmarks (criterion)"
cargo bench --bench analysis
cargo bench --bench rehearsal

say "engine in Chromium (release build of the browser tests)"
cargo test --release --target wasm32-unknown-unknown --test browser measure_ -- --nocapture 2>&1 |
  grep -E "MEASURE|test result"

say "end-to-end figures (release bundle)"
trunk build --release
# --include-ignored: the load measurement (tests/e2e/offline.rs) is left out of the test
# command, being a measurement; the others run there too.
E2E_DIST="$PWD/dist" cargo test --release --features e2e --test e2e measure_ -- --nocapture --test-threads=1 --include-ignored 2>&1 |
  grep -E "MEASURE|mounted|saving a|test result"
for f in dist/*.wasm dist/*.js dist/*.css; do gzip -9c "$f" | wc -c; done |
  awk '{ s += $1 } END { printf "release bundle (wasm + js + css), gzipped: %.1f KB\n", s / 1024 }'
# What hosts that serve the precompressed files send (scripts/dist.mjs writes them).
cat dist/*.wasm.br dist/*.js.br dist/*.css.br | wc -c |
  awk '{ printf "release bundle (wasm + js + css), the .br files: %.1f KB\n", $1 / 1024 }'
