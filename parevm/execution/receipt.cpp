// SPDX-License-Identifier: Apache-2.0
// parevm: logs bloom, receipt encoding, logs hash.
#include <parevm/execution/receipt.hpp>

#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>

#include <algorithm>
#include <array>
#include <cstring>

namespace parevm {
namespace {

/// The three bloom bits of an item (YP eq. 29-30): from byte pairs (0,1), (2,3), (4,5) of
/// keccak(item), each taken mod 2048.
std::array<uint16_t, 3> bloom_bits(bytes_view item) noexcept {
    const Hash256 h = keccak256(item);
    std::array<uint16_t, 3> out{};
    for (size_t i = 0; i < 3; ++i)
        out[i] =
            static_cast<uint16_t>(((unsigned{h.bytes[2 * i]} << 8) | h.bytes[2 * i + 1]) & 2047u);
    return out;
}

/// The bloom bits of recently seen items, per thread: most logs repeat their contract's address
/// and their event's signature (topic 0), whose keccak then costs a lookup. Direct-mapped; an
/// entry holds the whole item, so a hit is exact.
class BloomBitsCache {
public:
    std::array<uint16_t, 3> bits(bytes_view item) noexcept {
        if (item.size() > 32) return bloom_bits(item);
        // Addresses (20 bytes) and topics (32) differ in their last bytes; shorter items are
        // rare and share one entry.
        uint64_t head = 0, tail = 0;
        if (item.size() >= 8) {
            std::memcpy(&head, item.data(), 8);
            std::memcpy(&tail, item.data() + item.size() - 8, 8);
        }
        const uint64_t h =
            (head * 0x9e3779b97f4a7c15ull) ^ (tail * 0xc2b2ae3d27d4eb4full) ^ item.size();
        Entry& e = entries_[(h >> 57) % entries_.size()];
        if (e.size == item.size() && std::equal(item.begin(), item.end(), e.item.begin()))
            return e.bits;
        e.size = static_cast<uint8_t>(item.size());
        std::copy(item.begin(), item.end(), e.item.begin());
        e.bits = bloom_bits(item);
        return e.bits;
    }

private:
    struct Entry {
        uint8_t size = 0xff;  // no item
        std::array<uint8_t, 32> item{};
        std::array<uint16_t, 3> bits{};
    };
    std::array<Entry, 128> entries_{};
};

/// Bit k counts from the least significant end of the 256-byte big-endian bloom.
void add_to_bloom(Bloom& bloom, bytes_view item) noexcept {
    thread_local BloomBitsCache cache;
    for (const uint16_t bit : cache.bits(item))
        bloom[bloom.size() - 1 - bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
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
