// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: the parallel executor (Block-STM, 2 and 3 threads) against the sequential
// one on small blocks generated from the input bytes: transfers, token transfers, AMM swaps,
// random-slot contracts, coinbase reads, reverts, out-of-gas, CREATE2 redeploys and
// selfdestructs, and creations (the contracts of test/common/random_block.hpp). Results must be
// identical field for field.

#include "../common/random_block.hpp"
#include "fuzz_check.hpp"

#include <parevm/execution/block.hpp>
#include <parevm/io/mainnet_block.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace parevm;
using namespace parevm::test;

namespace {

/// Reads the input front to back; zeros once it is used up.
class ByteSource {
public:
    ByteSource(const uint8_t* data, size_t size) : data_{data}, size_{size} {}
    bool empty() const { return pos_ >= size_; }
    uint8_t next() { return pos_ < size_ ? data_[pos_++] : 0; }
    uint16_t next16() { return static_cast<uint16_t>(next() << 8 | next()); }

private:
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
};

constexpr std::array<Revision, 5> revisions = {Revision::london, Revision::shanghai,
                                               Revision::cancun, Revision::prague, Revision::osaka};

GeneratedBlock block_from_bytes(ByteSource& in) {
    GeneratedBlock g;
    Block& b = g.block;
    const uint8_t config = in.next();
    b.revision = revisions[config % revisions.size()];
    b.chain_id = 1;
    b.env.number = 1000;
    b.env.timestamp = 1'700'000'000;
    b.env.gas_limit = 30'000'000;
    b.env.base_fee = 7;
    b.env.coinbase = address_from_u64(0xc0ffee);

    const size_t num_senders = 1 + in.next() % 6;
    const size_t num_slots = 1 + in.next() % 6;
    std::vector<Address> senders;
    std::vector<uint64_t> nonces(num_senders, 0);
    for (size_t i = 0; i < num_senders; ++i) {
        senders.push_back(address_from_u64(0x1000 + i));
        g.pre.set_account(senders.back(), 0, uint256{1} << 80, {}, {});
    }
    if (config & 0x80) b.env.coinbase = senders[0];  // the coinbase also sends transactions

    const TestContracts c =
        place_test_contracts(g.pre, senders, 1, [](uint64_t n) { return address_from_u64(n); });
    const Address &token = c.token, &pair = c.pairs[0], &slots = c.slots,
                  &coinbase_reader = c.coinbase_reader, &reverter = c.reverter, &burner = c.burner,
                  &factory = c.factory;
    const bytes& child_init = c.child_init;

    while (!in.empty() && b.txs.size() < 24) {
        const uint8_t kind = in.next();
        const uint8_t arg = in.next();
        Transaction tx;
        const size_t si = (kind >> 4) % num_senders;
        tx.sender = senders[si];
        tx.nonce = nonces[si]++;
        tx.chain_id = 1;
        tx.type = (arg & 0x80) ? TxType::legacy : TxType::dynamic_fee;
        tx.max_fee_per_gas = 20;
        tx.max_priority_fee_per_gas = (arg & 0x80) ? 20 : arg % 4;
        tx.gas_limit = 200'000;
        switch (kind % 11) {
            case 0:
                tx.to = senders[arg % num_senders];
                tx.value = arg;
                tx.gas_limit = 21'000;
                break;
            case 1:
                tx.to = address_from_u64(0x5000 + arg % 3);  // fresh accounts
                tx.value = arg % 2;
                tx.gas_limit = 21'000;
                break;
            case 2:
                tx.to = token;
                tx.data = word(senders[arg % num_senders]) + word(in.next16());
                break;
            case 3:
                tx.to = pair;
                tx.data = word(1 + in.next16());
                break;
            case 4:
                tx.to = slots;
                tx.data = word(arg % num_slots) + word(in.next() % num_slots) +
                          word(in.next() % num_slots);
                break;
            case 5:
                tx.to = coinbase_reader;
                break;
            case 6:
                tx.to = reverter;
                tx.data = word(arg % 2);
                tx.value = arg % 3;
                break;
            case 7:
                tx.to = burner;
                tx.gas_limit = 30'000 + in.next16() % 20'000;
                break;
            case 8: {  // deploy, poke or destroy a CREATE2 child
                const uint64_t salt = arg % 2;
                const uint64_t action = (arg >> 1) % 3;
                if (action == 0) {
                    tx.to = factory;
                    tx.data = word(salt);
                } else {
                    tx.to = create2_address(factory, salt, child_init);
                    tx.data = word(action == 1 ? 1 : 2);
                }
                break;
            }
            case 9:  // value to a precompile
                tx.to = address_from_u64(1 + arg % 4);
                tx.value = arg % 5;
                tx.gas_limit = 50'000;
                break;
            default:  // contract creation from a transaction
                tx.to = std::nullopt;
                tx.data = child_init;
                tx.value = arg % 2;
                break;
        }
        b.txs.push_back(std::move(tx));
    }
    return g;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ByteSource in{data, size};
    const GeneratedBlock g = block_from_bytes(in);
    ExecutionOptions seq_options;
    seq_options.threads = 1;
    const BlockResult seq = execute_block(g.block, g.pre, seq_options);
    FUZZ_CHECK(!seq.invalid, "generated block is invalid (generator bug)");
    for (const unsigned threads : {2u, 3u}) {
        ExecutionOptions par_options;
        par_options.threads = threads;
        // Through Block-STM whatever the entry policy would choose for so small a block; on
        // three threads to the end (no fallback), on two with the default budget, so that the
        // kept-prefix path after a halt is fuzzed too.
        par_options.force_parallel = true;
        if (threads == 3) par_options.reexecution_budget_percent = 0;
        const BlockResult par = execute_block(g.block, g.pre, par_options);
        const std::string diff = first_result_difference(seq, par);
        FUZZ_CHECK(diff.empty(), std::to_string(threads) + " threads differ: " + diff);
        // The chunked executor on the same block.
        par_options.executor = ExecutionOptions::Executor::chunks;
        const BlockResult chunks = execute_block(g.block, g.pre, par_options);
        const std::string chunks_diff = first_result_difference(seq, chunks);
        FUZZ_CHECK(chunks_diff.empty(),
                   std::to_string(threads) + " threads, chunks, differ: " + chunks_diff);
    }
    return 0;
}
