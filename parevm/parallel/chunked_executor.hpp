// SPDX-License-Identifier: Apache-2.0
// parevm: the chunked executor, speculative chunks committed in order.
//
// The block's transactions are cut into one contiguous chunk per worker. Worker 0 executes the
// first chunk in order over the block's state, exactly as the sequential executor would. Every
// other worker executes its chunk in order over the block's base state (before any transaction)
// plus its own chunk's earlier writes, recording the locations each transaction reads and
// writes: a speculation that holds when no earlier chunk wrote what the transaction read.
// Chunks are committed in block order, each by its own worker: a speculative transaction whose
// reads no earlier chunk (and no re-executed transaction of its own chunk) wrote is taken as it
// is, its writes folded into the block's state; any other is executed again there, in order.
// As soon as the previous chunk is committed a worker stops speculating and executes the rest of
// its chunk directly over the block's state, so that a chunk whose speculation fails costs
// about what the sequential executor would have spent on it.
//
// The previous chunk's worker, done by then, checks half of the next chunk's reads and folds
// half of its writes. A worker out of work takes the upper half of the unclaimed transactions
// of the chunk executing directly, as a piece it speculates and that chunk's worker commits
// after its own (the gas limits the chunks are cut by misjudge the work of many blocks); once
// that worker is done with its own part it reclaims the piece: the thief stops after the
// transaction at hand and the rest runs directly (a count of transactions misjudges a piece's
// work too). A probe checks the second chunk's first transactions against the first chunk's
// writes as they run: a block contended on a few locations runs in order on one worker, one
// contended more widely is handed to Block-STM.
//
// A speculated plain ether transfer whose sender sent an earlier transaction of the block does
// not read its sender (whose nonce that one wrote): it records a debit, which its commit checks
// against the block's state (nonce, balance, no code) before folding it in; one sender's chain
// of transfers (pool payouts, exchange withdrawals) then runs in parallel like distinct senders.
//
// Next to Block-STM this does no multi-version bookkeeping: a transaction's reads are kept as
// 64-bit location hashes, checked once against the earlier chunks' written hashes. It wins where
// transactions rarely depend on one another across the chunk boundaries (independent transfers
// and swaps) and on few workers; it cannot overlap the re-executions of a contended block, which
// Block-STM can.
#pragma once

#include <parevm/execution/block.hpp>
#include <parevm/parallel/types.hpp>

#include <optional>
#include <vector>

namespace parevm::parallel {

/// ExecutionStats::fallback of a block the contention probe ran in order on one worker.
inline constexpr const char* collapsed_fallback = "a hot location: the chunks ran in order";

/// How execute_block_chunked ended.
struct ChunkedRun {
    enum class End {
        done,               // `result` holds the block's result
        over_block_limits,  // a transaction exceeds the block's remaining gas or blob gas: the
                            // caller runs the block in order (which reports it as the
                            // sequential executor does)
        contended,          // the probe found the block contended: the caller runs Block-STM
    };
    End end = End::done;
    BlockResult result;
};

/// Executes the block's transactions (2 or more) in `threads` speculative chunks (one thread:
/// one chunk, executed directly, the parallel machinery's cost without parallelism). The
/// result equals execute_block_sequential's, field for field. With `probe`, the first transactions
/// of the second chunk are checked against the first chunk's writes as they run: when a third of
/// them conflict, the block either runs in order on one worker (few locations conflict: a hot
/// slot) or ends as `contended`. `previous_same_sender` links each transaction to its sender's
/// previous one in the block (same_sender_links): a speculated plain transfer with such a link
/// records its sender's part as a SenderDebit, checked as it commits, instead of reading the
/// nonce and balance the previous one writes (one sender's chain of transfers then does not
/// conflict across chunks).
ChunkedRun execute_block_chunked(const Block& block,
                                 const StateView& pre,
                                 const ExecutionOptions& options,
                                 unsigned threads,
                                 bool probe,
                                 const std::vector<std::optional<TxIdx>>& previous_same_sender);

}  // namespace parevm::parallel
