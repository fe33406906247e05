// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x01 ECRECOVER (YP appendix E).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/secp256k1.hpp>

#include <algorithm>
#include <cstring>

namespace parevm::precompile {

Result ecrecover(bytes_view input, int64_t gas) noexcept {
    constexpr int64_t cost = 3000;
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - cost;

    // Input is read as if zero-padded to 128 bytes; extra bytes are ignored.
    uint8_t padded[128] = {};
    if (!input.empty()) std::memcpy(padded, input.data(), std::min(input.size(), sizeof(padded)));
    const Hash256 msg_hash{bytes_view{padded, 32}};
    const uint256 v = be_load(bytes_view{padded + 32, 32});
    const uint256 r = be_load(bytes_view{padded + 64, 32});
    const uint256 s = be_load(bytes_view{padded + 96, 32});

    // v is the whole 32-byte word: 27 with a non-zero high byte is invalid. An invalid
    // signature is not a failure: the call succeeds and returns nothing.
    if (v != 27 && v != 28) return result;
    const auto signer = parevm::ecrecover(msg_hash, r, s, static_cast<uint8_t>(v.low64() - 27));
    if (!signer) return result;
    result.output.assign(12, 0);
    result.output.append(signer->view());
    return result;
}

}  // namespace parevm::precompile
