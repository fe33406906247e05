// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/mv_memory.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/state/state.hpp>

#include <algorithm>

namespace parevm::parallel {

std::optional<AccountInfo> apply_credits(std::optional<AccountInfo> account,
                                         const std::vector<BalanceCredit>& credits) {
    for (const BalanceCredit& c : credits)
        account = apply_balance_delta(account, c.amount, c.clear_if_empty);
    return account;
}

MvMemory::MvMemory(uint32_t num_txs)
    : last_writes_(num_txs), last_reads_{std::make_unique<ReadSetSlot[]>(num_txs)} {}

ReadOutcome MvMemory::read(const Location& location, TxIdx tx) const {
    const Shard& shard = shard_of(location);
    std::lock_guard lock{shard.mutex};
    const auto it = shard.locations.find(location);
    if (it == shard.locations.end()) return {};
    const Versions& versions = it->second;
    ReadOutcome out;
    // Walk down from the highest entry below tx, collecting credits until a full value.
    for (auto v = versions.lower_bound(tx.value); v != versions.begin();) {
        --v;
        const TxVersion writer{TxIdx{v->first}, v->second.incarnation};
        if (v->second.estimate) {
            out.kind = ReadOutcome::Kind::estimate;
            out.version = writer;
            out.credits.clear();
            return out;
        }
        if (v->second.credit) {
            out.credits.push_back(*v->second.credit);
            continue;
        }
        out.kind = ReadOutcome::Kind::value;
        out.version = writer;
        out.value = v->second.value;
        break;
    }
    std::reverse(out.credits.begin(), out.credits.end());
    return out;
}

bool MvMemory::record(TxVersion version,
                      std::vector<ReadDescriptor> reads,
                      std::vector<WriteDescriptor> writes) {
    const uint32_t tx = version.tx_idx.value;
    std::vector<WriteDescriptor>& previous = last_writes_[tx];
    bool wrote_new_location = false;
    for (const WriteDescriptor& w : writes) {
        Shard& shard = shard_of(w.location);
        std::lock_guard lock{shard.mutex};
        shard.locations[w.location][tx] = Entry{version.incarnation, false, w.value, w.credit};
        const bool was_written =
            std::any_of(previous.begin(), previous.end(),
                        [&w](const WriteDescriptor& p) { return p.location == w.location; });
        wrote_new_location |= !was_written;
    }
    // Remove entries of locations the previous incarnation wrote and this one did not.
    for (const WriteDescriptor& p : previous) {
        const bool still_written =
            std::any_of(writes.begin(), writes.end(),
                        [&p](const WriteDescriptor& w) { return w.location == p.location; });
        if (still_written) continue;
        Shard& shard = shard_of(p.location);
        std::lock_guard lock{shard.mutex};
        const auto it = shard.locations.find(p.location);
        PAREVM_ASSERT(it != shard.locations.end());
        it->second.erase(tx);
    }
    previous = std::move(writes);
    auto snapshot = std::make_shared<const std::vector<ReadDescriptor>>(std::move(reads));
    std::lock_guard lock{last_reads_[tx].mutex};
    last_reads_[tx].reads = std::move(snapshot);
    return wrote_new_location;
}

void MvMemory::convert_writes_to_estimates(TxIdx tx) {
    for (const WriteDescriptor& w : last_writes_[tx.value]) {
        Shard& shard = shard_of(w.location);
        std::lock_guard lock{shard.mutex};
        auto& versions = shard.locations[w.location];
        const auto it = versions.find(tx.value);
        PAREVM_ASSERT(it != versions.end());
        it->second.estimate = true;
    }
}

bool MvMemory::validate_read_set(TxIdx tx) const {
    std::shared_ptr<const std::vector<ReadDescriptor>> reads;
    {
        std::lock_guard lock{last_reads_[tx.value].mutex};
        reads = last_reads_[tx.value].reads;
    }
    PAREVM_ASSERT(reads != nullptr);  // only executed transactions are validated
    for (const ReadDescriptor& r : *reads) {
        const ReadOutcome now = read(r.location, tx);
        if (r.resolved) {
            // Resolved through credits: valid when the same value comes out now.
            if (now.kind == ReadOutcome::Kind::estimate) return false;
            const auto& below = now.kind == ReadOutcome::Kind::value ? now.value : r.base;
            if (apply_credits(below.account, now.credits) != r.resolved->account) return false;
            continue;
        }
        if (!now.credits.empty()) return false;
        switch (now.kind) {
            case ReadOutcome::Kind::estimate:
                return false;
            case ReadOutcome::Kind::not_found:
                if (r.version.has_value()) return false;
                break;
            case ReadOutcome::Kind::value:
                if (!r.version.has_value() || !(*r.version == now.version)) return false;
                break;
        }
    }
    return true;
}

std::vector<WriteDescriptor> MvMemory::snapshot() const {
    std::vector<WriteDescriptor> out;
    for (const Shard& shard : shards_) {
        std::lock_guard lock{shard.mutex};
        for (const auto& [location, versions] : shard.locations) {
            if (versions.empty()) continue;
            const Entry& last = versions.rbegin()->second;
            PAREVM_ASSERT(!last.estimate);
            out.push_back({location, last.value, last.credit});
        }
    }
    return out;
}

}  // namespace parevm::parallel
