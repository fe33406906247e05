// SPDX-License-Identifier: Apache-2.0
// parevm: the sequential block executor (the oracle every parallel run is compared with).
#include <parevm/execution/execute_block.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/state/state.hpp>

#include <chrono>

namespace parevm {
namespace {

/// EIP-4788: the beacon roots contract.
constexpr Address beacon_roots_address =
    address_constant("0x000f3df6d732807ef1319fb7b8bb8522d0beac02");

/// EIP-2935: the block hash history contract.
constexpr Address history_storage_address =
    address_constant("0x0000f90827f1c53a10cb7a02335b175320002935");

/// EIP-7002: the withdrawal request contract.
constexpr Address withdrawal_request_address =
    address_constant("0x00000961ef480eb55e80d19ad83579a64c007002");

/// EIP-7251: the consolidation request contract.
constexpr Address consolidation_request_address =
    address_constant("0x0000bbddc7ce488642fb579f8b00f3a590007251");

/// EIP-6110: the deposit contract and the topic of its DepositEvent.
constexpr Address deposit_contract_address =
    address_constant("0x00000000219ab540356cbb839cbe05303d7705fa");
constexpr Hash256 deposit_event_topic =
    hash_constant("0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5");

/// Runs one system call in its own State and folds it into the overlay; with `writes`, also
/// appends its write set there.
std::optional<Result> run_system_call(const BlockContext& ctx,
                                      BlockOverlay& overlay,
                                      const Address& target,
                                      bytes_view input,
                                      std::vector<WriteSet>* writes = nullptr) {
    State state(overlay);
    std::optional<Result> r = system_call(ctx, state, target, input);
    WriteSet ws = state.write_set();
    overlay.apply(ws);
    if (writes) writes->push_back(std::move(ws));
    return r;
}

/// EIP-6110: the deposit request data of one DepositEvent (ABI encoding of pubkey[48],
/// withdrawal_credentials[32], amount[8], signature[96], index[8]); false for another layout.
bool append_deposit(bytes_view data, bytes& out) {
    struct Field {
        size_t offset;  // where the ABI head says the field's length word is
        size_t size;
    };
    static constexpr Field fields[] = {{160, 48}, {256, 32}, {320, 8}, {384, 96}, {512, 8}};
    if (data.size() != 576) return false;
    for (size_t i = 0; i < 5; ++i) {
        const uint256 offset = be_load(data.substr(32 * i, 32));
        const uint256 size = be_load(data.substr(fields[i].offset, 32));
        if (offset != uint256{fields[i].offset} || size != uint256{fields[i].size}) return false;
    }
    for (const Field& f : fields) out.append(data.substr(f.offset + 32, f.size));
    return true;
}

/// EIP-7685: deposits from the receipts' logs, then the outputs of the EIP-7002 and EIP-7251
/// system calls, each prefixed by its type when not empty.
void collect_requests(const std::optional<Result>& withdrawals,
                      const std::optional<Result>& consolidations,
                      BlockResult& result) {
    bytes deposits{0x00};
    for (const Receipt& rc : result.receipts)
        for (const Log& log : rc.logs)
            if (log.address == deposit_contract_address && !log.topics.empty() &&
                log.topics[0] == deposit_event_topic)
                append_deposit(log.data, deposits);
    if (deposits.size() > 1) result.requests.push_back(std::move(deposits));
    uint8_t type = 0x01;
    for (const auto* r : {&withdrawals, &consolidations}) {
        if (*r && (*r)->status == StatusCode::success && !(*r)->output.empty()) {
            bytes req{type};
            req.append((*r)->output);
            result.requests.push_back(std::move(req));
        }
        ++type;
    }
}

/// The pre-Paris block reward of a revision in wei.
uint256 fork_block_reward(Revision rev) {
    const uint256 ether = uint256{1'000'000'000'000'000'000ull};
    if (rev >= Revision::paris) return {};
    if (rev >= Revision::constantinople) return ether * uint256{2};  // EIP-1234
    if (rev >= Revision::byzantium) return ether * uint256{3};       // EIP-649
    return ether * uint256{5};
}

void apply_rewards(const Block& block, const ExecutionOptions& options, BlockOverlay& overlay) {
    if (block.revision >= Revision::paris) return;
    const uint256 reward =
        options.block_reward ? *options.block_reward : fork_block_reward(block.revision);
    if (!reward) return;
    State state(overlay);
    // YP eq. 169-171: the miner gets 1/32 of the reward per ommer; an ommer's miner gets
    // (8 + ommer_number - number) / 8 of it.
    const uint256 per_ommer = reward / uint256{32};
    state.add_balance(block.env.coinbase, reward + per_ommer * uint256{block.env.ommers.size()});
    for (const auto& [ommer_coinbase, ommer_number] : block.env.ommers) {
        const int64_t eighths = 8 + ommer_number - block.env.number;
        if (eighths <= 0) continue;
        state.add_balance(ommer_coinbase,
                          reward * uint256{static_cast<uint64_t>(eighths)} / uint256{8});
    }
    state.finalize(block.revision >= Revision::spurious_dragon);
    overlay.apply(state.write_set());
}

}  // namespace

void apply_pre_block_system_calls(const BlockContext& ctx,
                                  const Block& block,
                                  BlockOverlay& overlay,
                                  std::vector<WriteSet>* writes) {
    // EIP-4788: store the parent beacon block root.
    if (block.revision >= Revision::cancun && block.env.parent_beacon_block_root)
        run_system_call(ctx, overlay, beacon_roots_address,
                        block.env.parent_beacon_block_root->view(), writes);
    // EIP-2935: store the parent block hash.
    if (block.revision >= Revision::prague && block.env.parent_hash)
        run_system_call(ctx, overlay, history_storage_address, block.env.parent_hash->view(),
                        writes);
}

void apply_post_block(const Block& block,
                      const ExecutionOptions& options,
                      BlockOverlay& overlay,
                      BlockResult* result) {
    // EIP-4895: withdrawals credit gwei amounts; a zero withdrawal to an empty account leaves
    // no account behind.
    if (block.revision >= Revision::shanghai && !block.env.withdrawals.empty()) {
        State state(overlay);
        for (const Withdrawal& w : block.env.withdrawals)
            state.add_balance(w.address, uint256{w.amount_gwei} * uint256{1'000'000'000});
        state.finalize(true);
        overlay.apply(state.write_set());
    }
    // EIP-7002 / EIP-7251: the request contracts dequeue their queues.
    if (block.revision >= Revision::prague) {
        const BlockContext ctx = make_block_context(block, shared_code_cache());
        const auto withdrawals = run_system_call(ctx, overlay, withdrawal_request_address, {});
        const auto consolidations =
            run_system_call(ctx, overlay, consolidation_request_address, {});
        if (result != nullptr) collect_requests(withdrawals, consolidations, *result);
    }
    apply_rewards(block, options, overlay);
}

bool execute_transactions_in_order(const BlockContext& ctx,
                                   const Block& block,
                                   size_t first,
                                   const ExecutionOptions& options,
                                   BlockOverlay& overlay,
                                   BlockResult& result) {
    const uint64_t max_blob_gas = parevm::max_blob_gas(block);
    result.receipts.reserve(result.receipts.size() + (block.txs.size() - first));
    for (size_t i = first; i < block.txs.size(); ++i) {
        const uint64_t block_gas_limit = static_cast<uint64_t>(block.env.gas_limit);
        const uint64_t gas_left =
            block_gas_limit > result.gas_used ? block_gas_limit - result.gas_used : 0;
        const uint64_t blob_gas_left =
            max_blob_gas > result.blob_gas_used ? max_blob_gas - result.blob_gas_used : 0;
        State state(overlay);
        TxOutcome outcome = execute_transaction(ctx, block.txs[i], state, gas_left, blob_gas_left);
        const Taken taken = take_outcome(i, outcome, options, result);
        if (taken == Taken::invalid) return false;
        if (taken == Taken::receipt) overlay.apply(state.write_set());
    }
    return true;
}

Taken take_outcome(size_t index,
                   TxOutcome& outcome,
                   const ExecutionOptions& options,
                   BlockResult& result) {
    if (outcome.error) {
        const RejectedTx rejected{index, *outcome.error};
        if (!options.skip_invalid_txs) {
            result.invalid = rejected;
            return Taken::invalid;
        }
        result.rejected.push_back(rejected);
        return Taken::rejected;
    }
    Receipt& rc = outcome.receipt;
    result.gas_used += rc.gas_used;
    result.blob_gas_used += rc.blob_gas_used;
    rc.cumulative_gas_used = result.gas_used;
    accumulate_bloom(result.logs_bloom, rc.bloom);
    result.receipts.push_back(std::move(rc));
    return Taken::receipt;
}

BlockResult execute_block_sequential(const Block& block,
                                     const StateView& pre,
                                     const ExecutionOptions& options) {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    BlockResult result;
    result.stats.incarnations = block.txs.size();
    BlockOverlay overlay(pre);
    overlay.reserve(expected_accounts(block));
    const BlockContext ctx = make_block_context(block, shared_code_cache());
    apply_pre_block_system_calls(ctx, block, overlay);

    if (!execute_transactions_in_order(ctx, block, 0, options, overlay, result)) return result;
    const auto executed = Clock::now();

    apply_post_block(block, options, overlay, &result);
    result.state_diff = overlay.diff();
    result.stats.execute_ms = std::chrono::duration<double, std::milli>(executed - start).count();
    result.stats.finalize_ms =
        std::chrono::duration<double, std::milli>(Clock::now() - executed).count();
    result.stats.finalize_serial_ms = result.stats.finalize_ms;
    return result;
}

}  // namespace parevm
