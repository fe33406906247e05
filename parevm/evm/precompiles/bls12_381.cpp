// SPDX-License-Identifier: Apache-2.0
// parevm: precompiles 0x0b-0x11 (EIP-2537, Prague): BLS12-381 addition, MSM, pairing, mapping.
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/crypto/bls12_381.hpp>

#include <algorithm>
#include <limits>

namespace parevm::precompile {
namespace {

namespace bls = parevm::bls12_381;

// EIP-2537 gas schedule.
constexpr int64_t g1add_gas = 375;
constexpr int64_t g2add_gas = 600;
constexpr int64_t g1mul_gas = 12000;  // multiplication_cost in the G1 MSM formula
constexpr int64_t g2mul_gas = 22500;  // multiplication_cost in the G2 MSM formula
constexpr int64_t pairing_base_gas = 37700;
constexpr int64_t pairing_per_pair_gas = 32600;
constexpr int64_t map_fp_to_g1_gas = 5500;
constexpr int64_t map_fp2_to_g2_gas = 23800;
constexpr int64_t msm_multiplier = 1000;

// EIP-2537 MSM discounts for k = 1..128 pairs; k > 128 uses the last entry (max_discount).
constexpr uint16_t g1_discount[128] = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661,  658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613,  611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584,  582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562,  561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544,  543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528,  528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519};
constexpr uint16_t g2_discount[128] = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704, 699,
    693,  688,  683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632, 629,
    627,  624,  622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593, 592,
    590,  589,  587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568, 567,
    566,  565,  563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549, 548,
    547,  546,  545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534, 533,
    532,  532,  531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524};

int64_t msm_gas(size_t k, const uint16_t (&discounts)[128], int64_t mul_cost) noexcept {
    if (k == 0) return 0;
    const int64_t discount = discounts[std::min<size_t>(k, 128) - 1];
    constexpr int64_t max = std::numeric_limits<int64_t>::max();
    if (k > static_cast<uint64_t>(max / (mul_cost * discount))) return max;  // saturate
    return static_cast<int64_t>(k) * mul_cost * discount / msm_multiplier;
}

/// Any failure (bad length, bad encoding, point off curve or outside the subgroup) halts the
/// call and consumes all of its gas (EIP-2537 "Gas burning on error").
Result halt(StatusCode status) noexcept {
    Result r;
    r.status = status;
    r.gas_left = 0;
    return r;
}

/// Charges `cost`, then returns the operation's output or a failure when it had none.
template <typename Out>
Result finish(int64_t gas, int64_t cost, const std::optional<Out>& out) noexcept {
    if (!out) return halt(StatusCode::precompile_failure);
    Result result;
    result.gas_left = gas - cost;
    result.output.assign(out->view());
    return result;
}

}  // namespace

int64_t bls12_g1msm_gas(size_t k) noexcept {
    return msm_gas(k, g1_discount, g1mul_gas);
}

int64_t bls12_g2msm_gas(size_t k) noexcept {
    return msm_gas(k, g2_discount, g2mul_gas);
}

int64_t bls12_pairing_gas(size_t k) noexcept {
    constexpr int64_t max = std::numeric_limits<int64_t>::max();
    if (k > static_cast<uint64_t>((max - pairing_base_gas) / pairing_per_pair_gas)) return max;
    return pairing_base_gas + pairing_per_pair_gas * static_cast<int64_t>(k);
}

Result bls12_g1add(bytes_view input, int64_t gas) noexcept {
    if (gas < g1add_gas) return halt(StatusCode::out_of_gas);
    if (input.size() != 2 * bls::g1_size) return halt(StatusCode::precompile_failure);
    return finish(gas, g1add_gas,
                  bls::g1_add(input.substr(0, bls::g1_size), input.substr(bls::g1_size)));
}

Result bls12_g1msm(bytes_view input, int64_t gas) noexcept {
    if (input.empty() || input.size() % bls::g1_msm_pair_size != 0)
        return halt(StatusCode::precompile_failure);
    const int64_t cost = bls12_g1msm_gas(input.size() / bls::g1_msm_pair_size);
    if (gas < cost) return halt(StatusCode::out_of_gas);
    return finish(gas, cost, bls::g1_msm(input));
}

Result bls12_g2add(bytes_view input, int64_t gas) noexcept {
    if (gas < g2add_gas) return halt(StatusCode::out_of_gas);
    if (input.size() != 2 * bls::g2_size) return halt(StatusCode::precompile_failure);
    return finish(gas, g2add_gas,
                  bls::g2_add(input.substr(0, bls::g2_size), input.substr(bls::g2_size)));
}

Result bls12_g2msm(bytes_view input, int64_t gas) noexcept {
    if (input.empty() || input.size() % bls::g2_msm_pair_size != 0)
        return halt(StatusCode::precompile_failure);
    const int64_t cost = bls12_g2msm_gas(input.size() / bls::g2_msm_pair_size);
    if (gas < cost) return halt(StatusCode::out_of_gas);
    return finish(gas, cost, bls::g2_msm(input));
}

Result bls12_pairing_check(bytes_view input, int64_t gas) noexcept {
    if (input.empty() || input.size() % bls::pairing_pair_size != 0)
        return halt(StatusCode::precompile_failure);
    const int64_t cost = bls12_pairing_gas(input.size() / bls::pairing_pair_size);
    if (gas < cost) return halt(StatusCode::out_of_gas);
    const std::optional<bool> ok = bls::pairing_check(input);
    if (!ok) return halt(StatusCode::precompile_failure);
    Result result;
    result.gas_left = gas - cost;
    result.output.assign(32, 0);  // a 32-byte word: 1 when the product is one, else 0
    result.output[31] = *ok ? 1 : 0;
    return result;
}

Result bls12_map_fp_to_g1(bytes_view input, int64_t gas) noexcept {
    if (gas < map_fp_to_g1_gas) return halt(StatusCode::out_of_gas);
    return finish(gas, map_fp_to_g1_gas, bls::map_fp_to_g1(input));
}

Result bls12_map_fp2_to_g2(bytes_view input, int64_t gas) noexcept {
    if (gas < map_fp2_to_g2_gas) return halt(StatusCode::out_of_gas);
    return finish(gas, map_fp2_to_g2_gas, bls::map_fp2_to_g2(input));
}

}  // namespace parevm::precompile
