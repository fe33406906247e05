// SPDX-License-Identifier: Apache-2.0
// parevm: an in-memory Host for interpreter tests, plus a tiny bytecode builder.
#pragma once

#include <parevm/crypto/keccak.hpp>
#include <parevm/evm/host.hpp>
#include <parevm/evm/interpreter.hpp>

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace parevm::test {

/// Accounts with balance, code and storage; records calls, logs and selfdestructs. Nested calls
/// are not executed: `call` records the message and returns `call_result`.
class MockHost : public Host {
public:
    /// Copies a view; an empty view may have a null data pointer, which libstdc++ would pass
    /// to memcpy.
    static bytes copy(bytes_view v) { return v.empty() ? bytes{} : bytes{v}; }

    struct StorageSlot {
        uint256 original;
        uint256 current;
    };
    struct Account {
        uint256 balance;
        uint64_t nonce = 0;
        bytes code;
        std::unordered_map<uint256, StorageSlot> storage;
    };
    struct RecordedCall {
        Message msg;
        bytes input;  // copy: msg.input points into the caller's memory
    };
    struct Log {
        Address addr;
        bytes data;
        std::vector<Hash256> topics;
    };

    std::unordered_map<Address, Account> accounts;
    /// EIP-161 existence (post Spurious Dragon): non-empty. False: present in the map.
    bool eip161 = true;
    TxContext tx;
    Result call_result;  // what call() returns
    std::vector<RecordedCall> calls;
    std::vector<Log> logs;
    std::vector<std::pair<Address, Address>> selfdestructs;
    std::set<Address> warm_accounts;
    std::unordered_map<Address, std::unordered_set<uint256>> warm_slots;
    std::unordered_map<Address, std::unordered_map<uint256, uint256>> transient;

    bool account_exists(const Address& addr) const noexcept override {
        const auto it = accounts.find(addr);
        if (it == accounts.end()) return false;
        if (!eip161) return true;
        const Account& a = it->second;
        return a.nonce != 0 || static_cast<bool>(a.balance) || !a.code.empty();
    }

    uint256 get_storage(const Address& addr, const uint256& key) const noexcept override {
        const auto it = accounts.find(addr);
        if (it == accounts.end()) return {};
        const auto s = it->second.storage.find(key);
        return s == it->second.storage.end() ? uint256{} : s->second.current;
    }

    /// EIP-2200 classification from (original, current, new).
    StorageStatus set_storage(const Address& addr,
                              const uint256& key,
                              const uint256& value) noexcept override {
        StorageSlot& s = accounts[addr].storage[key];
        const uint256 o = s.original;
        const uint256 c = s.current;
        s.current = value;
        if (c == value) return StorageStatus::assigned;
        if (o == c) {
            if (!o) return StorageStatus::added;
            if (!value) return StorageStatus::deleted;
            return StorageStatus::modified;
        }
        // dirty slot
        if (o) {
            if (!c)
                return value == o ? StorageStatus::deleted_restored : StorageStatus::deleted_added;
            if (!value) return StorageStatus::modified_deleted;
            if (value == o) return StorageStatus::modified_restored;
            return StorageStatus::assigned;
        }
        if (!value) return StorageStatus::added_deleted;
        return StorageStatus::assigned;
    }

    uint256 get_balance(const Address& addr) const noexcept override {
        const auto it = accounts.find(addr);
        return it == accounts.end() ? uint256{} : it->second.balance;
    }

    size_t get_code_size(const Address& addr) const noexcept override {
        const auto it = accounts.find(addr);
        return it == accounts.end() ? 0 : it->second.code.size();
    }

    Hash256 get_code_hash(const Address& addr) const noexcept override {
        if (!account_exists(addr)) return {};
        return keccak256(accounts.at(addr).code);
    }

    size_t copy_code(const Address& addr,
                     size_t offset,
                     uint8_t* out,
                     size_t size) const noexcept override {
        const auto it = accounts.find(addr);
        if (it == accounts.end()) return 0;
        const bytes& code = it->second.code;
        if (offset >= code.size()) return 0;
        const size_t n = std::min(size, code.size() - offset);
        std::copy_n(code.data() + offset, n, out);
        return n;
    }

    bool selfdestruct(const Address& addr, const Address& beneficiary) noexcept override {
        selfdestructs.emplace_back(addr, beneficiary);
        return selfdestructs.size() == 1;
    }

    Result call(const Message& msg) noexcept override {
        calls.push_back({msg, copy(msg.input)});
        return call_result;
    }

    const TxContext& get_tx_context() const noexcept override { return tx; }

    Hash256 get_block_hash(int64_t block_number) const noexcept override {
        Hash256 h;
        h.bytes[31] = static_cast<uint8_t>(block_number);
        h.bytes[0] = 0xbb;
        return h;
    }

    void emit_log(const Address& addr,
                  bytes_view data,
                  std::span<const Hash256> topics) noexcept override {
        logs.push_back({addr, copy(data), {topics.begin(), topics.end()}});
    }

    AccessStatus access_account(const Address& addr) noexcept override {
        return warm_accounts.insert(addr).second ? AccessStatus::cold : AccessStatus::warm;
    }

    AccessStatus access_storage(const Address& addr, const uint256& key) noexcept override {
        return warm_slots[addr].insert(key).second ? AccessStatus::cold : AccessStatus::warm;
    }

    uint256 get_transient_storage(const Address& addr, const uint256& key) const noexcept override {
        const auto a = transient.find(addr);
        if (a == transient.end()) return {};
        const auto s = a->second.find(key);
        return s == a->second.end() ? uint256{} : s->second;
    }

    void set_transient_storage(const Address& addr,
                               const uint256& key,
                               const uint256& value) noexcept override {
        transient[addr][key] = value;
    }
};

/// Bytecode builder: `Code{} + push(1) + push(2) + OP_ADD`.
struct Code {
    bytes b;

    Code() = default;
    Code(uint8_t op) { b.push_back(op); }  // NOLINT: opcodes convert implicitly
    Code& operator+=(const Code& o) {
        b += o.b;
        return *this;
    }
    friend Code operator+(Code a, const Code& o) { return a += o; }
    operator bytes_view() const { return b; }  // NOLINT
};

/// The shortest PUSHn for v (PUSH1 for zero so that it works before Shanghai).
inline Code push(const uint256& v) {
    uint8_t be[32];
    for (int i = 0; i < 32; ++i) be[31 - i] = static_cast<uint8_t>(v.w[i / 8] >> (8 * (i % 8)));
    int start = 0;
    while (start < 31 && be[start] == 0) ++start;
    Code c;
    c.b.push_back(static_cast<uint8_t>(0x60 + (31 - start)));
    c.b.append(be + start, be + 32);
    return c;
}

inline Code push(const Address& a) {
    Code c;
    c.b.push_back(0x73);  // PUSH20
    c.b.append(a.data(), a.data() + 20);
    return c;
}

/// Stores the top of the stack at memory 0 and returns those 32 bytes.
inline Code ret_top() {
    return push(0) + Code{0x52} + push(32) + push(0) + Code{0xf3};
}

/// Reads a returned 32-byte word.
inline uint256 output_word(const Result& r) {
    uint256 x;
    if (r.output.size() != 32) return x;
    for (int i = 0; i < 32; ++i) x.w[(31 - i) / 8] |= uint64_t{r.output[i]} << (8 * ((31 - i) % 8));
    return x;
}

}  // namespace parevm::test
