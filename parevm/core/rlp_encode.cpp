// SPDX-License-Identifier: Apache-2.0
// parevm: RLP encoding (Yellow Paper appendix B): minimal lengths, integers without leading zeros.
#include <parevm/core/rlp.hpp>

namespace parevm::rlp {
namespace {

/// Header for a string (offset 0x80) or list (offset 0xc0) of `len` payload bytes.
bytes header(size_t len, uint8_t offset) {
    bytes h;
    if (len < 56) {
        h.push_back(static_cast<uint8_t>(offset + len));
        return h;
    }
    uint8_t be[8];
    int n = 0;
    for (size_t v = len; v != 0; v >>= 8) be[n++] = static_cast<uint8_t>(v);
    h.push_back(static_cast<uint8_t>(offset + 55 + n));
    while (n > 0) h.push_back(be[--n]);
    return h;
}

}  // namespace

bytes encode(bytes_view s) {
    if (s.size() == 1 && s[0] < 0x80) return bytes{s};
    bytes out = header(s.size(), 0x80);
    out.append(s);
    return out;
}

bytes encode(uint64_t x) {
    uint8_t be[8];
    int n = 0;
    for (uint64_t v = x; v != 0; v >>= 8) be[7 - n++] = static_cast<uint8_t>(v);
    return encode(bytes_view{be + 8 - n, static_cast<size_t>(n)});
}

bytes encode(const uint256& x) {
    const Hash256 be = be_store(x);
    const size_t n = count_significant_bytes(x);
    return encode(bytes_view{be.data() + 32 - n, n});
}

bytes wrap_list(bytes_view payload) {
    bytes out = header(payload.size(), 0xc0);
    out.append(payload);
    return out;
}

bytes encode_list(std::initializer_list<bytes_view> encoded_items) {
    bytes payload;
    for (auto item : encoded_items) payload.append(item);
    return wrap_list(payload);
}

}  // namespace parevm::rlp
