// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x05 MODEXP: input parsing and gas (EIP-198, EIP-2565, EIP-7883, EIP-7823).
#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/crypto/modexp.hpp>

#include <algorithm>
#include <cstring>
#include <limits>

namespace parevm::precompile {
namespace {

using u128 = unsigned __int128;
constexpr u128 u128_max = ~u128{0};

/// Saturating product: u128_max stands for "at least 2^128", far beyond any gas.
u128 sat_mul(u128 a, u128 b) noexcept {
    if (a != 0 && b > u128_max / a) return u128_max;
    return a * b;
}

/// a + b, or UINT64_MAX when that overflows (an offset past any input).
uint64_t sat_add(uint64_t a, uint64_t b) noexcept {
    return a > std::numeric_limits<uint64_t>::max() - b ? std::numeric_limits<uint64_t>::max()
                                                        : a + b;
}

/// The 32-byte word at `offset` of the input, zero-padded past its end (EIP-198).
uint256 read_word(bytes_view input, uint64_t offset) noexcept {
    uint8_t buf[32]{};
    if (offset < input.size()) {
        const size_t n = std::min<size_t>(32, input.size() - offset);
        std::memcpy(buf, input.data() + offset, n);
    }
    return be_load(bytes_view{buf, 32});
}

/// The first min(32, exp_len) bytes of the exponent as a number (EIP-198's exponent head);
/// bytes past the input are zeros. `exp_start` is UINT64_MAX when it lies at or beyond 2^64.
uint256 exponent_head(bytes_view input, uint64_t exp_start, const uint256& exp_len) noexcept {
    const size_t head_len = exp_len < 32 ? static_cast<size_t>(exp_len.low64()) : 32;
    uint8_t buf[32]{};
    if (exp_start < input.size()) {
        const size_t n = std::min<size_t>(head_len, input.size() - exp_start);
        std::memcpy(buf, input.data() + exp_start, n);
    }
    return be_load(bytes_view{buf, head_len});
}

/// A length word as u128, or u128_max when it is at least 2^100: the complexity or iteration
/// count it feeds then exceeds 2^96, so the cost saturates (divisor <= 20) unless the other
/// factor is a zero complexity, which gives the exact 0 anyway.
u128 length_u128(const uint256& len) noexcept {
    if (len >= (uint256{1} << 100)) return u128_max;
    return static_cast<u128>(len.w[1]) << 64 | len.w[0];
}

/// Iteration count (EIP-198 ADJUSTED_EXPONENT_LENGTH, EIP-2565 and EIP-7883 alike apart from
/// the per-byte multiplier): bits of the exponent head minus one, plus `per_byte` for each
/// exponent byte beyond 32; at least 1.
u128 iteration_count(const uint256& exp_len, const uint256& head, unsigned per_byte) noexcept {
    const unsigned head_bits = 256 - clz(head);
    const u128 head_part = head_bits > 0 ? head_bits - 1 : 0;
    u128 count = head_part;
    if (exp_len > 32) {
        const u128 len = length_u128(exp_len);
        if (len == u128_max) return u128_max;
        count += per_byte * (len - 32);  // < 2^105: no overflow
    }
    return std::max<u128>(count, 1);
}

/// EIP-198 mult_complexity(x), x = max(base_len, mod_len).
u128 complexity_eip198(u128 x) noexcept {
    if (x >= (u128{1} << 64)) return u128_max;  // x^2 / 16 alone exceeds 2^124
    if (x <= 64) return x * x;
    if (x <= 1024) return x * x / 4 + 96 * x - 3072;
    return x * x / 16 + 480 * x - 199680;
}

/// ceil(x / 8), the 64-bit word count of EIP-2565 and EIP-7883; u128_max for huge x.
u128 words(u128 x) noexcept {
    if (x >= (u128{1} << 64)) return u128_max;
    return (x + 7) / 8;
}

/// Gas of a MODEXP call, saturating at UINT64_MAX (more than any call can pay).
uint64_t modexp_gas(Revision rev,
                    const uint256& base_len,
                    const uint256& exp_len,
                    const uint256& mod_len,
                    const uint256& exp_head) noexcept {
    const u128 max_len = length_u128(std::max(base_len, mod_len));
    u128 cost = 0;
    if (rev >= Revision::osaka) {
        // EIP-7883: complexity 16 up to 32 bytes, else 2 * words^2; 16 per extra exponent
        // byte; no divisor; minimum 500.
        const u128 w = words(max_len);
        const u128 complexity = max_len <= 32 ? 16 : sat_mul(2, sat_mul(w, w));
        cost = std::max<u128>(500, sat_mul(complexity, iteration_count(exp_len, exp_head, 16)));
    } else if (rev >= Revision::berlin) {
        // EIP-2565: words^2 * iterations / 3, minimum 200.
        const u128 w = words(max_len);
        const u128 product = sat_mul(sat_mul(w, w), iteration_count(exp_len, exp_head, 8));
        cost = std::max<u128>(200, product / 3);
    } else {
        // EIP-198: mult_complexity * max(adjusted exponent length, 1) / GQUADDIVISOR (20).
        const u128 product =
            sat_mul(complexity_eip198(max_len), iteration_count(exp_len, exp_head, 8));
        cost = product / 20;
    }
    return cost > std::numeric_limits<uint64_t>::max() ? std::numeric_limits<uint64_t>::max()
                                                       : static_cast<uint64_t>(cost);
}

/// The operand of `len` bytes at `offset`: the part inside the input plus its zero tail.
ModexpOperand operand(bytes_view input, uint64_t offset, uint64_t len) noexcept {
    ModexpOperand op;
    if (offset < input.size())
        op.present = input.substr(offset, std::min<uint64_t>(len, input.size() - offset));
    op.zero_tail = len - op.present.size();
    return op;
}

Result failure() noexcept {
    Result r;
    r.status = StatusCode::precompile_failure;
    return r;
}

}  // namespace

Result modexp(Revision rev, bytes_view input, int64_t gas) noexcept {
    const uint256 base_len = read_word(input, 0);
    const uint256 exp_len = read_word(input, 32);
    const uint256 mod_len = read_word(input, 64);

    // EIP-7823: each length is at most 1024 bytes, else the call fails consuming all gas.
    if (rev >= Revision::osaka && (base_len > 1024 || exp_len > 1024 || mod_len > 1024))
        return failure();

    // The exponent starts at 96 + base_len; beyond 2^64 it is past any input.
    const uint64_t exp_start =
        base_len.fits_u64() ? sat_add(96, base_len.low64()) : std::numeric_limits<uint64_t>::max();
    const uint256 head = exponent_head(input, exp_start, exp_len);

    // Priced before anything is read by the declared lengths: huge lengths cost more than any
    // gas and stop here.
    const uint64_t cost = modexp_gas(rev, base_len, exp_len, mod_len, head);
    Result result;
    if (gas < 0 || cost > static_cast<uint64_t>(gas)) {
        result.status = StatusCode::out_of_gas;
        return result;
    }
    result.gas_left = gas - static_cast<int64_t>(cost);

    // The output has mod_len bytes: nothing to compute for an empty modulus (EIP-198; this also
    // covers base_len = mod_len = 0, where the exponent length is unbounded and unpriced).
    if (!mod_len) return result;

    // Paid for. mod_len >= 1 makes the complexity >= 1, so the priced square of mod_len keeps
    // it below 2^36 here; base_len and exp_len may still be huge when the modulus lies past the
    // input, which makes it zero.
    PAREVM_ASSERT(mod_len.fits_u64());
    const uint64_t mlen = mod_len.low64();
    const uint64_t blen = base_len.fits_u64() ? base_len.low64() : UINT64_MAX;
    const uint64_t elen = exp_len.fits_u64() ? exp_len.low64() : UINT64_MAX;
    const uint64_t mod_start = sat_add(exp_start, elen);
    result.output.assign(mlen, 0);
    const ModexpOperand modulus = operand(input, mod_start, mlen);
    if (std::all_of(modulus.present.begin(), modulus.present.end(),
                    [](uint8_t b) { return b == 0; }))
        return result;  // EIP-198: modulus 0 gives mod_len zero bytes

    // The modulus starts inside the input, so base and exponent lie wholly inside it.
    parevm::modexp(operand(input, 96, blen), operand(input, exp_start, elen), modulus,
                   std::span<uint8_t>{result.output.data(), result.output.size()});
    return result;
}

}  // namespace parevm::precompile
