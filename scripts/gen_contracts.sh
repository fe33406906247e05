#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# parevm: regenerates bench/contracts/artifacts from the Solidity sources (pinned solc-js from
# npm) and the Uniswap V2 build artifacts (@uniswap/v2-core from npm). Needs node and npm; the
# C++ build never does (the artifacts are committed).
#   scripts/gen_contracts.sh          rewrite bench/contracts/artifacts
#   scripts/gen_contracts.sh --check  recompile into a temporary folder and diff (exit 1 on change)
set -euo pipefail

SOLC_VERSION=0.8.28
SOLC_INTEGRITY='sha512-AFCiJ+b4RosyyNhnfdVH4ZR1+TxiL91iluPjw0EJslIu4LXGM9NYqi2z5y8TqochC4tcH9QsHfwWhOIC9jPDKA=='
UNISWAP_VERSION=1.0.1
UNISWAP_INTEGRITY='sha512-MtybtkUPSyysqLY2U210NBDeCHX+ltHt3oADGdjqoThZaFRDKwM6k1Nb3F0A3hk5hwuQvytFWhrWHOEq6nVJ8Q=='

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
contracts="$root/bench/contracts"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/parevm/npm"
check=0
case "${1:-}" in
    --check) check=1 ;;
    "") ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

command -v node >/dev/null || { echo "gen_contracts: node is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "gen_contracts: npm is required" >&2; exit 1; }
mkdir -p "$cache"

# fetch SPEC TARBALL INTEGRITY: npm pack into the cache (once), then check the pinned SRI hash.
fetch() {
    local spec=$1 tarball=$2 integrity=$3
    if [[ ! -f "$cache/$tarball" ]]; then
        (cd "$cache" && npm pack --silent "$spec" >/dev/null)
    fi
    local actual
    actual="sha512-$(openssl dgst -sha512 -binary "$cache/$tarball" | base64 -w0)"
    if [[ "$actual" != "$integrity" ]]; then
        echo "gen_contracts: $tarball integrity mismatch: got $actual, pinned $integrity" >&2
        rm -f "$cache/$tarball"
        exit 1
    fi
}
fetch "solc@$SOLC_VERSION" "solc-$SOLC_VERSION.tgz" "$SOLC_INTEGRITY"
fetch "@uniswap/v2-core@$UNISWAP_VERSION" "uniswap-v2-core-$UNISWAP_VERSION.tgz" "$UNISWAP_INTEGRITY"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/solc" "$work/uniswap"
tar xzf "$cache/solc-$SOLC_VERSION.tgz" -C "$work/solc"
tar xzf "$cache/uniswap-v2-core-$UNISWAP_VERSION.tgz" -C "$work/uniswap"

out="$contracts/artifacts"
[[ $check == 1 ]] && out="$work/artifacts"
node "$contracts/compile.cjs" "$work/solc/package/soljson.js" "$work/uniswap/package/build" \
    "$contracts" "$out"

if [[ $check == 1 ]]; then
    if diff -r "$contracts/artifacts" "$out"; then
        echo "gen_contracts: artifacts are up to date"
    else
        echo "gen_contracts: artifacts differ from the sources; run scripts/gen_contracts.sh" >&2
        exit 1
    fi
fi
