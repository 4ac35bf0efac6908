#!/usr/bin/env bash
# Builds the mediasoup-worker binary for the installed mediasoup version from the package's own
# worker/ sources, linked against Debian's system libraries, and caches it outside the checkout.
#
# Why: mediasoup's postinstall downloads a prebuilt worker, then falls back to pip-installing meson
# and downloading its subprojects; neither works without internet. So `npm install` runs with
# MEDIASOUP_WORKER_BIN set (postinstall skips the build) and this script builds the worker with
# Debian's meson/ninja instead. The server finds the result via server/sfu/worker-binary.ts.
#
# Output: ${CONVENE_CACHE_DIR:-$HOME/.cache/convene}/mediasoup-worker/<version>/mediasoup-worker
# Needs (installed by CI's apt step, never by this script): meson ninja-build pkg-config g++
#   libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mediasoup_dir="$repo_root/node_modules/mediasoup"

die() {
  echo "build-mediasoup-worker: $*" >&2
  exit 1
}

[[ -f "$mediasoup_dir/package.json" ]] ||
  die "mediasoup is not installed in $mediasoup_dir; run: MEDIASOUP_WORKER_BIN=none npm install"

version="$(node -p 'require(process.argv[1]).version' "$mediasoup_dir/package.json")"
[[ -n "$version" ]] || die "could not read the version from $mediasoup_dir/package.json"

cache_dir="${CONVENE_CACHE_DIR:-$HOME/.cache/convene}/mediasoup-worker/$version"
worker_bin="$cache_dir/mediasoup-worker"

# A worker started without MEDIASOUP_VERSION refuses to run and exits with 41 ("you don't seem to
# be my real father!"). Getting that exit code proves the binary is executable and that the
# dynamic loader found every shared library it links (a missing one gives 127).
worker_runs() {
  local status=0
  env -u MEDIASOUP_VERSION "$1" >/dev/null 2>&1 || status=$?
  [[ "$status" -eq 41 ]]
}

if [[ -x "$worker_bin" ]] && worker_runs "$worker_bin"; then
  echo "mediasoup-worker $version is already built: $worker_bin"
  exit 0
fi

# Check the toolchain and system libraries up front, so a missing package is named here instead
# of surfacing as a meson error halfway through.
missing_tools=()
command -v meson >/dev/null || missing_tools+=(meson)
command -v ninja >/dev/null || missing_tools+=(ninja-build)
command -v pkg-config >/dev/null || missing_tools+=(pkg-config)
command -v c++ >/dev/null || missing_tools+=(g++)
if ((${#missing_tools[@]})); then
  die "missing build tools; install them with: sudo apt-get install ${missing_tools[*]}"
fi

missing_libs=()
pkg-config --exists libuv || missing_libs+=(libuv1-dev)
pkg-config --exists openssl || missing_libs+=(libssl-dev)
pkg-config --exists libsrtp2 || missing_libs+=(libsrtp2-dev)
pkg-config --exists usrsctp || missing_libs+=(libusrsctp-dev)
pkg-config --exists nlohmann_json || missing_libs+=(nlohmann-json3-dev)
pkg-config --exists absl_flat_hash_map || missing_libs+=(libabsl-dev)
if ((${#missing_libs[@]})); then
  die "missing system libraries; install them with: sudo apt-get install ${missing_libs[*]}"
fi

build_root="$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-$version.XXXXXX")"
staged=""
trap 'rm -rf "$build_root" ${staged:+"$staged"}' EXIT

echo "Building mediasoup-worker $version in $build_root (takes a few minutes)"
started=$SECONDS

# Work on a copy: node_modules stays exactly as npm installed it.
src="$build_root/worker"
cp -R "$mediasoup_dir/worker" "$src"

# Debian bookworm ships meson 1.0.1; the worker asks for >= 1.1.0 but uses nothing from 1.1.
sed -i -E "s/meson_version: '>= [0-9.]+'/meson_version: '>= 1.0.0'/" "$src/meson.build"

# Replace every download-only subproject (.wrap) with a local folder that wraps the system
# library. The folder names are the subproject names the worker's meson.build asks for, and each
# one defines exactly the variables the worker reads with get_variable(). The worker links the
# executable through the *_dep variables; the link_whole libraries (libuv, libcrypto_lib, ...)
# only feed the unbuilt libmediasoup-worker target, so placeholder static libraries satisfy them
# (built from a trivial source: meson deprecates libraries without sources).
rm -f "$src"/subprojects/*.wrap
sub="$src/subprojects"
mkdir -p "$sub"/{libuv,openssl,libsrtp2,usrsctp,nlohmann_json,abseil-cpp,catch2}
for dir in libuv openssl libsrtp2 usrsctp abseil-cpp; do
  echo 'int convene_system_library_placeholder;' >"$sub/$dir/placeholder.c"
done

cat >"$sub/libuv/meson.build" <<'EOF'
project('libuv', 'c')
libuv_dep = dependency('libuv')
libuv = static_library('uv-system-placeholder', 'placeholder.c')
EOF
# The worker sets these options on the subproject, so they must exist.
cat >"$sub/libuv/meson_options.txt" <<'EOF'
option('build_tests', type: 'boolean', value: false)
option('build_benchmarks', type: 'boolean', value: false)
EOF

cat >"$sub/openssl/meson.build" <<'EOF'
project('openssl', 'c')
openssl_dep = dependency('openssl')
libcrypto_dep = openssl_dep
libssl_dep = openssl_dep
libcrypto_lib = static_library('crypto-system-placeholder', 'placeholder.c')
libssl_lib = static_library('ssl-system-placeholder', 'placeholder.c')
EOF

# Debian installs the libsrtp2 headers in /usr/include/srtp2 and its .pc file does not add that
# directory, while the worker includes <srtp.h>. Debian's libsrtp2 uses NSS rather than OpenSSL
# for its ciphers, so the crypto-library option below is accepted and ignored; the worker only
# calls libsrtp2's own API, and AES-GCM SRTP was checked to work with it.
cat >"$sub/libsrtp2/meson.build" <<'EOF'
project('libsrtp2', 'c')
libsrtp2_dep = declare_dependency(
  dependencies: dependency('libsrtp2'),
  include_directories: include_directories('/usr/include/srtp2'),
)
libsrtp2 = static_library('srtp2-system-placeholder', 'placeholder.c')
EOF
cat >"$sub/libsrtp2/meson_options.txt" <<'EOF'
option('crypto-library', type: 'combo', choices: ['none', 'openssl', 'nss', 'mbedtls'], value: 'openssl')
option('crypto-library-kdf', type: 'feature', value: 'disabled')
option('tests', type: 'feature', value: 'disabled')
EOF

cat >"$sub/usrsctp/meson.build" <<'EOF'
project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('usrsctp-system-placeholder', 'placeholder.c')
EOF
cat >"$sub/usrsctp/meson_options.txt" <<'EOF'
option('sctp_build_programs', type: 'boolean', value: false)
EOF

cat >"$sub/nlohmann_json/meson.build" <<'EOF'
project('nlohmann_json', 'cpp')
nlohmann_json_dep = dependency('nlohmann_json')
EOF

cat >"$sub/abseil-cpp/meson.build" <<'EOF'
project('abseil-cpp', 'c', 'cpp')
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'),
  dependency('absl_flat_hash_set'),
  dependency('absl_btree'),
  dependency('absl_node_hash_map'),
])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [
  dependency('absl_optional'),
  dependency('absl_variant'),
])
absl_container_lib = static_library('absl-container-system-placeholder', 'placeholder.c')
EOF

# Only the worker's test executables use Catch2, and we never build them; the variable must
# still exist because meson evaluates every target definition.
cat >"$sub/catch2/meson.build" <<'EOF'
project('catch2', 'cpp')
catch2_dep = declare_dependency()
EOF

# Same build type and flags as mediasoup's own Makefile uses for its Release worker.
# --wrap-mode=nodownload: fail loudly instead of trying the internet if a wrapper is missed.
meson setup "$build_root/build" "$src" \
  --buildtype release -Db_ndebug=true --wrap-mode=nodownload
ninja -C "$build_root/build" mediasoup-worker

built="$build_root/build/mediasoup-worker"
worker_runs "$built" || die "the freshly built $built does not start"

# Install atomically: copy next to the target first (same filesystem), then rename over it, so a
# server starting meanwhile sees either no binary or a complete one.
mkdir -p "$cache_dir"
staged="$(mktemp "$cache_dir/.mediasoup-worker.XXXXXX")"
cp "$built" "$staged"
chmod 755 "$staged"
mv -f "$staged" "$worker_bin"

echo "Built mediasoup-worker $version in $((SECONDS - started))s: $worker_bin"
