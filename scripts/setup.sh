# shellcheck shell=bash
# Installs whatever this project needs that the machine lacks, and nothing else.
# Sourced by scripts/run, scripts/test and scripts/bench. Every step checks first, so a
# second run costs a few seconds. Versions are fixed here, in one place, because the
# ones that work were found the hard way (see docs/toolchain.md).

TRUNK_VERSION=0.21.14
# The WebAssembly splitter (scripts/build-wasm.mjs): the `wasm-split-cli` binary of the crate
# cargo-leptos splits with, built by its `build-binary` feature (docs/toolchain.md).
WASM_SPLIT_VERSION=0.2.4
# Debian 12 package names. chromium + chromium-driver: real browser for every browser
# test (no test tool may download its own). postgresql: a throwaway server for the
# endpoint's tests. brotli: the size budget is measured in brotli bytes. caddy (2.6): the
# HTTPS proxy of the deployment journey (tests/e2e/https-two-endpoints.spec.ts), the same
# package a city installs (docs/deploy.md). systemd: `systemd-analyze verify` checks the units
# in deploy/ (server/tests/deploy_files.rs).
APT_PACKAGES=(build-essential pkg-config curl ca-certificates git nodejs npm chromium chromium-driver postgresql brotli caddy systemd)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    # nodejs/npm may come from elsewhere (a newer Node on PATH is fine).
    case "$p" in
      nodejs) command -v node >/dev/null && continue ;;
      npm) command -v npm >/dev/null && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
    # The package enables a Caddy service that serves Debian's welcome page on port 80; the
    # tests run their own Caddy, so on a machine with systemd that service is switched off.
    if [[ " ${missing[*]} " == *" caddy "* ]] && [ -d /run/systemd/system ]; then
      as_root systemctl disable --now caddy.service >/dev/null 2>&1 || true
    fi
  fi
}

ensure_rust() {
  if ! command -v cargo >/dev/null; then
    echo "Rust is missing: install rustup (https://rustup.rs) with the stable toolchain first." >&2
    exit 1
  fi
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || {
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  }
}

# The wasm-bindgen CLI must be exactly the version in Cargo.lock, or Trunk and the test
# runner refuse the build. Installed without --locked: its own lock pins a crate the
# registry no longer has.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

ensure_cargo_tools() {
  if [ ! -f "$ROOT/Cargo.lock" ]; then (cd "$ROOT" && cargo generate-lockfile); fi
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 7 minutes, once)"
    cargo install "trunk@$TRUNK_VERSION" --locked
  fi
  local wb; wb=$(wasm_bindgen_version)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    say "installing wasm-bindgen-cli $wb (about 2 minutes, once)"
    cargo install "wasm-bindgen-cli@$wb" --force
  fi
  # The binary has no --version: cargo's own list of what it installed says which one it is.
  if ! command -v wasm-split-cli >/dev/null ||
    ! cargo install --list 2>/dev/null | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 2 minutes, once)"
    cargo install "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary --locked --force
  fi
}

ensure_node_modules() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  # A node_modules that is a symlink is shared with another checkout (a git worktree): `npm ci`
  # would empty the folder it points to under that checkout's feet. Use it as it is.
  if [ -L "$ROOT/node_modules" ]; then
    [ -x "$ROOT/node_modules/.bin/wasm-opt" ] || echo "node_modules is a symlink to an incomplete folder: run npm ci where it points" >&2
    return 0
  fi
  if [ ! -f "$stamp" ] || [ "$ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages (binaryen for wasm-opt, Playwright, axe-core)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

setup() {
  ensure_apt
  ensure_rust
  ensure_node_modules
  ensure_cargo_tools
  # Offline builds (Trunk passes --offline to cargo): fetch the crates first.
  (cd "$ROOT" && cargo fetch --locked -q)
}

# Builds the app into dist/ (release, size-tuned) and the endpoint binary.
build_all() {
  say "building the app (trunk, release)"
  (cd "$ROOT" && trunk build --release)
  say "building the endpoint"
  (cd "$ROOT" && cargo build -p lindungi-server --locked)
}
