// SPDX-License-Identifier: Apache-2.0
// parevm: RLP encoding vectors (Yellow Paper appendix B, Ethereum wiki), round trips, and strict
// decoding that rejects every non-canonical form.
#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

using namespace parevm;
using rlp::DecodeError;

namespace {

bytes b(std::initializer_list<uint8_t> v) {
    return bytes(v.begin(), v.end());
}
bytes str(std::string_view s) {
    return bytes(s.begin(), s.end());
}
bytes operator+(bytes a, const bytes& c) {
    a += c;
    return a;
}

/// The error from a failed result, or a test failure when it succeeded.
template <typename T>
DecodeError error_of(const rlp::Result<T>& r) {
    if (r.ok()) {
        ADD_FAILURE() << "decoding succeeded where an error was expected";
        return DecodeError::too_long;
    }
    return r.error();
}

DecodeError item_error(const bytes& in) {
    bytes_view v = in;
    const auto r = rlp::decode_item(v);
    if (!r.ok()) {
        EXPECT_EQ(v.size(), in.size()) << "input consumed on error";
    }
    return error_of(r);
}

const std::string kLorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

}  // namespace

TEST(RlpEncode, KnownVectors) {
    EXPECT_EQ(rlp::encode(str("dog")), b({0x83, 'd', 'o', 'g'}));
    EXPECT_EQ(rlp::encode_list({rlp::encode(str("cat")), rlp::encode(str("dog"))}),
              b({0xc8, 0x83, 'c', 'a', 't', 0x83, 'd', 'o', 'g'}));
    EXPECT_EQ(rlp::encode(bytes_view{}), b({0x80}));
    EXPECT_EQ(rlp::encode_list({}), b({0xc0}));
    EXPECT_EQ(rlp::encode(uint64_t{0}), b({0x80}));
    EXPECT_EQ(rlp::encode(uint256{0}), b({0x80}));
    EXPECT_EQ(rlp::encode(b({0x00})), b({0x00}));  // the byte 0x00 is its own encoding
    EXPECT_EQ(rlp::encode(uint64_t{0x0f}), b({0x0f}));
    EXPECT_EQ(rlp::encode(b({0x0f})), b({0x0f}));
    EXPECT_EQ(rlp::encode(uint64_t{1024}), b({0x82, 0x04, 0x00}));
    EXPECT_EQ(rlp::encode(uint256{1024}), b({0x82, 0x04, 0x00}));
    EXPECT_EQ(rlp::encode(uint64_t{0x7f}), b({0x7f}));
    EXPECT_EQ(rlp::encode(uint64_t{0x80}), b({0x81, 0x80}));
    EXPECT_EQ(rlp::encode(~uint64_t{0}), b({0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}));
    // The set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ].
    const bytes empty = rlp::encode_list({});
    const bytes one = rlp::encode_list({empty});
    const bytes two = rlp::encode_list({empty, one});
    EXPECT_EQ(rlp::encode_list({empty, one, two}),
              b({0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0}));
    // 56 bytes: the first length that needs the long form.
    ASSERT_EQ(kLorem.size(), 56u);
    EXPECT_EQ(rlp::encode(str(kLorem)), b({0xb8, 0x38}) + str(kLorem));
    EXPECT_EQ(rlp::encode(str(kLorem.substr(0, 55))), b({0xb7}) + str(kLorem.substr(0, 55)));
    EXPECT_EQ(rlp::wrap_list(str(kLorem)), b({0xf8, 0x38}) + str(kLorem));
    EXPECT_EQ(rlp::encode(bytes(256, 0xaa)), b({0xb9, 0x01, 0x00}) + bytes(256, 0xaa));
    EXPECT_EQ(rlp::encode(bytes(65536, 0)), b({0xba, 0x01, 0x00, 0x00}) + bytes(65536, 0));
    EXPECT_EQ(rlp::encode(address_from_u64(1)), b({0x94}) + bytes(19, 0) + b({0x01}));
}

TEST(RlpDecode, KnownVectors) {
    const bytes dog = b({0x83, 'd', 'o', 'g'});
    const auto item = rlp::decode_single(dog);
    ASSERT_TRUE(item.ok());
    EXPECT_FALSE(item->is_list);
    EXPECT_EQ(bytes(item->payload), str("dog"));

    const bytes cat_dog = b({0xc8, 0x83, 'c', 'a', 't', 0x83, 'd', 'o', 'g'});
    const auto list = rlp::decode_list(cat_dog);  // the items point into cat_dog
    ASSERT_TRUE(list.ok());
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ(bytes((*list)[0].payload), str("cat"));
    EXPECT_EQ(bytes((*list)[1].payload), str("dog"));

    const bytes empty_string = b({0x80});
    const auto empty = rlp::decode_single(empty_string);
    ASSERT_TRUE(empty.ok());
    EXPECT_FALSE(empty->is_list);
    EXPECT_TRUE(empty->payload.empty());
    const bytes empty_list_enc = b({0xc0});
    const auto empty_list = rlp::decode_list(empty_list_enc);
    ASSERT_TRUE(empty_list.ok());
    EXPECT_TRUE(empty_list->empty());

    bytes_view in;
    const bytes f = b({0x0f});
    in = f;
    EXPECT_EQ(rlp::decode_uint64(in).value(), 0x0fu);
    EXPECT_TRUE(in.empty());
    const bytes k = b({0x82, 0x04, 0x00});
    in = k;
    EXPECT_EQ(rlp::decode_uint64(in).value(), 1024u);
    in = k;
    EXPECT_EQ(rlp::decode_uint256(in).value(), uint256{1024});
    const bytes zero = b({0x80});
    in = zero;
    EXPECT_EQ(rlp::decode_uint64(in).value(), 0u);

    // [ [], [[]], [ [], [[]] ] ]
    const bytes three_enc = b({0xc7, 0xc0, 0xc1, 0xc0, 0xc3, 0xc0, 0xc1, 0xc0});
    const auto three = rlp::decode_list(three_enc);
    ASSERT_TRUE(three.ok());
    ASSERT_EQ(three->size(), 3u);
    for (const auto& it : *three) EXPECT_TRUE(it.is_list);
    EXPECT_TRUE(rlp::decode_items((*three)[0].payload)->empty());
    EXPECT_EQ(rlp::decode_items((*three)[1].payload)->size(), 1u);
    const auto inner = rlp::decode_items((*three)[2].payload);
    ASSERT_TRUE(inner.ok());
    ASSERT_EQ(inner->size(), 2u);
    EXPECT_EQ(bytes((*inner)[1].payload), b({0xc0}));

    const bytes lorem = b({0xb8, 0x38}) + str(kLorem);
    const auto long_item = rlp::decode_single(lorem);
    ASSERT_TRUE(long_item.ok());
    EXPECT_EQ(bytes(long_item->payload), str(kLorem));
}

TEST(RlpDecode, FieldByField) {
    const Address to = address_from_u64(0xabcdef);
    Hash256 h;
    h.bytes[0] = 0x11;
    h.bytes[31] = 0x22;
    const uint256 big{1, 2, 3, 4};
    const bytes enc = rlp::encode_list({rlp::encode(uint64_t{7}), rlp::encode(to), rlp::encode(h),
                                        rlp::encode(big), rlp::encode(str("data"))});
    bytes_view in = enc;
    auto payload = rlp::decode_list_payload(in);
    ASSERT_TRUE(payload.ok());
    EXPECT_TRUE(in.empty());
    bytes_view p = *payload;
    EXPECT_EQ(rlp::decode_uint64(p).value(), 7u);
    EXPECT_EQ(rlp::decode_address(p).value(), to);
    EXPECT_EQ(rlp::decode_hash(p).value(), h);
    EXPECT_EQ(rlp::decode_uint256(p).value(), big);
    EXPECT_EQ(bytes(rlp::decode_bytes(p).value()), str("data"));
    EXPECT_TRUE(p.empty());
}

TEST(RlpRoundTrip, Strings) {
    uint64_t seed = 12345;
    const auto next = [&] {
        seed = seed * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<uint8_t>(seed >> 56);
    };
    for (const size_t len : {0, 1, 2, 55, 56, 57, 255, 256, 1000, 65535, 65536, 70000}) {
        for (int rep = 0; rep < 3; ++rep) {
            bytes s(len, 0);
            for (auto& c : s) c = rep == 0 ? 0x00 : rep == 1 ? 0x7f : next();
            const bytes enc = rlp::encode(s);
            bytes_view in = enc;
            const auto dec = rlp::decode_bytes(in);
            ASSERT_TRUE(dec.ok()) << len << " " << rlp::decode_error_name(dec.error());
            EXPECT_EQ(bytes(*dec), s);
            EXPECT_TRUE(in.empty());
            const bytes list = rlp::wrap_list(enc + enc);  // the items point into it
            const auto wrapped = rlp::decode_list(list);
            ASSERT_TRUE(wrapped.ok()) << len;
            ASSERT_EQ(wrapped->size(), 2u);
            EXPECT_EQ(bytes((*wrapped)[1].payload), s);
        }
    }
    for (int v = 0; v < 256; ++v) {  // every single byte
        const bytes s = b({static_cast<uint8_t>(v)});
        const bytes enc = rlp::encode(s);
        EXPECT_EQ(enc.size(), v < 0x80 ? 1u : 2u);
        bytes_view in = enc;
        EXPECT_EQ(bytes(rlp::decode_bytes(in).value()), s);
    }
}

TEST(RlpRoundTrip, Integers) {
    for (unsigned shift = 0; shift < 64; ++shift) {
        for (const uint64_t x : {uint64_t{1} << shift, (uint64_t{1} << shift) - 1,
                                 (uint64_t{1} << shift) + 1, ~uint64_t{0} >> shift}) {
            const bytes enc = rlp::encode(x);
            bytes_view in = enc;
            EXPECT_EQ(rlp::decode_uint64(in).value(), x);
            EXPECT_TRUE(in.empty());
            in = enc;
            EXPECT_EQ(rlp::decode_uint256(in).value(), uint256{x});
            EXPECT_EQ(rlp::encode(uint256{x}), enc);
        }
    }
    for (unsigned shift = 0; shift < 256; ++shift) {
        for (const uint256 x : {uint256{1} << shift, (uint256{1} << shift) - 1,
                                (uint256{0} - 1) >> shift, (uint256{0} - 3) >> shift}) {
            const bytes enc = rlp::encode(x);
            EXPECT_EQ(enc.size(), x < 0x80 ? 1u : 1u + count_significant_bytes(x)) << to_hex(x);
            bytes_view in = enc;
            EXPECT_EQ(rlp::decode_uint256(in).value(), x);
        }
    }
}

TEST(RlpRoundTrip, NestedLists) {
    // [[[... ["leaf", lorem] ..., lorem], lorem], lorem]: 40 levels, long and short headers.
    bytes enc = rlp::encode(str("leaf"));
    for (int depth = 1; depth <= 40; ++depth)
        enc = rlp::encode_list({enc, rlp::encode(str(kLorem))});
    auto items = rlp::decode_list(enc);
    for (int depth = 40; depth >= 1; --depth) {
        ASSERT_TRUE(items.ok()) << depth;
        ASSERT_EQ(items->size(), 2u);
        EXPECT_FALSE((*items)[1].is_list);
        EXPECT_EQ(bytes((*items)[1].payload), str(kLorem));
        const rlp::Item first = (*items)[0];
        if (depth == 1) {
            EXPECT_FALSE(first.is_list);
            EXPECT_EQ(bytes(first.payload), str("leaf"));
        } else {
            ASSERT_TRUE(first.is_list);
            items = rlp::decode_items(first.payload);
        }
    }
}

TEST(RlpReject, NonCanonicalSingleByte) {
    EXPECT_EQ(item_error(b({0x81, 0x00})), DecodeError::non_canonical_single_byte);
    EXPECT_EQ(item_error(b({0x81, 0x05})), DecodeError::non_canonical_single_byte);
    EXPECT_EQ(item_error(b({0x81, 0x7f})), DecodeError::non_canonical_single_byte);
    const bytes ok = b({0x81, 0x80});
    EXPECT_TRUE(rlp::decode_single(ok).ok());
    // A single byte in a list is a string too.
    EXPECT_EQ(error_of(rlp::decode_list(b({0xc2, 0x81, 0x01}))),
              DecodeError::non_canonical_single_byte);
}

TEST(RlpReject, LongFormForShortLength) {
    EXPECT_EQ(item_error(b({0xb8, 0x05}) + str("hello")), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xb8, 0x00})), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xb8, 0x37}) + bytes(55, 'a')), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xf8, 0x03, 0x80, 0x80, 0x80})), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xf8, 0x37}) + bytes(55, 0x01)), DecodeError::non_canonical_size);
}

TEST(RlpReject, LengthWithLeadingZeros) {
    EXPECT_EQ(item_error(b({0xb9, 0x00, 0x38}) + bytes(56, 'a')), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xf9, 0x00, 0x38}) + bytes(56, 0x01)), DecodeError::non_canonical_size);
    EXPECT_EQ(item_error(b({0xba, 0x00, 0x01, 0x00}) + bytes(256, 'a')),
              DecodeError::non_canonical_size);
}

TEST(RlpReject, IntegerLeadingZeros) {
    const bytes padded32 = b({0xa0}) + bytes(31, 0) + b({0x01});
    for (const bytes& in : {b({0x00}), b({0x82, 0x00, 0x01}), b({0x81, 0x00}),
                            b({0x88, 0x00, 1, 2, 3, 4, 5, 6, 7}), padded32}) {
        bytes_view v = in;
        if (in.size() <= 9) {
            const DecodeError e = error_of(rlp::decode_uint64(v));
            // 0x81 0x00 is caught as a non-canonical single byte before the integer check.
            EXPECT_TRUE(e == DecodeError::leading_zeros ||
                        (in[0] == 0x81 && e == DecodeError::non_canonical_single_byte))
                << to_hex(in);
            EXPECT_EQ(v.size(), in.size());
        }
        v = in;
        const DecodeError e = error_of(rlp::decode_uint256(v));
        EXPECT_TRUE(e == DecodeError::leading_zeros ||
                    (in[0] == 0x81 && e == DecodeError::non_canonical_single_byte))
            << to_hex(in);
        EXPECT_EQ(v.size(), in.size());
    }
    // 0x80 as a one-byte string is canonical and has no leading zero.
    const bytes x80 = b({0x81, 0x80});
    bytes_view v = x80;
    EXPECT_EQ(rlp::decode_uint64(v).value(), 0x80u);
}

TEST(RlpReject, IntegerTooLong) {
    const bytes nine = b({0x89, 1, 0, 0, 0, 0, 0, 0, 0, 0});
    bytes_view v = nine;
    EXPECT_EQ(error_of(rlp::decode_uint64(v)), DecodeError::too_long);
    v = nine;
    EXPECT_EQ(rlp::decode_uint256(v).value(), uint256{1} << 64);
    const bytes wide = b({0xa1, 0x01}) + bytes(32, 0);
    v = wide;
    EXPECT_EQ(error_of(rlp::decode_uint256(v)), DecodeError::too_long);
    const bytes max = b({0xa0}) + bytes(32, 0xff);
    v = max;
    EXPECT_EQ(rlp::decode_uint256(v).value(), uint256{0} - 1);
}

TEST(RlpReject, Truncated) {
    EXPECT_EQ(item_error(bytes{}), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0x83, 'd', 'o'})), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0x81})), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xb8})), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xb9, 0x01})), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xb8, 0x38}) + bytes(55, 'a')), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xc1})), DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xf8, 0x38}) + bytes(10, 0x01)), DecodeError::unexpected_end);
    // A length near 2^64 must not wrap around.
    EXPECT_EQ(item_error(b({0xbf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00})),
              DecodeError::unexpected_end);
    EXPECT_EQ(item_error(b({0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xf0})),
              DecodeError::unexpected_end);
    // The list header fits, but an item inside it is cut short.
    EXPECT_EQ(error_of(rlp::decode_list(b({0xc2, 0x83, 'a'}))), DecodeError::unexpected_end);
}

TEST(RlpReject, TrailingBytes) {
    EXPECT_EQ(error_of(rlp::decode_single(b({0x80, 0x80}))), DecodeError::trailing_bytes);
    EXPECT_EQ(error_of(rlp::decode_single(b({0x83, 'd', 'o', 'g', 0x00}))),
              DecodeError::trailing_bytes);
    EXPECT_EQ(error_of(rlp::decode_list(b({0xc0, 0x00}))), DecodeError::trailing_bytes);
    EXPECT_EQ(error_of(rlp::decode_list(b({0xc1, 0x01, 0xc0}))), DecodeError::trailing_bytes);
}

TEST(RlpReject, WrongShape) {
    EXPECT_EQ(error_of(rlp::decode_list(b({0x80}))), DecodeError::list_expected);
    EXPECT_EQ(error_of(rlp::decode_list(b({0x05}))), DecodeError::list_expected);
    bytes_view v;
    const bytes list = b({0xc0});
    v = list;
    EXPECT_EQ(error_of(rlp::decode_bytes(v)), DecodeError::string_expected);
    v = list;
    EXPECT_EQ(error_of(rlp::decode_uint64(v)), DecodeError::string_expected);
    v = list;
    EXPECT_EQ(error_of(rlp::decode_uint256(v)), DecodeError::string_expected);
    v = list;
    EXPECT_EQ(error_of(rlp::decode_address(v)), DecodeError::string_expected);
    EXPECT_EQ(v.size(), 1u);
    const bytes short_addr = rlp::encode(bytes(19, 0x11));
    v = short_addr;
    EXPECT_EQ(error_of(rlp::decode_address(v)), DecodeError::wrong_size);
    const bytes long_hash = rlp::encode(bytes(33, 0x11));
    v = long_hash;
    EXPECT_EQ(error_of(rlp::decode_hash(v)), DecodeError::wrong_size);
    const bytes str80 = b({0x80});
    v = str80;
    EXPECT_EQ(error_of(rlp::decode_list_payload(v)), DecodeError::list_expected);
}

TEST(RlpDecode, ErrorNames) {
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::unexpected_end), "unexpected_end");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::non_canonical_size), "non_canonical_size");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::non_canonical_single_byte),
                 "non_canonical_single_byte");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::leading_zeros), "leading_zeros");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::list_expected), "list_expected");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::string_expected), "string_expected");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::trailing_bytes), "trailing_bytes");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::too_long), "too_long");
    EXPECT_STREQ(rlp::decode_error_name(DecodeError::wrong_size), "wrong_size");
}
