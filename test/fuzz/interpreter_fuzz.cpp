// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: the interpreter on random bytecode with an in-memory host. Checks: gas
// never grows (0 <= gas_left <= start gas), only statuses a frame can end with, exceptional
// halts consume all gas and return nothing, static frames change nothing, and execution is
// deterministic. Stack and memory bounds are covered by the sanitizers and PAREVM_ASSERT.
//
// Input: [revision][flags][gas: 3 bytes][calldata length][calldata][code...].

#include "../unit/mock_host.hpp"
#include "fuzz_check.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/evm/interpreter.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

using namespace parevm;

namespace {

/// Nested frames are not executed: the host answers with a status picked by the input and
/// returns part of the gas it was given (never more, as the Host contract requires).
class FuzzHost : public test::MockHost {
public:
    uint8_t call_mode = 0;

    Result call(const Message& msg) noexcept override {
        calls.push_back({msg, copy(msg.input)});
        Result r;
        switch (call_mode % 4) {
            case 0:
                r.status = StatusCode::success;
                r.gas_left = msg.gas / 2;
                r.output = bytes(static_cast<size_t>(call_mode % 67), 0xab);
                break;
            case 1:
                r.status = StatusCode::revert;
                r.gas_left = msg.gas;
                r.output = bytes{0x08, 0xc3, 0x79, 0xa0};
                break;
            case 2:
                r.status = StatusCode::out_of_gas;
                break;
            default:
                r.status = StatusCode::insufficient_balance;
                r.gas_left = msg.gas;
                break;
        }
        if (msg.kind == CallKind::create || msg.kind == CallKind::create2) {
            r.output.clear();
            if (r.status == StatusCode::success) r.create_address = address_from_u64(0xc1);
        }
        return r;
    }
};

bool frame_can_end_with(StatusCode s) {
    switch (s) {
        case StatusCode::success:
        case StatusCode::revert:
        case StatusCode::out_of_gas:
        case StatusCode::invalid_instruction:
        case StatusCode::undefined_instruction:
        case StatusCode::stack_overflow:
        case StatusCode::stack_underflow:
        case StatusCode::bad_jump_destination:
        case StatusCode::invalid_memory_access:
        case StatusCode::static_mode_violation:
            return true;
        default:
            return false;
    }
}

const Address self = address_from_u64(0x5e1f);
const Address caller = address_from_u64(0xca11);

void init_host(FuzzHost& h, bytes_view code, uint8_t flags) {
    h.call_mode = static_cast<uint8_t>(flags >> 2);
    h.accounts[self].balance = 1'000'000;
    h.accounts[self].code = bytes{code};
    h.accounts[self].storage[1] = {5, 5};
    h.accounts[caller].balance = 7;
    h.accounts[address_from_u64(0xee)].code = bytes{0x60, 0x00, 0xff};
    h.tx.origin = caller;
    h.tx.gas_price = 10;
    h.tx.coinbase = address_from_u64(0xc0);
    h.tx.block_number = 1234;
    h.tx.timestamp = 1'700'000'000;
    h.tx.gas_limit = 30'000'000;
    h.tx.chain_id = 1;
    h.tx.base_fee = 7;
    h.tx.blob_base_fee = 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 6) return 0;
    const auto rev = static_cast<Revision>(data[0] % revision_count);
    const uint8_t flags = data[1];
    const int64_t gas = (int64_t{data[2]} << 16 | int64_t{data[3]} << 8 | data[4]) % 1'000'001;
    const size_t calldata_size = std::min<size_t>(data[5], size - 6);
    const bytes_view calldata{data + 6, calldata_size};
    const bytes_view code{data + 6 + calldata_size, size - 6 - calldata_size};

    Message msg;
    msg.kind = CallKind::call;
    msg.is_static = (flags & 1) != 0;
    msg.depth = (flags & 2) ? 1024 : 0;  // at the depth limit nested calls must fail cleanly
    msg.gas = gas;
    msg.recipient = self;
    msg.code_address = self;
    msg.sender = caller;
    msg.input = calldata;
    msg.value = msg.is_static ? 0 : 3;

    FuzzHost host;
    init_host(host, code, flags);
    const Result r = execute(host, rev, msg, code);

    FUZZ_CHECK(
        r.gas_left >= 0 && r.gas_left <= gas,
        "gas_left " + std::to_string(r.gas_left) + " outside [0, " + std::to_string(gas) + "]");
    FUZZ_CHECK(frame_can_end_with(r.status),
               "unexpected status " + std::to_string(static_cast<int>(r.status)));
    if (r.status != StatusCode::success && r.status != StatusCode::revert) {
        FUZZ_CHECK(r.gas_left == 0, "exceptional halt left gas");
        FUZZ_CHECK(r.output.empty(), "exceptional halt returned data");
    }
    if (msg.is_static) {
        FUZZ_CHECK(host.logs.empty(), "LOG in a static frame");
        FUZZ_CHECK(host.selfdestructs.empty(), "SELFDESTRUCT in a static frame");
        FUZZ_CHECK(host.transient.empty(), "TSTORE in a static frame");
        for (const auto& [addr, account] : host.accounts)
            for (const auto& [key, slot] : account.storage)
                FUZZ_CHECK(slot.current == slot.original, "SSTORE in a static frame");
        for (const auto& c : host.calls) {
            FUZZ_CHECK(c.msg.is_static, "non-static nested frame from a static one");
            FUZZ_CHECK(c.msg.kind != CallKind::create && c.msg.kind != CallKind::create2,
                       "CREATE in a static frame");
        }
    }
    for (const auto& c : host.calls) {
        FUZZ_CHECK(c.msg.gas >= 0 && c.msg.gas <= gas,
                   "nested frame given more gas than the frame");
        FUZZ_CHECK(c.msg.depth == msg.depth + 1, "nested frame depth");
    }

    // Deterministic: the same code on a fresh host gives the same result.
    FuzzHost again_host;
    init_host(again_host, code, flags);
    const Result again = execute(again_host, rev, msg, code);
    FUZZ_CHECK(again.status == r.status && again.gas_left == r.gas_left &&
                   again.gas_refund == r.gas_refund && again.output == r.output,
               "execution is not deterministic");
    return 0;
}
