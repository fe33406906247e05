// SPDX-License-Identifier: Apache-2.0
// Multi-version memory: reads see the highest write below the reader; the lower-bound filter
// of writers never hides a lower writer, in small blocks (exact indices) and in blocks past
// 65,535 transactions (coarse indices); stale entries go when an incarnation writes less.
#include <parevm/parallel/mv_memory.hpp>

#include <gtest/gtest.h>

using namespace parevm;
using namespace parevm::parallel;

namespace {

const Address account = address_from_u64(0xabc);

/// A write set that stores `value` at slot `key` of `account`.
WriteSet store(uint64_t key, uint64_t value) {
    WriteSet ws;
    AccountDiff d;
    d.address = account;
    d.storage.emplace_back(uint256{key}, uint256{value});
    ws.accounts.push_back(std::move(d));
    return ws;
}

TxVersion version(uint32_t tx, uint32_t incarnation = 0) {
    return TxVersion{TxIdx{tx}, Incarnation{incarnation}};
}

/// What `tx` reads at slot `key`: the value and its writer, or nullopt for the pre-state.
std::optional<std::pair<uint32_t, uint64_t>> read(const MvMemory& m, uint64_t key, uint32_t tx) {
    const ReadOutcome r = m.read(Location::storage(account, uint256{key}), TxIdx{tx});
    if (r.kind == ReadOutcome::Kind::not_found) return std::nullopt;
    EXPECT_EQ(r.kind, ReadOutcome::Kind::value);
    return std::pair{r.version.tx_idx.value, r.value.word.low64()};
}

}  // namespace

TEST(MvMemory, ReadSeesTheHighestWriteBelowTheReader) {
    MvMemory m{10};
    m.record(version(2), {}, store(1, 20));
    m.record(version(5), {}, store(1, 50));
    EXPECT_EQ(read(m, 1, 2), std::nullopt);  // its own write is not below it
    EXPECT_EQ(read(m, 1, 3), (std::pair<uint32_t, uint64_t>{2, 20}));
    EXPECT_EQ(read(m, 1, 5), (std::pair<uint32_t, uint64_t>{2, 20}));
    EXPECT_EQ(read(m, 1, 9), (std::pair<uint32_t, uint64_t>{5, 50}));
    EXPECT_EQ(read(m, 2, 9), std::nullopt);  // never written
}

TEST(MvMemory, BlocksBeyondSixteenBitIndicesNeverHideALowerWriter) {
    // 200,000 transactions: the writers' filter keeps indices >> 2. Readers just above and
    // just below a writer, inside and across its coarse group, must see exactly the writes
    // below them.
    constexpr uint32_t n = 200'000;
    MvMemory m{n};
    m.record(version(70'000), {}, store(7, 1));
    m.record(version(150'001), {}, store(7, 2));
    for (uint32_t tx : {69'996u, 69'999u, 70'000u}) EXPECT_EQ(read(m, 7, tx), std::nullopt) << tx;
    for (uint32_t tx : {70'001u, 70'003u, 70'004u, 150'001u})
        EXPECT_EQ(read(m, 7, tx), (std::pair<uint32_t, uint64_t>{70'000, 1})) << tx;
    for (uint32_t tx : {150'002u, n - 1})
        EXPECT_EQ(read(m, 7, tx), (std::pair<uint32_t, uint64_t>{150'001, 2})) << tx;
}

TEST(MvMemory, AnIncarnationThatWritesLessRemovesItsStaleEntries) {
    MvMemory m{4};
    WriteSet both = store(1, 10);
    both.accounts[0].storage.emplace_back(uint256{2}, uint256{20});
    EXPECT_TRUE(m.record(version(1), {}, both));
    EXPECT_EQ(read(m, 2, 3), (std::pair<uint32_t, uint64_t>{1, 20}));
    // The next incarnation writes slot 1 only: slot 2 reads the pre-state again, and nothing
    // new was written (no revalidation of higher transactions is needed for that).
    EXPECT_FALSE(m.record(version(1, 1), {}, store(1, 11)));
    EXPECT_EQ(read(m, 2, 3), std::nullopt);
    EXPECT_EQ(read(m, 1, 3), (std::pair<uint32_t, uint64_t>{1, 11}));
}
