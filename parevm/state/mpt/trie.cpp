// SPDX-License-Identifier: Apache-2.0
// parevm: trie root by sorting the keys and encoding each node once, from the leaves up.
//
// With the keys sorted, the entries under any node form one contiguous run, and the common
// prefix of a run is the common prefix of its first and last keys. A run of one entry is a leaf;
// a run whose keys share more nibbles than the current depth is an extension; otherwise it is a
// branch over the next nibble, holding the value of the key that ends exactly here (if any).
//
// Every node is RLP-encoded straight into one growing buffer: a child is written where its
// parent's payload needs it and, when 32 bytes or longer, replaced in place by its hash. Apart
// from that buffer and the sorted index nothing is allocated per node.
#include <parevm/state/mpt/trie.hpp>

#include <parevm/crypto/keccak.hpp>

#include <algorithm>
#include <cstring>
#include <span>

namespace parevm {
namespace {

struct Entry {
    bytes_view key;
    bytes_view value;
};

/// Nibble i of a key, most significant first.
inline uint8_t nibble(bytes_view key, size_t i) noexcept {
    const uint8_t b = key[i / 2];
    return i % 2 == 0 ? b >> 4 : b & 0x0f;
}

/// Big-endian length bytes of an RLP long-form header; returns how many.
inline size_t length_bytes(size_t len, uint8_t* be) noexcept {
    size_t n = 0;
    for (size_t v = len; v != 0; v >>= 8) ++n;
    for (size_t i = 0; i < n; ++i) be[i] = static_cast<uint8_t>(len >> (8 * (n - 1 - i)));
    return n;
}

/// Appends an RLP string header for a payload of `len` bytes (YP appendix B).
inline void append_string_header(bytes& out, size_t len) {
    if (len < 56) {
        out.push_back(static_cast<uint8_t>(0x80 + len));
        return;
    }
    uint8_t be[8];
    const size_t n = length_bytes(len, be);
    out.push_back(static_cast<uint8_t>(0xb7 + n));
    out.append(be, n);
}

/// Appends rlp(s).
inline void append_string(bytes& out, bytes_view s) {
    if (s.size() == 1 && s[0] < 0x80) {
        out.push_back(s[0]);
        return;
    }
    append_string_header(out, s.size());
    out.append(s);
}

/// Appends rlp(hex_prefix(key nibbles [from, to), leaf)) (YP appendix C): flag nibble 2 for
/// leaves, +1 for an odd length (the first nibble then shares the flag byte).
void append_hex_prefix(bytes& out, bytes_view key, size_t from, size_t to, bool leaf) {
    const size_t n = to - from;
    const bool odd = n % 2 != 0;
    const size_t len = n / 2 + 1;
    const uint8_t flag = static_cast<uint8_t>((leaf ? 2 : 0) + (odd ? 1 : 0));
    const uint8_t first =
        static_cast<uint8_t>(flag << 4 | (odd ? nibble(key, from) : 0));  // < 0x80 always
    if (len > 1) append_string_header(out, len);
    out.push_back(first);
    const size_t i = from + (odd ? 1 : 0);
    if (i % 2 == 0) {  // byte-aligned rest (always so for leaves: their path ends the key)
        out.append(key.substr(i / 2, (to - i) / 2));
        return;
    }
    for (size_t k = i; k < to; k += 2)
        out.push_back(static_cast<uint8_t>(nibble(key, k) << 4 | nibble(key, k + 1)));
}

/// Bytes of rlp(hex_prefix(path of n nibbles)).
inline size_t hex_prefix_rlp_size(size_t n) noexcept {
    const size_t len = n / 2 + 1;
    if (len == 1) return 1;  // the flag byte alone, < 0x80
    uint8_t be[8];
    return (len < 56 ? 1 : 1 + length_bytes(len, be)) + len;
}

/// Bytes of rlp(s).
inline size_t string_rlp_size(bytes_view s) noexcept {
    if (s.size() == 1 && s[0] < 0x80) return 1;
    if (s.size() < 56) return 1 + s.size();
    uint8_t be[8];
    return 1 + length_bytes(s.size(), be) + s.size();
}

/// Appends an RLP list header for a payload of `len` bytes.
inline void append_list_header(bytes& out, size_t len) {
    if (len < 56) {
        out.push_back(static_cast<uint8_t>(0xc0 + len));
        return;
    }
    uint8_t be[8];
    const size_t n = length_bytes(len, be);
    out.push_back(static_cast<uint8_t>(0xf7 + n));
    out.append(be, n);
}

/// Room left before a list payload for its header, filled in by close_list.
constexpr size_t max_list_header = 9;

size_t open_list(bytes& out) {
    const size_t start = out.size();
    out.append(max_list_header, 0);
    return start;
}

/// Writes the list header for the payload after `start + max_list_header` and closes the gap.
void close_list(bytes& out, size_t start) {
    const size_t len = out.size() - start - max_list_header;
    uint8_t header[max_list_header];
    size_t h = 0;
    if (len < 56) {
        header[h++] = static_cast<uint8_t>(0xc0 + len);
    } else {
        uint8_t be[8];
        const size_t n = length_bytes(len, be);
        header[h++] = static_cast<uint8_t>(0xf7 + n);
        std::memcpy(header + h, be, n);
        h += n;
    }
    std::memcpy(out.data() + start, header, h);
    out.erase(start + h, max_list_header - h);
}

void append_node(bytes& out, std::span<const Entry> run, size_t depth);

/// Appends how a parent refers to the node over `run` (YP eq. 194): the node's RLP itself when
/// shorter than 32 bytes (inlined), else the RLP string of its keccak256.
void append_reference(bytes& out, std::span<const Entry> run, size_t depth) {
    const size_t start = out.size();
    append_node(out, run, depth);
    const size_t len = out.size() - start;
    if (len < 32) return;
    const Hash256 h = keccak256(bytes_view{out.data() + start, len});
    out.resize(start);
    out.push_back(0x80 + 32);
    out.append(h.view());
}

/// Appends the RLP of the node over `run`, whose keys agree on their first `depth` nibbles.
void append_node(bytes& out, std::span<const Entry> run, size_t depth) {
    const bytes_view first = run.front().key;
    if (run.size() == 1) {  // leaf: its size is known up front, so no header gap to close
        const size_t path = first.size() * 2 - depth;
        append_list_header(out, hex_prefix_rlp_size(path) + string_rlp_size(run.front().value));
        append_hex_prefix(out, first, depth, first.size() * 2, true);
        append_string(out, run.front().value);
        return;
    }
    const size_t list = open_list(out);

    const bytes_view last = run.back().key;
    const size_t limit = std::min(first.size(), last.size()) * 2;
    size_t common = depth;
    while (common < limit && nibble(first, common) == nibble(last, common)) ++common;
    if (common > depth) {
        append_hex_prefix(out, first, depth, common, false);
        append_reference(out, run, common);
        close_list(out, list);
        return;
    }

    // Branch. Sorting puts a key that ends at this depth first (it is a prefix of the others).
    size_t i = 0;
    bytes_view value;
    if (first.size() * 2 == depth) {
        value = run.front().value;
        i = 1;
    }
    for (uint8_t slot = 0; slot < 16; ++slot) {
        size_t j = i;
        while (j < run.size() && nibble(run[j].key, depth) == slot) ++j;
        if (j == i)
            out.push_back(0x80);  // empty slot: rlp("")
        else
            append_reference(out, run.subspan(i, j - i), depth + 1);
        i = j;
    }
    append_string(out, value);  // rlp("") = 0x80 when no key ends here
    close_list(out, list);
}

}  // namespace

Hash256 trie_root(std::vector<std::pair<bytes, bytes>> entries) {
    // Sort views, not the strings. Last write wins for repeated keys: the stable sort keeps
    // insertion order among equal keys, and only the last of each group is kept.
    std::vector<Entry> sorted;
    sorted.reserve(entries.size());
    for (const auto& [key, value] : entries) sorted.push_back(Entry{key, value});
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Entry& a, const Entry& b) { return a.key < b.key; });
    std::vector<Entry> run;
    run.reserve(sorted.size());
    for (size_t i = 0; i < sorted.size(); ++i) {
        if (i + 1 < sorted.size() && sorted[i + 1].key == sorted[i].key) continue;
        if (sorted[i].value.empty()) continue;  // an empty value is no entry
        run.push_back(sorted[i]);
    }
    if (run.empty()) return keccak256(bytes{0x80});  // keccak256(rlp(""))

    bytes out;
    out.reserve(1024);
    append_node(out, run, 0);
    return keccak256(out);
}

}  // namespace parevm
