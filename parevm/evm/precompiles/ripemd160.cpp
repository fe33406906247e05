// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x03 RIPEMD160 (YP appendix E).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/hashes.hpp>

namespace parevm::precompile {

Result ripemd160(bytes_view input, int64_t gas) noexcept {
    const int64_t cost = word_priced_gas(600, 120, input.size());
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - cost;
    result.output.assign(12, 0);  // the 20-byte digest is returned as a left-padded word
    result.output.append(parevm::ripemd160(input).view());
    return result;
}

}  // namespace parevm::precompile
