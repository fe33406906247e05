// SPDX-License-Identifier: Apache-2.0
// parevm: code analysis: JUMPDEST positions outside PUSH data.
#include <parevm/evm/code_analysis.hpp>
#include <parevm/evm/opcodes.hpp>

#include <cstring>

namespace parevm {

std::shared_ptr<const CodeAnalysis> analyze(bytes_view code) {
    auto a = std::make_shared<CodeAnalysis>();
    a->code_size = code.size();
    a->padded_code = std::make_unique<uint8_t[]>(code.size() + code_padding);  // zeroed
    if (!code.empty()) std::memcpy(a->padded_code.get(), code.data(), code.size());
    a->jumpdest_map = std::make_unique<uint8_t[]>(code.size() + 1);  // zeroed
    // YP §9.4.3: a jump target is a JUMPDEST byte that is an instruction, not PUSH immediate.
    for (size_t i = 0; i < code.size(); ++i) {
        const uint8_t op = code[i];
        if (op == OP_JUMPDEST)
            a->jumpdest_map[i] = 1;
        else if (op >= OP_PUSH1 && op <= OP_PUSH32)
            i += static_cast<size_t>(op - OP_PUSH1 + 1);
    }
    return a;
}

}  // namespace parevm
