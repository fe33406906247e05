// SPDX-License-Identifier: Apache-2.0
// parevm: code analysis: JUMPDEST positions outside PUSH data, basic blocks.
#include <parevm/evm/code_analysis.hpp>
#include <parevm/evm/instruction_traits.hpp>
#include <parevm/evm/opcodes.hpp>

#include <algorithm>

#include <cstring>

namespace parevm {

std::shared_ptr<const CodeAnalysis> analyze(bytes_view code) {
    auto a = std::make_shared<CodeAnalysis>();
    a->code_size = code.size();
    a->padded_code = std::make_unique<uint8_t[]>(code.size() + code_padding);  // zeroed
    if (!code.empty()) std::memcpy(a->padded_code.get(), code.data(), code.size());
    a->jumpdest_map = std::make_unique<uint8_t[]>(code.size() + 1);  // zeroed
    a->block_index = std::make_unique<uint32_t[]>(code.size() + 1);  // zeroed

    // The block being built: relative stack height, deepest need, highest growth.
    BlockInfo cur;
    int32_t height = 0;
    int32_t required = 0;
    int32_t growth = 0;
    bool open = false;
    const auto close = [&] {
        if (!open) return;
        const int32_t span = stack_limit - growth - required;
        if (span < 0) {
            cur.since = 0xff;  // can never pass: always the careful path
            cur.stack_required = 0;
            cur.stack_span = -1;
        } else {
            cur.stack_required = static_cast<int16_t>(required);  // <= stack_limit
            cur.stack_span = static_cast<int16_t>(span);
        }
        a->blocks.push_back(cur);
        open = false;
    };
    const auto begin = [&](size_t pos) {
        close();
        a->block_index[pos] = static_cast<uint32_t>(a->blocks.size());
        cur = BlockInfo{};
        height = required = growth = 0;
        open = true;
    };

    // YP §9.4.3: a jump target is a JUMPDEST byte that is an instruction, not PUSH immediate.
    bool ended = true;  // the next instruction starts a block
    for (size_t i = 0; i < code.size(); ++i) {
        const uint8_t op = code[i];
        if (op == OP_JUMPDEST) {
            a->jumpdest_map[i] = 1;
            begin(i);
            a->block_index[i] |= CodeAnalysis::jumpdest_flag;
            cur.skip = 1;
        } else if (ended) {
            begin(i);
        }
        ended = false;
        const InstructionTraits& tr = instruction_traits[op];
        if (tr.name == nullptr) {
            cur.since = 0xff;  // undefined everywhere: the careful path reports it
        } else {
            cur.since = std::max(cur.since, static_cast<uint8_t>(tr.since));
            if (fixed_gas_costs[op] > 0) cur.gas += fixed_gas_costs[op];
            required = std::max(required, tr.stack_height_required - height);
            height += tr.stack_height_change;
            if (tr.stack_height_change > 0) growth = std::max(growth, height);
        }
        switch (op) {
            case OP_STOP:
            case OP_JUMP:
            case OP_JUMPI:
            case OP_RETURN:
            case OP_REVERT:
            case OP_INVALID:
            case OP_SELFDESTRUCT:
            case OP_GAS:
            case OP_CALL:
            case OP_CALLCODE:
            case OP_DELEGATECALL:
            case OP_STATICCALL:
            case OP_CREATE:
            case OP_CREATE2:
            case OP_SSTORE:
            case OP_TSTORE:
            case OP_LOG0:
            case OP_LOG1:
            case OP_LOG2:
            case OP_LOG3:
            case OP_LOG4:
            case OP_RETURNDATACOPY:
                ended = true;
                break;
            default:
                if (tr.name == nullptr) ended = true;
                break;
        }
        if (op >= OP_PUSH1 && op <= OP_PUSH32) i += static_cast<size_t>(op - OP_PUSH1 + 1);
    }
    // The loop may enter a block right at the end (after a final GAS, or empty code): there the
    // padding's STOP runs.
    if (ended) begin(code.size());
    close();
    return a;
}

}  // namespace parevm
