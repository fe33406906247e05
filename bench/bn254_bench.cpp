// SPDX-License-Identifier: Apache-2.0
// parevm: alt_bn128 precompile costs (EIP-196/197): ECADD, ECMUL and pairing checks per call.
#include <parevm/crypto/bn254.hpp>
#include <parevm/evm/precompiles/precompiles.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>

namespace {

using namespace parevm;
using namespace parevm::bn254;

bytes encode(const G1& p) {
    uint8_t buf[64] = {};
    p.x.to_bytes(buf);
    p.y.to_bytes(buf + 32);
    return bytes(buf, 64);
}

bytes encode(const G2& q) {
    uint8_t buf[128] = {};
    q.x.c1.to_bytes(buf);
    q.x.c0.to_bytes(buf + 32);
    q.y.c1.to_bytes(buf + 64);
    q.y.c0.to_bytes(buf + 96);
    return bytes(buf, 128);
}

/// A scalar with bits spread over all 256 positions, so ECMUL does its full work.
const uint64_t scalar[4] = {0x9e3779b97f4a7c15, 0xf39cc0605cedc834, 0x1082276bf3a27251,
                            0xf86c6a11d0c18e95};

bytes scalar_bytes() {
    bytes out(32, 0);
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 8; ++j)
            out[static_cast<size_t>(31 - 8 * i - j)] = static_cast<uint8_t>(scalar[i] >> (8 * j));
    return out;
}

void EcAdd(benchmark::State& state) {
    const G1 p = g1_generator();
    const G1 q = to_affine(mul(to_jacobian(p), scalar));
    const bytes in = encode(p) + encode(q);
    for (auto _ : state) {
        auto r = precompile::bn254_add(Revision::cancun, in, 1'000'000);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(EcAdd)->Unit(benchmark::kMicrosecond);

void EcMul(benchmark::State& state) {
    const bytes in = encode(g1_generator()) + scalar_bytes();
    for (auto _ : state) {
        auto r = precompile::bn254_mul(Revision::cancun, in, 1'000'000);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(EcMul)->Unit(benchmark::kMicrosecond);

/// k pairs e(P, Q) ... with the last P negated so that the check succeeds (k even: pairs
/// (P, Q), (-P, Q) repeated). Includes decoding and the G2 subgroup checks, as a call does.
void PairingCheck(benchmark::State& state) {
    const G1 p = to_affine(mul(to_jacobian(g1_generator()), scalar));
    const G1 minus_p{p.x, -p.y, false};
    const G2 q = to_affine(mul(to_jacobian(g2_generator()), scalar));
    bytes in;
    for (int64_t i = 0; i < state.range(0); i += 2)
        in += encode(p) + encode(q) + encode(minus_p) + encode(q);
    for (auto _ : state) {
        auto r = precompile::bn254_pairing(Revision::cancun, in, 100'000'000);
        if (r.output.size() != 32 || r.output[31] != 1) state.SkipWithError("check failed");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(PairingCheck)->Arg(2)->Arg(4)->Unit(benchmark::kMicrosecond);

/// The pairing arithmetic alone: one Miller loop plus final exponentiation, no validation.
void Pairing(benchmark::State& state) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    for (auto _ : state) benchmark::DoNotOptimize(pairing(p, q));
}
BENCHMARK(Pairing)->Unit(benchmark::kMicrosecond);

void G2SubgroupCheck(benchmark::State& state) {
    const G2 q = g2_generator();
    for (auto _ : state) benchmark::DoNotOptimize(in_g2_subgroup(q));
}
BENCHMARK(G2SubgroupCheck)->Unit(benchmark::kMicrosecond);

void FinalExponentiation(benchmark::State& state) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    const Fp12 f = miller_loop({&p, 1}, {&q, 1});
    for (auto _ : state) benchmark::DoNotOptimize(final_exponentiation(f));
}
BENCHMARK(FinalExponentiation)->Unit(benchmark::kMicrosecond);

void FpMul(benchmark::State& state) {
    Fp a = Fp::from_u64(0x123456789);
    const Fp b = Fp::from_u64(0xabcdef);
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(FpMul);

void Fp2Mul(benchmark::State& state) {
    Fp2 a{Fp::from_u64(0x123456789), Fp::from_u64(7)};
    const Fp2 b{Fp::from_u64(0xabcdef), Fp::from_u64(11)};
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(Fp2Mul);

void Fp12Mul(benchmark::State& state) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    Fp12 a = miller_loop({&p, 1}, {&q, 1});
    const Fp12 b = sqr(a);
    for (auto _ : state) {
        a = a * b;
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(Fp12Mul);

void Fp12Sqr(benchmark::State& state) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    Fp12 a = miller_loop({&p, 1}, {&q, 1});
    for (auto _ : state) {
        a = sqr(a);
        benchmark::DoNotOptimize(a);
    }
}
BENCHMARK(Fp12Sqr);

}  // namespace

BENCHMARK_MAIN();
