# Sourced by scripts/serve.sh and scripts/test.sh: installs what is missing, says what it
# installs, and installs nothing when everything is already there.
# Everything comes from the package registries (crates.io, npm, Debian): no prebuilt
# binary is downloaded from anywhere else.

TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than 1.95
BINARYEN_VERSION=132           # npm's binaryen; Debian's 108 corrupts release builds

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# The wasm-bindgen version Cargo.lock pins: the CLI must equal it exactly.
locked_wasm_bindgen() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_build_tools() {
  export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "installing the Rust target wasm32-unknown-unknown (rustup)"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (cargo install, a few minutes)"
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  fi

  local wb
  wb=$(locked_wasm_bindgen)
  if [ -z "$wb" ]; then
    echo "Cargo.lock names no wasm-bindgen version" >&2
    return 1
  fi
  if ! grep -q "wasm_bindgen = \"$wb\"" Trunk.toml; then
    echo "Trunk.toml pins a wasm_bindgen other than Cargo.lock's $wb: update Trunk.toml" >&2
    return 1
  fi
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb" ] ||
     [ "$(wasm-bindgen-test-runner --version 2>/dev/null)" != "wasm-bindgen-test-runner $wb" ]; then
    # Not --locked: with it, a locked dependency of the CLI is missing from the registry.
    say "installing wasm-bindgen-cli $wb (cargo install, a few minutes)"
    cargo install wasm-bindgen-cli --version "$wb" --force
  fi

  # node_modules/ holds wasm-opt (binaryen) and axe-core, both pinned by package-lock.json.
  if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION" ||
     [ ! -f node_modules/axe-core/axe.min.js ]; then
    say "installing npm packages binaryen $BINARYEN_VERSION (wasm-opt) and axe-core into node_modules/"
    npm ci --no-audit --no-fund
  fi
}

ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver (apt-get)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y chromium chromium-driver
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
}

# Only scripts/icons.sh needs it: the rendered icons are committed.
ensure_icon_tool() {
  if ! command -v rsvg-convert >/dev/null; then
    say "installing Debian's librsvg2-bin (rsvg-convert, renders the PNG icons)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y librsvg2-bin
  fi
}
