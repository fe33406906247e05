// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x100 P256VERIFY (EIP-7951).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/p256.hpp>

namespace parevm::precompile {

Result p256verify(bytes_view input, int64_t gas) noexcept {
    constexpr int64_t cost = 6900;  // EIP-7951 (twice RIP-7212's 3450)
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - cost;

    // EIP-7951: any malformed input or invalid signature is a success with empty output.
    if (input.size() != 160) return result;
    const Hash256 hash{input.substr(0, 32)};
    const uint256 r = be_load(input.substr(32, 32));
    const uint256 s = be_load(input.substr(64, 32));
    const uint256 qx = be_load(input.substr(96, 32));
    const uint256 qy = be_load(input.substr(128, 32));
    if (!p256_verify(hash, r, s, qx, qy)) return result;
    result.output.assign(32, 0);
    result.output[31] = 1;
    return result;
}

}  // namespace parevm::precompile
