// SPDX-License-Identifier: Apache-2.0
#include <parevm/parallel/mv_state_view.hpp>

#include <memory>

namespace parevm::parallel {

std::optional<LocationValue> MvStateView::read(const Location& loc,
                                               std::optional<TxIdx>* writer) const {
    const ReadOutcome r = memory_->read(loc, tx_);
    switch (r.kind) {
        case ReadOutcome::Kind::estimate:
            if (!blocked_on_) blocked_on_ = r.version.tx_idx;
            reads_.push_back({loc, r.version});
            return std::nullopt;
        case ReadOutcome::Kind::value:
            reads_.push_back({loc, r.version});
            if (writer) *writer = r.version.tx_idx;
            return r.value;
        case ReadOutcome::Kind::not_found:
            break;
    }
    reads_.push_back({loc, std::nullopt});
    return std::nullopt;
}

std::optional<AccountInfo> MvStateView::account(const Address& addr) const {
    const Location loc = Location::basic(addr);
    const ReadOutcome r = memory_->read(loc, tx_);
    switch (r.kind) {
        case ReadOutcome::Kind::estimate:
            if (!blocked_on_) blocked_on_ = r.version.tx_idx;
            reads_.push_back({loc, r.version});
            return base_->account(addr);
        case ReadOutcome::Kind::value:
            if (r.credits.empty()) {
                reads_.push_back({loc, r.version});
                return r.value.account;
            }
            break;
        case ReadOutcome::Kind::not_found:
            if (r.credits.empty()) {
                reads_.push_back({loc, std::nullopt});
                return base_->account(addr);
            }
            break;
    }
    // Lazy credits (the coinbase fee) above the value: resolve them, validate by value.
    ResolvedRead resolved;
    resolved.base.account = base_->account(addr);
    const auto& below =
        r.kind == ReadOutcome::Kind::value ? r.value.account : resolved.base.account;
    resolved.resolved.account = apply_credits(below, r.credits);
    std::optional<AccountInfo> result = resolved.resolved.account;
    std::optional<TxVersion> version;
    if (r.kind == ReadOutcome::Kind::value) version = r.version;
    reads_.resolved.push_back(std::move(resolved));
    reads_.push_back({loc, version, static_cast<uint32_t>(reads_.resolved.size())});
    return result;
}

std::optional<TxIdx> MvStateView::cleared_by(const Address& addr) const {
    for (const ClearRead& c : clear_reads_)
        if (c.address == addr) return c.cleared_by;
    std::optional<TxIdx> by;  // set by read() only when a clear is below
    read(Location::storage_clear(addr), &by);
    clear_reads_.push_back({addr, by});
    return by;
}

Hash256 MvStateView::code_hash(const Address& addr) const {
    const Location loc = Location::basic(addr);
    const ReadOutcome r = memory_->read(loc, tx_, /*code_only=*/true);
    if (r.kind == ReadOutcome::Kind::estimate) {
        if (!blocked_on_) blocked_on_ = r.version.tx_idx;
        reads_.push_back({loc, r.version});
        return empty_code_hash;  // the execution is void anyway
    }
    ResolvedRead resolved;  // `resolved`: the account below any credits (see ReadDescriptor)
    std::optional<TxVersion> version;
    if (r.kind == ReadOutcome::Kind::value) {
        resolved.resolved = r.value;
        version = r.version;
    } else {
        resolved.resolved.account = base_->account(addr);
    }
    const Hash256 hash =
        resolved.resolved.account ? resolved.resolved.account->code_hash : empty_code_hash;
    reads_.resolved.push_back(std::move(resolved));
    reads_.push_back({loc, version, static_cast<uint32_t>(reads_.resolved.size()), true});
    return hash;
}

uint256 MvStateView::storage(const Address& addr, const uint256& key) const {
    std::optional<TxIdx> written_by;
    const std::optional<TxIdx> cleared = cleared_by(addr);
    const auto value = read(Location::storage(addr, key), &written_by);
    // A slot written by the clearing transaction itself or later wins over the clear.
    if (value && (!cleared || *written_by >= *cleared)) return value->word;
    if (cleared) return 0;
    return base_->storage(addr, key);
}

bool MvStateView::has_storage(const Address& addr) const {
    if (cleared_by(addr)) return false;
    return base_->has_storage(addr);
}

bytes_view MvStateView::code(const Hash256& code_hash) const {
    if (auto c = codes_->find(code_hash)) return *c;
    return base_->code(code_hash);
}

}  // namespace parevm::parallel
