// SPDX-License-Identifier: Apache-2.0
// parevm: transactions, receipts and withdrawals roots (ordered tries keyed by rlp(index)).
#include <parevm/execution/roots.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/state/mpt/trie.hpp>

namespace parevm {
namespace {

/// Builds the ordered list trie: key rlp(i), value encode(items[i]) as is (the trie node wraps it).
template <typename T, typename Encode>
Hash256 list_root(std::span<const T> items, Encode encode) {
    std::vector<std::pair<bytes, bytes>> entries;
    entries.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i)
        entries.emplace_back(rlp::encode(uint64_t{i}), encode(i, items[i]));
    return trie_root(std::move(entries));
}

}  // namespace

Hash256 transactions_root(std::span<const Transaction> txs) {
    return list_root(txs, [](size_t, const Transaction& tx) { return encode_transaction(tx); });
}

Hash256 receipts_root(std::span<const Receipt> receipts) {
    return list_root(receipts, [](size_t, const Receipt& r) { return encode_receipt(r); });
}

Hash256 receipts_root(std::span<const Receipt> receipts,
                      std::span<const Hash256> post_state_roots) {
    PAREVM_ASSERT(receipts.size() == post_state_roots.size());
    return list_root(receipts, [post_state_roots](size_t i, const Receipt& r) {
        return encode_receipt(r, post_state_roots[i]);
    });
}

Hash256 withdrawals_root(std::span<const Withdrawal> withdrawals) {
    return list_root(withdrawals, [](size_t, const Withdrawal& w) {
        return rlp::encode_list({rlp::encode(w.index), rlp::encode(w.validator_index),
                                 rlp::encode(w.address), rlp::encode(w.amount_gwei)});
    });
}

}  // namespace parevm
