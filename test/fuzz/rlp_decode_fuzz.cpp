// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: strict RLP decoding. No crash or read outside the input, and whatever
// decodes re-encodes to exactly the bytes it came from (only canonical encodings are accepted).

#include "fuzz_check.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>

#include <cstddef>
#include <cstdint>

using namespace parevm;

namespace {

bool within(bytes_view inner, bytes_view outer) {
    if (inner.empty()) return true;
    return inner.data() >= outer.data() &&
           inner.data() + inner.size() <= outer.data() + outer.size();
}

/// Walks one item recursively; returns its canonical re-encoding. decode_item checks only a
/// list's header, so a list whose payload does not split into items is re-wrapped as it is.
bytes walk(const rlp::Item& item, bytes_view whole, int depth) {
    FUZZ_CHECK(within(item.payload, whole), "payload outside the input");
    if (!item.is_list) return rlp::encode(item.payload);
    if (depth >= 64) return rlp::wrap_list(item.payload);
    const auto items = rlp::decode_items(item.payload);
    if (!items.ok()) return rlp::wrap_list(item.payload);
    bytes inner;
    for (const auto& child : *items) inner += walk(child, whole, depth + 1);
    FUZZ_CHECK(inner == bytes{item.payload}, "list items do not re-encode to the payload");
    return rlp::wrap_list(inner);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const bytes_view in{data, size};

    // A sequence of items: each consumed item re-encodes to the bytes it was read from.
    bytes_view rest = in;
    while (!rest.empty()) {
        const bytes_view before = rest;
        const auto item = rlp::decode_item(rest);
        if (!item.ok()) {
            FUZZ_CHECK(rest.size() == before.size(), "failed decode_item advanced the input");
            break;
        }
        const size_t used = before.size() - rest.size();
        FUZZ_CHECK(used > 0, "decode_item consumed nothing");
        const bytes again = walk(*item, in, 0);
        FUZZ_CHECK(
            again == before.substr(0, used),
            "re-encoding differs: " + to_hex(before.substr(0, used)) + " -> " + to_hex(again));
    }

    // decode_single and decode_list agree with decode_item on the whole input.
    const auto single = rlp::decode_single(in);
    if (single.ok()) FUZZ_CHECK(walk(*single, in, 0) == bytes{in}, "decode_single round trip");
    const auto list = rlp::decode_list(in);
    if (list.ok()) FUZZ_CHECK(single.ok() && single->is_list, "decode_list without a single list");

    // Typed readers: a successful read re-encodes to the consumed bytes.
    {
        bytes_view r = in;
        const auto v = rlp::decode_uint64(r);
        if (v.ok()) {
            FUZZ_CHECK(rlp::encode(*v) == bytes{in.substr(0, in.size() - r.size())}, "uint64");
        } else {
            FUZZ_CHECK(r.size() == in.size(), "failed decode_uint64 advanced the input");
        }
    }
    {
        bytes_view r = in;
        const auto v = rlp::decode_uint256(r);
        if (v.ok())
            FUZZ_CHECK(rlp::encode(*v) == bytes{in.substr(0, in.size() - r.size())}, "u256");
    }
    {
        bytes_view r = in;
        const auto v = rlp::decode_address(r);
        if (v.ok())
            FUZZ_CHECK(rlp::encode(*v) == bytes{in.substr(0, in.size() - r.size())}, "addr");
    }
    {
        bytes_view r = in;
        const auto v = rlp::decode_hash(r);
        if (v.ok())
            FUZZ_CHECK(rlp::encode(*v) == bytes{in.substr(0, in.size() - r.size())}, "hash");
    }
    return 0;
}
