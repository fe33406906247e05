// SPDX-License-Identifier: Apache-2.0
// parevm: SHA-256 and RIPEMD-160 through OpenSSL (precompiles 0x02 and 0x03).
#pragma once

#include <parevm/core/bytes.hpp>

namespace parevm {

/// 20-byte RIPEMD-160 digest.
using Ripemd160Digest = FixedBytes<20>;

/// SHA-256 of `data` (FIPS 180-4): the SHA256 precompile (0x02) and EIP-4844 versioned hashes.
Hash256 sha256(bytes_view data) noexcept;

/// RIPEMD-160 of `data`: the RIPEMD160 precompile (0x03). OpenSSL 3 may keep this digest in its
/// legacy provider; the first call finds a working implementation once for the process.
Ripemd160Digest ripemd160(bytes_view data) noexcept;

}  // namespace parevm
