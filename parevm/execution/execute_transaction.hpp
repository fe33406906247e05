// SPDX-License-Identifier: Apache-2.0
// parevm: validation and execution of one transaction over a State (the seam of DESIGN.md §2).
#pragma once

#include <parevm/evm/revision.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/execution/code_cache.hpp>
#include <parevm/execution/transaction.hpp>
#include <parevm/execution/tx_error.hpp>
#include <parevm/state/state.hpp>

#include <cstdint>
#include <optional>

namespace parevm {

/// What every transaction of a block shares: the fork, the header values and the code cache.
/// The sequential and the parallel executor build one per block.
struct BlockContext {
    Revision revision = latest_revision;
    uint256 chain_id = 1;
    const BlockEnv* env = nullptr;
    BlobSchedule blob_schedule;
    uint256 blob_base_fee;  // EIP-4844, from env->excess_blob_gas
    /// The analyses of this block's code (shared by its workers), in front of a CodeCache.
    std::shared_ptr<BlockCodeCache> code_cache;
};

/// Builds the context of `block` (computes the blob base fee).
BlockContext make_block_context(const Block& block, CodeCache& code_cache);

/// The result of one transaction: either why it is invalid (state untouched) or its receipt
/// (cumulative_gas_used is left for the block executor to fill in).
struct TxOutcome {
    std::optional<TxError> error;
    Receipt receipt;
};

/// EIP-4844: fake_exponential(factor, numerator, denominator), the blob base fee formula.
/// Saturates at 2^256-1.
uint256 fake_exponential(const uint256& factor,
                         const uint256& numerator,
                         const uint256& denominator);

/// EIP-4844: the blob gas price for a header's excess_blob_gas.
uint256 blob_base_fee(uint64_t excess_blob_gas, const BlobSchedule& schedule);

/// Intrinsic gas and the EIP-7623 floor of `tx` under `rev`.
struct IntrinsicGas {
    uint64_t gas = 0;
    uint64_t floor = 0;  // 0 before Prague
};
IntrinsicGas intrinsic_gas(const Transaction& tx, Revision rev);

/// Whether `tx` has the form of a plain ether transfer: a call without data, blobs or
/// authorizations (it is one when its target has no code and is no precompile).
inline bool transfer_form(const Transaction& tx) {
    return tx.to.has_value() && tx.data.empty() && tx.type != TxType::blob &&
           tx.type != TxType::set_code;
}

/// A plain ether transfer (transfer_form, to another account without code that is no
/// precompile) executed with its sender's part deferred: validated but for the
/// checks of the sender's account, its nonce and balance left out of `state` and set in `debit`
/// (which the caller adds to the write set and checks as it folds it), the value and the fee
/// deferred credits; the same effects as execute_transaction where the debit applies. Needs
/// `state` with deferred credits on and nothing loaded. `debit` is set when the outcome has no
/// error; nullopt when `tx` is no such transfer (or its upfront cost passes 2^256): then
/// execute_transaction runs it.
std::optional<TxOutcome> execute_debited_transfer(const BlockContext& block,
                                                  const Transaction& tx,
                                                  State& state,
                                                  uint64_t block_gas_left,
                                                  uint64_t block_blob_gas_left,
                                                  SenderDebit& debit);

/// Validates `tx` against the state and the block's remaining gas and blob gas, then executes
/// it: buys gas, runs the message through StateHost, refunds, pays the coinbase, finalizes
/// SELFDESTRUCT and EIP-161 deletions. On success `state` holds the finalized transaction (its
/// write_set() is ready); on error `state` is left as given.
TxOutcome execute_transaction(const BlockContext& block,
                              const Transaction& tx,
                              State& state,
                              uint64_t block_gas_left,
                              uint64_t block_blob_gas_left);

/// Runs a system call (EIP-4788, EIP-2935, EIP-7002, EIP-7251): caller 0xff..fe, 30M gas, no
/// fee, no nonce, not counted in the block's gas. Finalizes `state` and returns the frame's
/// result; nullopt (and nothing done) when `target` has no code.
std::optional<Result> system_call(const BlockContext& block,
                                  State& state,
                                  const Address& target,
                                  bytes_view input);

}  // namespace parevm
