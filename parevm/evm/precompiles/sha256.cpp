// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x02 SHA256 (YP appendix E).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/hashes.hpp>

namespace parevm::precompile {

Result sha256(bytes_view input, int64_t gas) noexcept {
    const int64_t cost = word_priced_gas(60, 12, input.size());
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - cost;
    result.output.assign(parevm::sha256(input).view());
    return result;
}

}  // namespace parevm::precompile
