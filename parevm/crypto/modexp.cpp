// SPDX-License-Identifier: Apache-2.0
// parevm: modular exponentiation with GMP's mpz_powm, zero tails handled without expansion.
#include <parevm/crypto/modexp.hpp>

#include <parevm/core/assert.hpp>

#include <gmp.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace parevm {
namespace {

/// RAII holder for an mpz_t.
class Mpz {
public:
    Mpz() noexcept { mpz_init(v_); }
    ~Mpz() { mpz_clear(v_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;

    mpz_ptr get() noexcept { return v_; }

private:
    mpz_t v_;
};

/// Sets x to the big-endian number held in `bytes` (0 when empty).
void import_be(mpz_ptr x, bytes_view bytes) noexcept {
    mpz_import(x, bytes.size(), 1, 1, 1, 0, bytes.data());
}

/// Squarings of the exponent's zero tail are done in chunks of this many bits: each chunk is one
/// mpz_powm by 2^chunk, whose exponent stays a few KiB whatever the tail length.
constexpr uint64_t square_chunk_bits = 1 << 15;

/// Below this modulus, long runs of squarings are shortened by cycle detection: x -> x^2 mod m
/// on fewer than m values must repeat within m steps.
constexpr uint64_t small_modulus = 1 << 16;

using u128 = unsigned __int128;

/// r <- r^(2^count) mod m for m < small_modulus, in at most m + cycle-length squarings.
void square_small(mpz_ptr r, uint64_t m, u128 count) {
    constexpr uint64_t unseen = ~uint64_t{0};
    std::vector<uint64_t> seen_at(m, unseen);
    uint64_t x = mpz_get_ui(r);
    for (uint64_t step = 0; step < count; ++step) {
        if (seen_at[x] != unseen) {
            const uint64_t cycle = step - seen_at[x];
            for (u128 left = (count - step) % cycle; left != 0; --left) x = x * x % m;
            break;
        }
        seen_at[x] = step;
        x = x * x % m;
    }
    mpz_set_ui(r, x);
}

/// r <- r^(2^count) mod m.
void square_repeatedly(mpz_ptr r, mpz_ptr m, u128 count) {
    if (mpz_cmp_ui(m, small_modulus) < 0 && count > small_modulus) {
        square_small(r, mpz_get_ui(m), count);
        return;
    }
    Mpz e;
    while (count != 0 && mpz_cmp_ui(r, 1) > 0) {  // 0 and 1 are fixed points
        const uint64_t step =
            count < square_chunk_bits ? static_cast<uint64_t>(count) : square_chunk_bits;
        mpz_set_ui(e.get(), 0);
        mpz_setbit(e.get(), step);
        mpz_powm(r, r, e.get(), m);
        count -= step;
    }
}

}  // namespace

void modexp(const ModexpOperand& base,
            const ModexpOperand& exp,
            const ModexpOperand& modulus,
            std::span<uint8_t> out) noexcept {
    PAREVM_ASSERT(out.size() == modulus.present.size() + modulus.zero_tail);
    std::fill(out.begin(), out.end(), uint8_t{0});

    Mpz m;
    import_be(m.get(), modulus.present);
    if (mpz_sgn(m.get()) == 0) return;  // EIP-198: modulus 0 gives zeros
    mpz_mul_2exp(m.get(), m.get(), 8 * modulus.zero_tail);

    // base = present * 256^tail, reduced mod m without building 256^tail.
    Mpz b;
    import_be(b.get(), base.present);
    mpz_mod(b.get(), b.get(), m.get());
    if (base.zero_tail != 0 && mpz_sgn(b.get()) != 0) {
        Mpz scale;
        mpz_set_ui(scale.get(), 256);
        mpz_powm_ui(scale.get(), scale.get(), base.zero_tail, m.get());
        mpz_mul(b.get(), b.get(), scale.get());
        mpz_mod(b.get(), b.get(), m.get());
    }

    // exp = present * 2^(8 * tail): b^present, then squared 8 * tail times.
    Mpz e;
    import_be(e.get(), exp.present);
    Mpz r;
    mpz_powm(r.get(), b.get(), e.get(), m.get());  // b^0 = 1 mod m, also for b = 0
    if (exp.zero_tail != 0) square_repeatedly(r.get(), m.get(), u128{8} * exp.zero_tail);

    // r < m < 256^out.size(): right-align the big-endian digits.
    const size_t digits = (mpz_sizeinbase(r.get(), 2) + 7) / 8;
    if (mpz_sgn(r.get()) == 0) return;
    PAREVM_ASSERT(digits <= out.size());
    size_t written = 0;
    mpz_export(out.data() + (out.size() - digits), &written, 1, 1, 1, 0, r.get());
    PAREVM_ASSERT(written == digits);
}

}  // namespace parevm
