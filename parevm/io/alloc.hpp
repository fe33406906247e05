// SPDX-License-Identifier: Apache-2.0
// parevm: the "alloc" JSON format (pre/post accounts of state tests and t8n) and state compare.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <string_view>

namespace parevm {

/// One account of an alloc: what fixtures list under `pre`, `post[].state` and t8n's alloc.json.
struct AllocAccount {
    uint64_t nonce = 0;
    uint256 balance;
    bytes code;
    std::map<uint256, uint256> storage;  // zero values are dropped on reading
};

/// Accounts by address, ordered so that reports and output are deterministic.
using Alloc = std::map<Address, AllocAccount>;

/// Reads an alloc object (address -> {nonce, balance, code, storage}); every account field is
/// optional and defaults to zero/empty, as in geth's genesis alloc. Throws InputError naming the
/// path of a bad value (`path.0xaddr.balance`).
Alloc read_alloc(const nlohmann::json& j, std::string_view path);

/// Builds the in-memory world state holding exactly these accounts.
InMemoryState make_state(const Alloc& alloc);

/// The alloc JSON of a state, as geth's t8n writes it: balance always, nonce/code/storage only
/// when non-zero/non-empty, storage keys and values as 32-byte words.
nlohmann::json alloc_to_json(const InMemoryState& state);

/// The first difference between `actual` and `expected` in address, then field, then slot order,
/// as one line ("0xab..: storage[0x01] = 0x02, expected 0x03"); empty when they are equal.
std::string first_alloc_difference(const InMemoryState& actual, const Alloc& expected);

}  // namespace parevm
