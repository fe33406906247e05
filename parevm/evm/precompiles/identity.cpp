// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x04 IDENTITY (YP appendix E).
#include <parevm/evm/precompiles/precompiles.hpp>

namespace parevm::precompile {

Result identity(bytes_view input, int64_t gas) noexcept {
    const int64_t cost = word_priced_gas(15, 3, input.size());
    Result result;
    if (gas < cost) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - cost;
    result.output.assign(input);
    return result;
}

}  // namespace parevm::precompile
