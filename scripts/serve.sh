#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:8080.
# A first start opens with the sample plan. Ctrl+C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_build_tools
say "building and serving on http://127.0.0.1:8080 (rebuilds on change)"
exec trunk serve --release
