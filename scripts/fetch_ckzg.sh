#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fetches the pinned npm package c-kzg 4.1.0 (blst + c-kzg-4844 sources and the mainnet KZG trusted
# setup) into a cache outside the source tree, verifying its sha512 integrity. Idempotent: exits
# at once, with no network, when the package is already unpacked. Nothing fetched is committed.
set -euo pipefail

version="4.1.0"
# The registry's published integrity for c-kzg@4.1.0 (sha512, base64).
integrity="sha512-eliOBB2GKoT5Nk4LwN418O8kWfXCwepHj3kd6z0zKrzIdJbry0Y8IDPYzE5Dxw/fs386PGO6zQRqy8LSVtR5tQ=="

deps_dir="${PAREVM_DEPS_DIR:-$HOME/.cache/parevm}"
dest="$deps_dir/c-kzg-$version"
stamp="$dest/.complete"

# Complete means: the stamp written after a verified unpack, and the files the build needs.
if [ -f "$stamp" ] && [ -f "$dest/package/deps/c-kzg/trusted_setup.txt" ] &&
    [ -f "$dest/package/deps/blst/src/server.c" ]; then
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    echo "fetch_ckzg: npm is required (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "fetch_ckzg: downloading c-kzg@$version" >&2
# A private npm cache keeps the user's ~/.npm untouched; --ignore-scripts: nothing runs.
tarball_name="$(cd "$tmp" && npm pack "c-kzg@$version" --silent --ignore-scripts \
    --cache "$tmp/npm-cache" | tail -n 1)"
tarball="$tmp/$tarball_name"
if [ ! -f "$tarball" ]; then
    echo "fetch_ckzg: npm pack did not produce a tarball" >&2
    exit 1
fi

actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | openssl base64 -A)"
if [ "$actual" != "$integrity" ]; then
    echo "fetch_ckzg: INTEGRITY MISMATCH for c-kzg@$version, refusing to use it" >&2
    echo "  expected $integrity" >&2
    echo "  actual   $actual" >&2
    exit 1
fi

# Unpack next to the destination, then swap in atomically so a partial unpack is never seen.
mkdir -p "$deps_dir"
staging="$(mktemp -d "$deps_dir/.c-kzg-$version.XXXXXX")"
tar -xzf "$tarball" -C "$staging"
touch "$staging/.complete"
rm -rf "$dest"
mv "$staging" "$dest"
echo "fetch_ckzg: c-kzg@$version unpacked in $dest" >&2
