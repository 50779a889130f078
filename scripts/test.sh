#!/usr/bin/env bash
# Installs what is missing, then runs every check and every test layer:
#   fmt, clippy (native and wasm32), native `cargo test` (the pure core),
#   wasm-bindgen-test in headless Chromium (components and storage),
#   end-to-end tests that serve the release build under a sub-path and drive Chromium
#   through WebDriver.
# Each layer prints how many tests it ran; a layer that fails, or runs no test, fails the
# whole command. The last line is the total: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
# A clean build gains nothing from incremental state; it only costs disk (CI is a clean clone).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
ensure_build_tools
ensure_browser

logs=$(mktemp -d)
summary=()
total_passed=0
total_failed=0

# Sums the "test result:" lines of cargo's and wasm-bindgen-test-runner's output.
count() {
  awk '/^test result:/ { for (i = 2; i <= NF; i++) {
         if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
       END { print p + 0, f + 0 }' "$1"
}

check() {
  local name=$1; shift
  say "check: $name"
  "$@"
  summary+=("$name: clean")
}

layer() {
  local name=$1; shift
  say "layer: $name"
  local status=0
  "$@" 2>&1 | tee "$logs/$name.log" || status=$?
  local passed failed
  read -r passed failed < <(count "$logs/$name.log")
  summary+=("$name: $passed passed, $failed failed")
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ]; then
    printf '%s\n' "${summary[@]}"
    echo "layer '$name' failed (exit $status)"
    echo "$total_passed passed, $((total_failed > 0 ? total_failed : 1)) failed"
    exit 1
  fi
  if [ "$passed" -eq 0 ]; then
    printf '%s\n' "${summary[@]}"
    echo "layer '$name' ran no test: that counts as a failure"
    echo "$total_passed passed, 1 failed"
    exit 1
  fi
}

check fmt cargo fmt --all -- --check
check clippy cargo clippy --all-targets --features e2e -- -D warnings
# In wasm32, only the app and the browser tests are built; the rest are native-only.
check clippy-wasm32 cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser -- -D warnings

layer native cargo test
layer browser cargo test --target wasm32-unknown-unknown --test browser

say "building the release bundle (trunk build --release)"
trunk build --release
layer e2e env E2E_DIST="$PWD/dist" cargo test --features e2e --test e2e -- --test-threads=1

say "summary"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
