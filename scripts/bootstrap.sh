#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian packages parevm needs to build and test. Idempotent: installs only what is
# missing, and does nothing (no network) when everything is present. Also fetches the pinned c-kzg
# npm package (blst, c-kzg-4844) outside the source tree.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    libgmp-dev libssl-dev libsecp256k1-dev
    nlohmann-json3-dev libcli11-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    zlib1g-dev libjemalloc-dev
    # CI gates (make test-asan/test-tsan/fuzz/format-check/tidy): clang with the libFuzzer and
    # sanitizer runtimes, clang-format and clang-tidy.
    clang libclang-rt-14-dev clang-format clang-tidy
)
# scripts/fetch_ckzg.sh (below) needs npm; take Debian's only when there is none (CI has node 20).
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -ne 0 ]; then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

bash "$(dirname "$0")/fetch_ckzg.sh"  # blst + c-kzg-4844 + trusted setup (pinned, verified)
