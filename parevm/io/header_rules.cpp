// SPDX-License-Identifier: Apache-2.0
// parevm: header values derived from the parent (EIP-1559, EIP-4844/7918, ethash difficulty).
#include <parevm/crypto/hashes.hpp>
#include <parevm/execution/execute_transaction.hpp>
#include <parevm/io/header_rules.hpp>

#include <algorithm>

namespace parevm {

namespace {

constexpr uint64_t blob_base_cost = uint64_t{1} << 13;  // EIP-7918
constexpr uint64_t minimum_difficulty = 131072;
constexpr uint64_t bomb_period = 100000;

}  // namespace

uint256 next_base_fee(const uint256& parent_base_fee,
                      uint64_t parent_gas_used,
                      uint64_t parent_gas_limit) {
    const uint64_t target = parent_gas_limit / 2;  // ELASTICITY_MULTIPLIER = 2
    if (target == 0 || parent_gas_used == target) return parent_base_fee;
    constexpr uint64_t denominator = 8;  // BASE_FEE_MAX_CHANGE_DENOMINATOR
    if (parent_gas_used > target) {
        uint256 delta = parent_base_fee * uint256{parent_gas_used - target} / uint256{target} /
                        uint256{denominator};
        if (delta < uint256{1}) delta = 1;
        return parent_base_fee + delta;
    }
    const uint256 delta = parent_base_fee * uint256{target - parent_gas_used} / uint256{target} /
                          uint256{denominator};
    return parent_base_fee - delta;
}

uint64_t next_excess_blob_gas(Revision revision,
                              const BlobSchedule& schedule,
                              uint64_t parent_excess_blob_gas,
                              uint64_t parent_blob_gas_used,
                              const uint256& parent_base_fee) {
    const uint64_t target_gas = schedule.target * gas_per_blob;
    const uint64_t sum = parent_excess_blob_gas + parent_blob_gas_used;
    if (sum < target_gas) return 0;
    if (revision >= Revision::osaka && schedule.max != 0) {
        // EIP-7918: compare the execution-gas reserve price with the price of one blob.
        const uint256 reserve = uint256{blob_base_cost} * parent_base_fee;
        const uint256 blob_price =
            uint256{gas_per_blob} * blob_base_fee(parent_excess_blob_gas, schedule);
        if (reserve > blob_price)
            return parent_excess_blob_gas +
                   parent_blob_gas_used * (schedule.max - schedule.target) / schedule.max;
    }
    return sum - target_gas;
}

DifficultyRules difficulty_rules(Revision revision, std::string_view fork_name) {
    using F = DifficultyRules::Formula;
    if (fork_name == "GrayGlacier") return {F::byzantium, 11'400'000};   // EIP-5133
    if (fork_name == "ArrowGlacier") return {F::byzantium, 10'700'000};  // EIP-4345
    if (fork_name == "MuirGlacier") return {F::byzantium, 9'000'000};    // EIP-2384
    if (revision >= Revision::london) return {F::byzantium, 9'700'000};  // EIP-3554
    if (revision >= Revision::berlin) return {F::byzantium, 9'000'000};  // after Muir Glacier
    if (revision >= Revision::constantinople) return {F::byzantium, 5'000'000};  // EIP-1234
    if (revision >= Revision::byzantium) return {F::byzantium, 3'000'000};       // EIP-649
    if (revision >= Revision::homestead) return {F::homestead, 0};               // EIP-2
    return {F::frontier, 0};
}

uint256 next_difficulty(const DifficultyRules& rules,
                        int64_t number,
                        int64_t timestamp,
                        int64_t parent_timestamp,
                        const uint256& parent_difficulty,
                        bool parent_has_ommers) {
    using F = DifficultyRules::Formula;
    const uint256 step = parent_difficulty / uint256{2048};
    const int64_t dt = timestamp - parent_timestamp;
    // The signed multiple of `step` to add: Frontier +-1 around a 13 s block time; Homestead
    // (EIP-2) 1 - dt / 10; Byzantium (EIP-100) (2 with ommers, else 1) - dt / 9; both >= -99.
    int64_t factor = 0;
    switch (rules.formula) {
        case F::frontier:
            factor = dt < 13 ? 1 : -1;
            break;
        case F::homestead:
            factor = std::max<int64_t>(1 - dt / 10, -99);
            break;
        case F::byzantium:
            factor = std::max<int64_t>((parent_has_ommers ? 2 : 1) - dt / 9, -99);
            break;
    }
    uint256 diff = parent_difficulty;
    const uint256 change = step * uint256{static_cast<uint64_t>(factor < 0 ? -factor : factor)};
    if (factor >= 0) {
        diff = diff + change;
    } else {
        diff = change > diff ? uint256{0} : diff - change;
    }
    if (diff < uint256{minimum_difficulty}) diff = minimum_difficulty;

    // The difficulty bomb (ice age), delayed by `bomb_delay` blocks from Byzantium on.
    const uint64_t n = static_cast<uint64_t>(number);
    const uint64_t fake_number = n >= rules.bomb_delay ? n - rules.bomb_delay : 0;
    const uint64_t period = fake_number / bomb_period;
    if (period > 1 && period - 2 < 256) diff = diff + (uint256{1} << (period - 2));
    return diff;
}

Hash256 requests_hash(std::span<const bytes> requests) {
    bytes cat;
    for (const bytes& r : requests)
        if (r.size() > 1) cat += sha256(r).view();
    return sha256(cat);
}

Hash256 empty_ommers_hash() noexcept {
    // keccak256(0xc0)
    return hash_constant("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
}

}  // namespace parevm
