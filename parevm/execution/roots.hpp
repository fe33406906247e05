// SPDX-License-Identifier: Apache-2.0
// parevm: the block header's list roots: transactions, receipts and withdrawals tries.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/execution/transaction.hpp>

#include <span>

namespace parevm {

/// Root of the trie mapping rlp(index) to the canonical encoding of each transaction (typed ones
/// as type || rlp(payload), not wrapped again as an RLP string; EIP-2718).
Hash256 transactions_root(std::span<const Transaction> txs);

/// Root of the trie mapping rlp(index) to each receipt's Byzantium+ encoding (EIP-658).
Hash256 receipts_root(std::span<const Receipt> receipts);

/// Pre-Byzantium receipts root: each receipt carries the state root after its transaction.
/// `post_state_roots` must have one entry per receipt.
Hash256 receipts_root(std::span<const Receipt> receipts, std::span<const Hash256> post_state_roots);

/// EIP-4895: root of the trie mapping rlp(index) to rlp([index, validatorIndex, address, amount]).
Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals);

}  // namespace parevm
