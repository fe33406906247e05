// SPDX-License-Identifier: Apache-2.0
// parevm: precompile 0x05 MODEXP: EIP-198 vectors, gas per revision (EIP-198, 2565, 7883), the
// EIP-7823 bounds, and lengths up to 2^256 that must be priced out without allocating.
#include "../common/hex_literals.hpp"

#include <parevm/evm/precompiles/precompiles.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/modexp.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <string_view>

using namespace parevm;
using parevm::test::hex;

namespace {

constexpr int64_t max_gas = std::numeric_limits<int64_t>::max();
const Address modexp_addr = address_from_u64(5);

/// A 32-byte big-endian header word holding `v`.
std::string word(uint64_t v) {
    std::string s(64, '0');
    static constexpr char digits[] = "0123456789abcdef";
    for (int i = 63; v != 0; --i, v >>= 4) s[i] = digits[v & 0xf];
    return s;
}

Result call(Revision rev, bytes_view input, int64_t gas = 100'000'000) {
    return call_precompile(rev, modexp_addr, input, gas);
}

/// Gas charged for input in rev (the call must succeed).
int64_t gas_of(Revision rev, bytes_view input) {
    const Result r = call(rev, input);
    EXPECT_EQ(r.status, StatusCode::success);
    return 100'000'000 - r.gas_left;
}

// EIP-198 example: 3^(p - 1) mod p for p = 2^256 - 2^32 - 977 is 1 (Fermat).
const bytes fermat = hex(word(1) + word(32) + word(32) + "03" +
                         "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                         "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");

/// base_len, exp_len, mod_len and data of the given sizes (data bytes 0x01), the exponent's
/// first byte `exp_first`.
bytes shaped(uint64_t blen, uint64_t elen, uint64_t mlen, uint8_t exp_first) {
    bytes b = hex(word(blen) + word(elen) + word(mlen));
    b.append(blen, 0x01);
    bytes e(elen, 0);
    if (elen != 0) e[0] = exp_first;
    b += e;
    b.append(mlen, 0x01);
    return b;
}

}  // namespace

TEST(Modexp, Eip198FermatVector) {
    const Result r = call(Revision::byzantium, fermat);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output, false), word(1));
    // EIP-198: mult_complexity(32) * 255 / 20.
    EXPECT_EQ(gas_of(Revision::byzantium, fermat), 13056);
    // EIP-2565: ceil(32 / 8)^2 * 255 / 3.
    EXPECT_EQ(gas_of(Revision::berlin, fermat), 1360);
    // EIP-7883: complexity 16 (<= 32 bytes), 255 iterations, no divisor.
    EXPECT_EQ(gas_of(Revision::osaka, fermat), 4080);
    EXPECT_EQ(call(Revision::osaka, fermat).output, call(Revision::byzantium, fermat).output);
}

TEST(Modexp, Eip198EmptyBaseIsZero) {
    // base_len 0: the next 32 bytes are the exponent, the base is 0.
    const bytes in = hex(word(0) + word(32) + word(32) +
                         "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
                         "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
    const Result r = call(Revision::byzantium, in);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.output, bytes(32, 0));
    EXPECT_EQ(gas_of(Revision::byzantium, in), 13056);
}

TEST(Modexp, Eip198ExtraDataIgnoredAndShortDataPadded) {
    // 3^65535 mod 2^255 (value from Python's pow), then a 0x07 byte that is ignored.
    const std::string expected = "3b01b01ac41f2d6e917c6d6a221ce793802469026d9ab7578fa2e79e4da6aaab";
    const bytes full =
        hex(word(1) + word(2) + word(32) + "03" + "ffff" +
            "8000000000000000000000000000000000000000000000000000000000000000" + "07");
    const Result a = call(Revision::byzantium, full);
    ASSERT_EQ(a.status, StatusCode::success);
    EXPECT_EQ(to_hex(a.output, false), expected);
    // Same modulus from a single 0x80 byte right-padded with 31 zeros.
    const bytes short_in = hex(word(1) + word(2) + word(32) + "03" + "ffff" + "80");
    const Result b = call(Revision::byzantium, short_in);
    ASSERT_EQ(b.status, StatusCode::success);
    EXPECT_EQ(to_hex(b.output, false), expected);
    // mult_complexity(32) * (bit length of 0xffff - 1) / 20 = 1024 * 15 / 20.
    EXPECT_EQ(gas_of(Revision::byzantium, short_in), 768);
}

TEST(Modexp, ModulusWithZeroTailFromShortInput) {
    // mod_len 32 with only 0xabcdef present: modulus 0xabcdef * 256^29. 5^65537 from Python.
    const bytes in = hex(word(1) + word(3) + word(32) + "05" + "010001" + "abcdef");
    const Result r = call(Revision::cancun, in);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(to_hex(r.output, false),
              "98e54e280b143dc8c959658328b202a4691a8181253ec1cb7ca52062c06c0005");
}

TEST(Modexp, ZeroModulusGivesZeros) {
    const bytes in = hex(word(1) + word(1) + word(2) + "03" + "05" + "0000");
    const Result r = call(Revision::byzantium, in);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.output, bytes(2, 0));
    // Modulus entirely missing from the input: also zero.
    const Result m = call(Revision::berlin, hex(word(1) + word(1) + word(4) + "03" + "05"));
    ASSERT_EQ(m.status, StatusCode::success);
    EXPECT_EQ(m.output, bytes(4, 0));
}

TEST(Modexp, SmallEdgeValues) {
    // 0^0 mod 7 = 1 (Python's pow), x mod 1 = 0, 2^10 mod 1000 = 24, with a 2-byte output.
    EXPECT_EQ(call(Revision::berlin, hex(word(1) + word(1) + word(1) + "00" + "00" + "07")).output,
              hex("01"));
    EXPECT_EQ(call(Revision::berlin, hex(word(1) + word(1) + word(1) + "05" + "03" + "01")).output,
              hex("00"));
    EXPECT_EQ(
        call(Revision::berlin, hex(word(1) + word(1) + word(2) + "02" + "0a" + "03e8")).output,
        hex("0018"));
    // Empty modulus: empty output.
    const Result e = call(Revision::berlin, hex(word(1) + word(1) + word(0) + "02" + "0a"));
    EXPECT_EQ(e.status, StatusCode::success);
    EXPECT_TRUE(e.output.empty());
    // Empty input: all lengths 0, empty output, minimum gas.
    EXPECT_TRUE(call(Revision::berlin, {}).output.empty());
    EXPECT_EQ(gas_of(Revision::byzantium, {}), 0);
    EXPECT_EQ(gas_of(Revision::berlin, {}), 200);
    EXPECT_EQ(gas_of(Revision::osaka, {}), 500);
}

TEST(Modexp, GasTablesPerRevision) {
    // EIP-2565 test table shapes (nagydani_N_pow0x10001): base and modulus 64..1024 bytes,
    // exponent 0x010001 (16 iterations).
    struct Row {
        uint64_t len;
        int64_t byzantium, berlin, osaka;
    };
    // Byzantium: mult_complexity(len) * 16 / 20. Berlin: (len/8)^2 * 16 / 3 (the EIP-2565 table:
    // 341, 1365, 5461, 21845, 87381). Osaka: 2 * (len/8)^2 * 16 (execution-specs' EIP-7883,
    // which dropped the divisor of the draft's table).
    const Row rows[] = {
        {64, 4096 * 16 / 20, 341, 2048},
        {128, (128 * 128 / 4 + 96 * 128 - 3072) * 16 / 20, 1365, 8192},
        {256, (256 * 256 / 4 + 96 * 256 - 3072) * 16 / 20, 5461, 32768},
        {512, (512 * 512 / 4 + 96 * 512 - 3072) * 16 / 20, 21845, 131072},
        {1024, (1024 * 1024 / 4 + 96 * 1024 - 3072) * 16 / 20, 87381, 524288},
    };
    for (const Row& row : rows) {
        bytes in = hex(word(row.len) + word(3) + word(row.len));
        in.append(row.len, 0x05);
        in += hex("010001");
        in.append(row.len, 0xff);
        EXPECT_EQ(gas_of(Revision::byzantium, in), row.byzantium) << row.len;
        EXPECT_EQ(gas_of(Revision::berlin, in), row.berlin) << row.len;
        EXPECT_EQ(gas_of(Revision::osaka, in), row.osaka) << row.len;
    }
    // Byzantium's third piece (over 1024 bytes): x^2/16 + 480x - 199680 for x = 2048, exp 1.
    EXPECT_EQ(gas_of(Revision::byzantium, shaped(2048, 1, 2048, 1)),
              (2048 * 2048 / 16 + 480 * 2048 - 199680) / 20);
}

TEST(Modexp, LongExponentIterations) {
    // exp_len 64 with the top bit of its head set: 8 (16 from Osaka) per byte past 32, plus 255.
    const bytes in = shaped(32, 64, 32, 0x80);
    EXPECT_EQ(gas_of(Revision::byzantium, in), 1024 * (8 * 32 + 255) / 20);
    EXPECT_EQ(gas_of(Revision::berlin, in), 16 * (8 * 32 + 255) / 3);
    EXPECT_EQ(gas_of(Revision::osaka, in), 16 * (16 * 32 + 255));
    // Zero head: only the length part counts.
    const bytes zero_head = shaped(32, 64, 32, 0);
    EXPECT_EQ(gas_of(Revision::berlin, zero_head), 16 * (8 * 32) / 3);
    EXPECT_EQ(gas_of(Revision::osaka, zero_head), 16 * 16 * 32);
    // Lengths just over 32 bytes double the Osaka complexity: 2 * ceil(33 / 8)^2 = 50.
    EXPECT_EQ(gas_of(Revision::osaka, shaped(33, 1, 1, 0x02)), 500);
    EXPECT_EQ(gas_of(Revision::osaka, shaped(33, 32, 1, 0x80)), 50 * 255);
}

TEST(Modexp, Eip7823UpperBounds) {
    // 1024-byte operands are allowed: exponent 1 returns the base (it is below the modulus).
    bytes in = hex(word(1024) + word(1) + word(1024));
    bytes base(1024, 0);
    for (size_t i = 0; i < base.size(); ++i) base[i] = static_cast<uint8_t>(i * 7 + 1);
    base[0] = 0x7f;
    in += base;
    in += hex("01");
    in.append(1024, 0xff);
    const Result ok = call(Revision::osaka, in);
    ASSERT_EQ(ok.status, StatusCode::success);
    EXPECT_EQ(ok.output, base);
    EXPECT_EQ(100'000'000 - ok.gas_left, 2 * 128 * 128);

    // 1025 in any length fails consuming all gas, whatever the gas.
    for (int which = 0; which < 3; ++which) {
        const uint64_t lens[3] = {which == 0 ? 1025u : 1u, which == 1 ? 1025u : 1u,
                                  which == 2 ? 1025u : 1u};
        const bytes over = hex(word(lens[0]) + word(lens[1]) + word(lens[2]) + "0203");
        const Result r = call(Revision::osaka, over, max_gas);
        EXPECT_EQ(r.status, StatusCode::precompile_failure) << which;
        EXPECT_EQ(r.gas_left, 0);
        // Before Osaka the same call is merely priced.
        EXPECT_EQ(call(Revision::prague, over).status, StatusCode::success) << which;
    }
}

TEST(Modexp, HugeLengthsArePricedOutWithoutAllocating) {
    const auto start = std::chrono::steady_clock::now();
    const std::string all_ff(64, 'f');
    const std::string top_bit = "8" + std::string(63, '0');
    const Revision revs[] = {Revision::byzantium, Revision::berlin, Revision::prague};
    for (const Revision rev : revs) {
        // EIP-198 example: mod_len 2^256 - 1 cannot be paid for.
        const bytes huge_mod = hex(word(0) + word(32) + all_ff + std::string(128, 'f'));
        const Result a = call(rev, huge_mod, max_gas);
        EXPECT_EQ(a.status, StatusCode::out_of_gas);
        EXPECT_EQ(a.gas_left, 0);
        // base_len 2^255 and 2^64.
        EXPECT_EQ(call(rev, hex(top_bit + word(1) + word(1)), max_gas).status,
                  StatusCode::out_of_gas);
        EXPECT_EQ(
            call(rev, hex(std::string(47, '0') + "1" + std::string(16, '0') + word(1) + word(1)),
                 max_gas)
                .status,
            StatusCode::out_of_gas);  // 2^64
        // exp_len 2^256 - 1 with a 1-byte modulus.
        EXPECT_EQ(call(rev, hex(word(1) + all_ff + word(1)), max_gas).status,
                  StatusCode::out_of_gas);
        // A modest 2^32-byte modulus still costs more than a block could pay.
        const Result big =
            call(rev, hex(word(0) + word(0) + word(uint64_t{1} << 32)), 1'000'000'000);
        EXPECT_EQ(big.status, StatusCode::out_of_gas);
    }
    // base_len = mod_len = 0 with a 2^256 - 1 byte exponent: free before Berlin, 200 from
    // Berlin (complexity 0), and nothing is read.
    const bytes free_exp = hex(word(0) + all_ff + word(0));
    const Result byz = call(Revision::byzantium, free_exp, 1000);
    EXPECT_EQ(byz.status, StatusCode::success);
    EXPECT_EQ(byz.gas_left, 1000);
    EXPECT_TRUE(byz.output.empty());
    EXPECT_EQ(call(Revision::berlin, free_exp, 1000).gas_left, 800);
    // Osaka bounds it instead (EIP-7823).
    EXPECT_EQ(call(Revision::osaka, free_exp, max_gas).status, StatusCode::precompile_failure);
    // Before Berlin a 2^64-byte exponent with a 1-byte modulus is affordable with 7.4e18 gas:
    // the modulus then lies past the input, so it is zero and nothing is computed or allocated
    // beyond the 1-byte output. Gas: 8 * (2^64 - 32) / 20.
    const bytes far_mod =
        hex(word(0) + std::string(47, '0') + "1" + std::string(16, '0') + word(1));
    const Result past = call(Revision::byzantium, far_mod, max_gas);
    EXPECT_EQ(past.status, StatusCode::success);
    EXPECT_EQ(past.output, bytes(1, 0));
    EXPECT_EQ(max_gas - past.gas_left, 7378697629483820633);
    EXPECT_EQ(call(Revision::berlin, far_mod, max_gas).status, StatusCode::out_of_gas);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST(Modexp, NotEnoughGas) {
    const Result r = call(Revision::byzantium, fermat, 13055);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(call(Revision::byzantium, fermat, 13056).status, StatusCode::success);
    EXPECT_EQ(call(Revision::byzantium, fermat, 13056).gas_left, 0);
    EXPECT_EQ(call(Revision::berlin, fermat, -1).status, StatusCode::out_of_gas);
    // Not a precompile before Byzantium.
    EXPECT_EQ(call(Revision::spurious_dragon, fermat).status, StatusCode::precompile_failure);
}

TEST(ModexpCrypto, ZeroTailsOnEveryOperand) {
    // The crypto layer takes implicit zero tails on base and exponent too (values from Python).
    const bytes three = hex("03");
    const bytes one = hex("01");
    const bytes m251 = hex("fb");
    uint8_t out1[1];
    // 3^(256^39) mod 251: 312 squarings, shortened by the small-modulus cycle search.
    parevm::modexp({three, 0}, {one, 39}, {m251, 0}, out1);
    EXPECT_EQ(out1[0], 0x76);
    // The same with a tail long enough for the cycle search to matter (2^40 squarings).
    uint8_t out_long[1];
    parevm::modexp({three, 0}, {one, uint64_t{1} << 37}, {m251, 0}, out_long);
    // 3^(2^(2^40)) mod 251 = 3^(2^(2^40) mod 250) by Fermat; Python: pow(3, pow(2, 2**40, 250),
    // 251) = 0xc0.
    EXPECT_EQ(out_long[0], 0xc0);

    const bytes p = hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
    const bytes two = hex("02");
    uint8_t out32[32];
    // 3^(2 * 256^100) mod p: 800 squarings through GMP.
    parevm::modexp({three, 0}, {two, 100}, {p, 0}, out32);
    EXPECT_EQ(to_hex(bytes_view{out32, 32}, false),
              "58fb2902c5d6df3ba5488da0fc324b0d8e6bdaf5a5b3becc00c88cbf2256e554");
    // (7 * 256^5)^5 mod p with the base's zero tail.
    const bytes seven = hex("07");
    const bytes five = hex("05");
    parevm::modexp({seven, 5}, {five, 0}, {p, 0}, out32);
    EXPECT_EQ(to_hex(bytes_view{out32, 32}, false),
              "000000000041a700000000000000000000000000000000000000000000000000");
}
