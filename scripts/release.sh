#!/usr/bin/env bash
# Builds the release archive release/negotiation-planner-<version>.zip (the version is
# Cargo.toml's). Inside, one folder negotiation-planner-<version>/ with
#   dist/                      what a web server hosts (docs/hosting.md)
#   negotiation-planner.html   the whole app in one file, to open from disk
#   LICENSE                    MIT
#   HOSTING.md                 the hosting guide (docs/hosting.md)
# Installs what the build needs if it is missing, like the README's two commands.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/tools.sh
ensure_build_tools

version=$(awk -F'"' '/^version = / { print $2; exit }' Cargo.toml)
name="negotiation-planner-$version"
say "building the release bundle (trunk build --release)"
trunk build --release

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -r dist "$stage/$name/dist"
cp release/negotiation-planner.html LICENSE "$stage/$name/"
cp docs/hosting.md "$stage/$name/HOSTING.md"
rm -f "release/$name.zip"
# Python's zipfile (deflate, entries in a stable order): no zip tool to install.
python3 - "$stage" "$name" "release/$name.zip" <<'PY'
import os, sys, zipfile
stage, name, out = sys.argv[1:]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, dirs, files in os.walk(os.path.join(stage, name)):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            z.write(path, os.path.relpath(path, stage))
PY
say "release/$name.zip: $(du -h "release/$name.zip" | cut -f1)"
