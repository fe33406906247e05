// SPDX-License-Identifier: Apache-2.0
// parevm: the Host the interpreter runs against, implemented over one transaction's State.
#pragma once

#include <parevm/evm/host.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/execution/code_cache.hpp>
#include <parevm/state/state.hpp>

namespace parevm {

/// EIP-7702: the delegation target when `code` is a designator 0xef0100 || address.
std::optional<Address> delegation_target(bytes_view code) noexcept;

/// The 23-byte EIP-7702 delegation designator for `target`.
bytes delegation_designator(const Address& target);

/// CREATE address: keccak256(rlp([sender, nonce]))[12:].
Address create_address(const Address& sender, uint64_t nonce);
/// CREATE2 address (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:].
Address create2_address(const Address& sender, const uint256& salt, bytes_view initcode);

/// The Host of one transaction. Every frame is bracketed by a State checkpoint and rolled back
/// unless it succeeds, so the interpreter never undoes anything itself.
class StateHost final : public Host {
public:
    StateHost(State& state, Revision rev, const TxContext& tx_context, BlockCodeCache& code_cache)
        : state_(state), rev_(rev), tx_context_(tx_context), code_cache_(code_cache) {}

    bool account_exists(const Address& addr) const noexcept override;
    uint256 get_storage(const Address& addr, const uint256& key) const noexcept override;
    StorageStatus set_storage(const Address& addr,
                              const uint256& key,
                              const uint256& value) noexcept override;
    uint256 get_balance(const Address& addr) const noexcept override;
    size_t get_code_size(const Address& addr) const noexcept override;
    Hash256 get_code_hash(const Address& addr) const noexcept override;
    size_t copy_code(const Address& addr,
                     size_t offset,
                     uint8_t* out,
                     size_t size) const noexcept override;
    bool selfdestruct(const Address& addr, const Address& beneficiary) noexcept override;
    Result call(const Message& msg) noexcept override;
    const TxContext& get_tx_context() const noexcept override { return tx_context_; }
    Hash256 get_block_hash(int64_t block_number) const noexcept override;
    void emit_log(const Address& addr,
                  bytes_view data,
                  std::span<const Hash256> topics) noexcept override;
    AccessStatus access_account(const Address& addr) noexcept override;
    AccessStatus access_storage(const Address& addr, const uint256& key) noexcept override;
    uint256 get_transient_storage(const Address& addr, const uint256& key) const noexcept override;
    void set_transient_storage(const Address& addr,
                               const uint256& key,
                               const uint256& value) noexcept override;

private:
    Result call_frame(const Message& msg) noexcept;
    Result create_frame(const Message& msg) noexcept;
    /// Runs `code` as the frame `msg` (empty code: success with all gas left).
    Result run_code(const Message& msg, const Address& code_owner) noexcept;
    /// Rolls back to `cp` keeping the RIPEMD-160 touch exception.
    void revert_frame(State::Checkpoint cp, const Address& target) noexcept;

    State& state_;
    Revision rev_;
    const TxContext& tx_context_;
    BlockCodeCache& code_cache_;
};

}  // namespace parevm
