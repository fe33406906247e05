// SPDX-License-Identifier: Apache-2.0
// parevm: SHA-256 (FIPS 180-4 examples) and RIPEMD-160 (the designers' test vectors).
#include <parevm/crypto/hashes.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

using namespace parevm;

namespace {

template <size_t N>
std::string hex(const FixedBytes<N>& h) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s;
    for (uint8_t b : h.bytes) {
        s.push_back(digits[b >> 4]);
        s.push_back(digits[b & 0xf]);
    }
    return s;
}

bytes_view ascii(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST(Sha256, StandardVectors) {
    EXPECT_EQ(hex(sha256({})), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(hex(sha256(ascii("abc"))),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(hex(sha256(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    const std::string million_a(1'000'000, 'a');
    EXPECT_EQ(hex(sha256(ascii(million_a))),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Ripemd160, StandardVectors) {
    EXPECT_EQ(hex(ripemd160({})), "9c1185a5c5e9fc54612808977ee8f548b2258d31");
    EXPECT_EQ(hex(ripemd160(ascii("a"))), "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
    EXPECT_EQ(hex(ripemd160(ascii("abc"))), "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    EXPECT_EQ(hex(ripemd160(ascii("message digest"))), "5d0689ef49d2fae572b881b123a85ffa21595f36");
    EXPECT_EQ(hex(ripemd160(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))),
              "12a053384a9c0c88e405a06c27dcf49ada62eb2b");
    const std::string million_a(1'000'000, 'a');
    EXPECT_EQ(hex(ripemd160(ascii(million_a))), "52783243c1697bdbe16d37f97f68f08325dc1528");
}

TEST(Hashes, SafeFromManyThreads) {
    const Hash256 expected = sha256(ascii("abc"));
    const Ripemd160Digest expected_r = ripemd160(ascii("abc"));
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([t, &failures, &expected, &expected_r] {
            for (int i = 0; i < 2000; ++i) {
                if (sha256(ascii("abc")) != expected) ++failures[t];
                if (ripemd160(ascii("abc")) != expected_r) ++failures[t];
            }
        });
    }
    for (auto& th : threads) th.join();
    for (int f : failures) EXPECT_EQ(f, 0);
}
