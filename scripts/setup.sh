#!/usr/bin/env bash
# Prepares a fresh Debian machine to run Convene and its tests: Debian packages (the worker's
# build tools and libraries; Chromium, which the browser suites drive and the server's recorder
# runs; ffmpeg, which encodes HLS, recordings and RTMP; zip, which packs a live stream's
# hls_vod recording, and unzip, which the tests open it with), npm packages, and the
# mediasoup worker compiled against Debian's libraries (cached per version outside the checkout).
#   bash scripts/setup.sh                   everything `npm start` and `npm run verify` need
#   bash scripts/setup.sh --with-test-tools  also PostgreSQL, for CI's second server-suite run
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ make python3 meson ninja-build pkg-config
  libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
  chromium ffmpeg zip unzip)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(postgresql)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "Convene needs these Debian packages: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "==> installing Debian packages: ${missing[*]}"
  apt-get update -q
  # With recommends, as on the machines where the suite was measured (Chromium pulls its fonts).
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# mediasoup's postinstall would download a prebuilt worker (or pip-install meson): neither is
# reachable here. A set MEDIASOUP_WORKER_BIN makes it skip that; the real binary is built below.
if [[ ! -d node_modules/mediasoup || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "==> installing npm packages"
  MEDIASOUP_WORKER_BIN="${MEDIASOUP_WORKER_BIN:-skip-mediasoup-postinstall}" npm ci --no-audit --no-fund
fi

echo "==> mediasoup worker"
bash scripts/build-mediasoup-worker.sh
echo "==> meeting page"
npm run build --silent
echo "==> npm package (packages/convene) and script-tag bundle (dist/sdk)"
npm run build:lib --silent
npm run build:sdk --silent
echo "==> ready"
