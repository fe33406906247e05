// SPDX-License-Identifier: Apache-2.0
// parevm: micro benchmarks of the hashing and signature primitives on the execution hot path.
#include <parevm/crypto/hashes.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>
#include <parevm/state/mpt/trie.hpp>

#include <benchmark/benchmark.h>

#include <vector>

using namespace parevm;

namespace {

/// KECCAK256 opcode, trie keys (32 B), storage slot hashing (64 B = key || slot), code hashing.
void BM_keccak256(benchmark::State& state) {
    const bytes input(static_cast<size_t>(state.range(0)), 0xab);
    for (auto _ : state) benchmark::DoNotOptimize(keccak256(input));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_keccak256)->Arg(32)->Arg(64)->Arg(1024);

void BM_sha256(benchmark::State& state) {
    const bytes input(static_cast<size_t>(state.range(0)), 0xab);
    for (auto _ : state) benchmark::DoNotOptimize(sha256(input));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_sha256)->Arg(64)->Arg(1024);

void BM_ripemd160(benchmark::State& state) {
    const bytes input(static_cast<size_t>(state.range(0)), 0xab);
    for (auto _ : state) benchmark::DoNotOptimize(ripemd160(input));
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_ripemd160)->Arg(64);

/// Sender recovery: one per transaction, the largest fixed cost before execution starts.
void BM_ecrecover(benchmark::State& state) {
    Hash256 secret;
    secret.bytes.fill(0x46);
    const Hash256 msg = keccak256(secret.view());
    const auto sig = sign(msg, secret);
    if (!sig) {
        state.SkipWithError("signing failed");
        return;
    }
    for (auto _ : state) benchmark::DoNotOptimize(ecrecover(msg, sig->r, sig->s, sig->recovery_id));
}
BENCHMARK(BM_ecrecover);

/// State-root shape: N secure-trie leaves with account-sized values.
void BM_trie_root(benchmark::State& state) {
    std::vector<std::pair<bytes, bytes>> entries;
    for (int64_t i = 0; i < state.range(0); ++i) {
        const uint8_t seed[2] = {static_cast<uint8_t>(i), static_cast<uint8_t>(i >> 8)};
        entries.emplace_back(bytes{keccak256(bytes_view{seed, 2}).view()}, bytes(70, 0x5a));
    }
    for (auto _ : state) benchmark::DoNotOptimize(trie_root(entries));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_trie_root)->Arg(100)->Arg(10000);

}  // namespace

BENCHMARK_MAIN();
