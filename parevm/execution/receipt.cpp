// SPDX-License-Identifier: Apache-2.0
// parevm: logs bloom, receipt encoding, logs hash.
#include <parevm/execution/receipt.hpp>

#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>

namespace parevm {
namespace {

/// YP eq. 29-30: bits from byte pairs (0,1), (2,3), (4,5) of keccak(item), each taken mod 2048;
/// bit k counts from the least significant end of the 256-byte big-endian bloom.
void add_to_bloom(Bloom& bloom, bytes_view item) noexcept {
    const Hash256 h = keccak256(item);
    for (size_t i = 0; i < 6; i += 2) {
        const unsigned bit = ((unsigned{h.bytes[i]} << 8) | h.bytes[i + 1]) & 2047u;
        bloom[bloom.size() - 1 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
}

bytes encode_log(const Log& log) {
    bytes topics;
    for (const auto& t : log.topics) topics += rlp::encode(t);
    return rlp::encode_list(
        {rlp::encode(log.address), rlp::wrap_list(topics), rlp::encode(log.data)});
}

bytes encode_receipt_with(const Receipt& r, const bytes& first_field) {
    bytes list = rlp::encode_list({first_field, rlp::encode(r.cumulative_gas_used),
                                   rlp::encode(bytes_view{r.bloom.data(), r.bloom.size()}),
                                   encode_logs(r.logs)});
    if (r.type == TxType::legacy) return list;
    bytes out;
    out.reserve(list.size() + 1);
    out.push_back(static_cast<uint8_t>(r.type));  // EIP-2718 typed receipt
    out += list;
    return out;
}

}  // namespace

Bloom logs_bloom(std::span<const Log> logs) {
    Bloom bloom{};
    for (const auto& log : logs) {
        add_to_bloom(bloom, log.address.view());
        for (const auto& t : log.topics) add_to_bloom(bloom, t.view());
    }
    return bloom;
}

void accumulate_bloom(Bloom& into, const Bloom& other) noexcept {
    for (size_t i = 0; i < into.size(); ++i) into[i] |= other[i];
}

bytes encode_logs(std::span<const Log> logs) {
    bytes items;
    for (const auto& log : logs) items += encode_log(log);
    return rlp::wrap_list(items);
}

Hash256 logs_hash(std::span<const Log> logs) {
    return keccak256(encode_logs(logs));
}

bytes encode_receipt(const Receipt& r) {
    // EIP-658: status 1 for success, empty string (0) for failure.
    return encode_receipt_with(r, rlp::encode(uint64_t{r.success ? 1u : 0u}));
}

bytes encode_receipt(const Receipt& r, const Hash256& post_state_root) {
    return encode_receipt_with(r, rlp::encode(post_state_root));
}

}  // namespace parevm
