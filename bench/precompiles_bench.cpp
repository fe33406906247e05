// SPDX-License-Identifier: Apache-2.0
// parevm: per-call time and gas throughput of every Osaka precompile (0x01-0x11, 0x100).
//
// Each benchmark runs call_precompile on one valid input from published vectors (go-ethereum,
// EIP-152, EIP-198, EIP-2537, EEST, Wycheproof) or on an input whose result follows from the
// group law (n * P with n = order - 1 is -P). Before timing, the call must succeed with the
// expected output; results computed here use GMP (MODEXP) or blst's plain scalar multiplication
// (BLS12 MSM), not the precompile's code path. Counter gas/s = gas charged per call * calls / s.
#include <parevm/core/hex.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>

#include "blst.h"

#include <benchmark/benchmark.h>
#include <gmp.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace {

using namespace parevm;

bytes hex(std::string_view s) {
    return from_hex(s).value_or(bytes{});
}

/// A 48-byte (96 hex digit) BLS12-381 coordinate in its 64-byte EIP-2537 encoding.
std::string fp(std::string_view h48) {
    return std::string(32, '0') + std::string(h48);
}

/// A 32-byte big-endian word holding v.
std::string word(uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
    return std::string(48, '0') + buf;
}

constexpr int64_t call_gas = 100'000'000;

/// Checks one call (success and the expected output), then times call_precompile on `input`.
void run(benchmark::State& state, uint64_t n, const bytes& input, const bytes& expected) {
    const Address addr = address_from_u64(n);
    if (input.empty() && n != 4) {
        state.SkipWithError("bad input hex");
        return;
    }
    const Result first = call_precompile(Revision::osaka, addr, input, call_gas);
    if (first.status != StatusCode::success) {
        state.SkipWithError("call failed");
        return;
    }
    if (first.output != expected) {
        state.SkipWithError(("unexpected output " + to_hex(first.output)).c_str());
        return;
    }
    const int64_t gas_used = call_gas - first.gas_left;
    for (auto _ : state) {
        Result r = call_precompile(Revision::osaka, addr, input, call_gas);
        benchmark::DoNotOptimize(r);
    }
    state.counters["gas"] = static_cast<double>(gas_used);
    state.counters["gas/s"] =
        benchmark::Counter(static_cast<double>(gas_used) * static_cast<double>(state.iterations()),
                           benchmark::Counter::kIsRate);
}

// go-ethereum's ecrecover sample (core/vm/contracts_test.go): hash, v = 27, r, s.
const std::string ecrecover_sample =
    "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    "000000000000000000000000000000000000000000000000000000000000001b"
    "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
    "789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02";

void Ecrecover(benchmark::State& state) {
    run(state, 0x01, hex(ecrecover_sample),
        hex("000000000000000000000000ceaccac640adf55b2028469bd36ba501f28b699d"));
}
BENCHMARK(Ecrecover)->Unit(benchmark::kMicrosecond);

void Sha256_128B(benchmark::State& state) {
    run(state, 0x02, hex(ecrecover_sample),
        hex("811c7003375852fabd0d362e40e68607a12bdabae61a7d068fe5fdd1dbbf2a5d"));
}
BENCHMARK(Sha256_128B)->Unit(benchmark::kMicrosecond);

void Ripemd160_128B(benchmark::State& state) {
    run(state, 0x03, hex(ecrecover_sample),
        hex("0000000000000000000000009215b8d9882ff46f0dfde6684d78e831467f65e6"));
}
BENCHMARK(Ripemd160_128B)->Unit(benchmark::kMicrosecond);

void Identity_1KiB(benchmark::State& state) {
    bytes in(1024, 0);
    for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<uint8_t>(i * 131 + 7);
    run(state, 0x04, in, in);
}
BENCHMARK(Identity_1KiB)->Unit(benchmark::kMicrosecond);

// EIP-198's example: 3^(p - 1) mod p = 1 for the secp256k1 field prime p (Fermat).
void Modexp_32B(benchmark::State& state) {
    run(state, 0x05,
        hex(word(1) + word(32) + word(32) + "03" +
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e"
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
        hex(word(1)));
}
BENCHMARK(Modexp_32B)->Unit(benchmark::kMicrosecond);

/// 256-byte base and odd modulus (deterministic pseudo-random, modulus top bit set) with an
/// exponent of `exp_len` bytes (65537 when 3, else pseudo-random); expected value from GMP.
void modexp_256(benchmark::State& state, size_t exp_len) {
    uint64_t x = 0x9e3779b97f4a7c15;
    auto next = [&x] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return static_cast<uint8_t>(x);
    };
    bytes base(256, 0), mod(256, 0), exp(exp_len, 0);
    for (auto& b : base) b = next();
    for (auto& b : mod) b = next();
    mod[0] |= 0x80;
    mod[255] |= 1;
    base[0] &= 0x7f;  // below the modulus
    if (exp_len == 3) {
        exp = hex("010001");
    } else {
        for (auto& b : exp) b = next();
        exp[0] |= 0x80;
    }
    mpz_t mb, me, mm, mr;
    mpz_inits(mb, me, mm, mr, nullptr);
    mpz_import(mb, base.size(), 1, 1, 1, 0, base.data());
    mpz_import(me, exp.size(), 1, 1, 1, 0, exp.data());
    mpz_import(mm, mod.size(), 1, 1, 1, 0, mod.data());
    mpz_powm(mr, mb, me, mm);
    bytes expected(256, 0);
    size_t count = 0;
    const size_t len = (mpz_sizeinbase(mr, 2) + 7) / 8;
    mpz_export(expected.data() + (256 - len), &count, 1, 1, 1, 0, mr);
    mpz_clears(mb, me, mm, mr, nullptr);

    bytes in = hex(word(256) + word(exp_len) + word(256));
    in += base + exp + mod;
    run(state, 0x05, in, expected);
}

void Modexp_256B_Exp65537(benchmark::State& state) {
    modexp_256(state, 3);
}
BENCHMARK(Modexp_256B_Exp65537)->Unit(benchmark::kMicrosecond);

void Modexp_256B_Exp256B(benchmark::State& state) {
    modexp_256(state, 256);
}
BENCHMARK(Modexp_256B_Exp256B)->Unit(benchmark::kMicrosecond);

// alt_bn128 (EIP-196/197) points: the G1 generator (1, 2), 2 G1, -G1 = (1, p - 2).
const std::string bn_g1 = word(1) + word(2);
const std::string bn_two_g1 =
    "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd3"
    "15ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4";
const std::string bn_neg_g1 =
    word(1) + "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd45";

void Bn254Add(benchmark::State& state) {
    // 2 G1 + (-G1) = G1: a general addition of distinct points.
    run(state, 0x06, hex(bn_two_g1 + bn_neg_g1), hex(bn_g1));
}
BENCHMARK(Bn254Add)->Unit(benchmark::kMicrosecond);

void Bn254Mul(benchmark::State& state) {
    // (r - 1) G1 = -G1, with a full 254-bit scalar.
    run(state, 0x07,
        hex(bn_g1 + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000"),
        hex(bn_neg_g1));
}
BENCHMARK(Bn254Mul)->Unit(benchmark::kMicrosecond);

void Bn254Pairing2(benchmark::State& state) {
    // go-ethereum's bn256Pairing.json "jeff1": two pairs whose product is 1.
    const std::string g2 =
        "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
        "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
        "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
        "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
    const std::string jeff1 =
        "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f59"
        "3034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
        "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
        "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
        "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d"
        "120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
        "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c"
        "2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411" +
        g2;
    run(state, 0x08, hex(jeff1), hex(word(1)));
}
BENCHMARK(Bn254Pairing2)->Unit(benchmark::kMicrosecond);

void Blake2f_12Rounds(benchmark::State& state) {
    // EIP-152 test vector 5: 12 rounds over "abc", final block.
    const std::string in =
        "0000000c"
        "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c"
        "68059b6bbd41fbabd9831f79217e1319cde05b" +
        std::string("616263") + std::string(2 * 125, '0') + "03" + std::string(2 * 15, '0') + "01";
    run(state, 0x09, hex(in),
        hex("ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252"
            "d5de4533cc9518d38aa8dbf1925ab92386edd4009923"));
}
BENCHMARK(Blake2f_12Rounds)->Unit(benchmark::kMicrosecond);

void PointEvaluation(benchmark::State& state) {
    // EEST cancun/eip4844_blobs test_valid_inputs "mainnet_1". The first call (inside run's
    // check, before timing) loads the trusted setup.
    const std::string in =
        "018156b94fe9735e573bab36dad05d60feb720d424ccd20aaf719343c31e4246"
        "019123bcb9d06356701f7be08b4494625b87a7b02edc566126fb81f6306e915f"
        "6c2eb1e94c2532935b8465351ba1bd88eabe2b3fa1aadff7d1cd816e8315bd38"
        "a9546d41993e10df2a7429b8490394ea9ee62807bae6f326d1044a51581306f5"
        "8d4b9dfd5931e044688855280ff3799e"
        "a2ea83d9391e0ee42e0c650acc7a1f842a7d385189485ddb4fd54ade3d9fd50d"
        "608167dca6c776aad4b8ad5c20691bfe";
    run(state, 0x0a, hex(in),
        hex(word(4096) + "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"));
}
BENCHMARK(PointEvaluation)->Unit(benchmark::kMicrosecond);

// EIP-2537 vectors (add_G1_bls, add_G2_bls, map_fp_to_G1_bls, map_fp2_to_G2_bls).
const std::string bls_g1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55"
                              "e83ff97a1aeffb3af00adb22c6bb") +
                           fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03c"
                              "c744a2888ae40caa232946c5e7e1");
const std::string bls_neg_g1 = fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac58"
                                  "6c55e83ff97a1aeffb3af00adb22c6bb") +
                               fp("114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac4236"
                                  "4e6f38ba0ecb751bad54dcd6b939c2ca");
const std::string bls_g2 = fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac"
                              "0326a805bbefd48056c8c121bdb8") +
                           fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334c"
                              "f11213945d57e5ac7d055d042b7e") +
                           fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923a"
                              "c9cc3baca289e193548608b82801") +
                           fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f37"
                              "0d275cec1da1aaa9075ff05f79be");

/// A 255-bit scalar below the group order q, the same for both MSM benchmarks.
const std::string msm_scalar = "5a3f9c2e7b1d4e8f0a6c3b9d2e7f1a4c8b0d5e3f7a2c9b1e4d8f0a3c6b9e2d71";

std::string encode_fp(const blst_fp& f) {
    uint8_t be[48];
    blst_bendian_from_fp(be, &f);
    return std::string(32, '0') + to_hex(bytes_view{be, sizeof(be)}, false);
}

void Bls12G1Add(benchmark::State& state) {
    const std::string p1 = fp("112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902c"
                              "cef9efe28d4a78b8999dfbca9426") +
                           fp("186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b"
                              "8f4ef7088f813270ac3d48868a21");
    run(state, 0x0b, hex(bls_g1 + p1),
        hex(fp("0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba5b7a5bde85279ffede"
               "1"
               "b45b3918d82d") +
            fp("06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb739e59018e22c4920061"
               "90"
               "fba4a870025")));
}
BENCHMARK(Bls12G1Add)->Unit(benchmark::kMicrosecond);

void Bls12G1Msm1(benchmark::State& state) {
    // k = 1 (G1 multiplication); expected s G1 from blst's scalar multiplication.
    blst_scalar s;
    blst_scalar_from_bendian(&s, hex(msm_scalar).data());
    blst_p1 p;
    blst_p1_mult(&p, blst_p1_generator(), s.b, 256);
    blst_p1_affine a;
    blst_p1_to_affine(&a, &p);
    run(state, 0x0c, hex(bls_g1 + msm_scalar), hex(encode_fp(a.x) + encode_fp(a.y)));
}
BENCHMARK(Bls12G1Msm1)->Unit(benchmark::kMicrosecond);

void Bls12G2Add(benchmark::State& state) {
    const std::string p2 = fp("103121a2ceaae586d240843a398967325f8eb5a93e8fea99b62b9f88d8556c80dd72"
                              "6a4b30e84a36eeabaf3592937f27") +
                           fp("086b990f3da2aeac0a36143b7d7c824428215140db1bb859338764cb58458f081d92"
                              "664f9053b50b3fbd2e4723121b68") +
                           fp("0f9e7ba9a86a8f7624aa2b42dcc8772e1af4ae115685e60abc2c9b90242167acef3d"
                              "0be4050bf935eed7c3b6fc7ba77e") +
                           fp("0d22c3652d0dc6f0fc9316e14268477c2049ef772e852108d269d9c38dba1d4802e8"
                              "dae479818184c08f9a569d878451");
    run(state, 0x0d, hex(bls_g2 + p2),
        hex(fp("0b54a8a7b08bd6827ed9a797de216b8c9057b3a9ca93e2f88e7f04f19accc42da90d883632b9ca4dc38"
               "d"
               "013f71ede4db") +
            fp("077eba4eecf0bd764dce8ed5f45040dd8f3b3427cb35230509482c14651713282946306247866dfe39a"
               "8"
               "e33016fcbe52") +
            fp("14e60a76a29ef85cbd69f251b9f29147b67cfe3ed2823d3f9776b3a0efd2731941d47436dc6d2b58d9e"
               "6"
               "5f8438bad073") +
            fp("1586c3c910d95754fef7a732df78e279c3d37431c6a2b77e67a00c7c130a8fcd4d19f159cbeb997a178"
               "1"
               "08fffffcbd20")));
}
BENCHMARK(Bls12G2Add)->Unit(benchmark::kMicrosecond);

void Bls12G2Msm1(benchmark::State& state) {
    // k = 1 (G2 multiplication); expected s G2 from blst's scalar multiplication.
    blst_scalar s;
    blst_scalar_from_bendian(&s, hex(msm_scalar).data());
    blst_p2 p;
    blst_p2_mult(&p, blst_p2_generator(), s.b, 256);
    blst_p2_affine a;
    blst_p2_to_affine(&a, &p);
    run(state, 0x0e, hex(bls_g2 + msm_scalar),
        hex(encode_fp(a.x.fp[0]) + encode_fp(a.x.fp[1]) + encode_fp(a.y.fp[0]) +
            encode_fp(a.y.fp[1])));
}
BENCHMARK(Bls12G2Msm1)->Unit(benchmark::kMicrosecond);

void Bls12Pairing2(benchmark::State& state) {
    // e(G1, G2) e(-G1, G2) = 1.
    run(state, 0x0f, hex(bls_g1 + bls_g2 + bls_neg_g1 + bls_g2), hex(word(1)));
}
BENCHMARK(Bls12Pairing2)->Unit(benchmark::kMicrosecond);

void Bls12MapFpToG1(benchmark::State& state) {
    run(state, 0x10,
        hex(fp(
            "156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a90"
            "8e5fa4ac5f03")),
        hex(fp("184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e"
               "7"
               "676ce4ce48ba") +
            fp("04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751b"
               "e"
               "70476c888bf3")));
}
BENCHMARK(Bls12MapFpToG1)->Unit(benchmark::kMicrosecond);

void Bls12MapFp2ToG2(benchmark::State& state) {
    run(state, 0x11,
        hex(fp("07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed330"
               "7"
               "f804d4b93b04") +
            fp("02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f6"
               "5"
               "575e99e8b78c")),
        hex(fp("00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f51032808239651573"
               "4"
               "b6612c4e7bb7") +
            fp("126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc8"
               "6"
               "413483afb35b") +
            fp("0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce"
               "7"
               "ee12407b0a42") +
            fp("1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db"
               "0"
               "9d283c895e3d")));
}
BENCHMARK(Bls12MapFp2ToG2)->Unit(benchmark::kMicrosecond);

void P256Verify(benchmark::State& state) {
    // A valid Wycheproof ecdsa_secp256r1_sha256 signature: hash, r, s, qx, qy.
    run(state, 0x100,
        hex("bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
            "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
            "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
            "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
            "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"),
        hex(word(1)));
}
BENCHMARK(P256Verify)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
