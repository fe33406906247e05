// SPDX-License-Identifier: Apache-2.0
// Random blocks for differential tests of the parallel executor against the sequential one:
// raw transfers, token transfers, AMM swaps, random-slot contracts, coinbase reads, same-sender
// chains, reverts, out-of-gas, SELFDESTRUCT and CREATE2 redeploys, value sent to precompiles.
#pragma once

#include "assembler.hpp"

#include <parevm/crypto/keccak.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/state/in_memory_state.hpp>

#include <random>

namespace parevm::test {

struct GeneratedBlock {
    Block block;
    InMemoryState pre;
};

/// Token: calldata [to, amount]; moves `amount` from balance[caller] to balance[to]
/// (balances are the slots keyed by address); reverts on insufficient balance.
inline bytes token_code() {
    Asm a;
    a.op(op::CALLER).op(op::SLOAD);                         // [bal]
    a.push(32).op(op::CALLDATALOAD);                        // [amt, bal]
    a.op(op::DUP2).op(op::DUP2).op(op::GT);                 // [amt > bal, amt, bal]
    a.push_label("fail").op(op::JUMPI);                     // [amt, bal]
    a.op(op::DUP1).op(op::DUP3).op(op::SUB);                // [bal - amt, amt, bal]
    a.op(op::CALLER).op(op::SSTORE);                        // [amt, bal]
    a.push(0).op(op::CALLDATALOAD);                         // [to, amt, bal]
    a.op(op::DUP1).op(op::SLOAD).op(op::DUP3).op(op::ADD);  // [balto + amt, to, amt, bal]
    a.op(op::SWAP1).op(op::SSTORE).op(op::STOP);
    a.label("fail").push(0).op(op::DUP1).op(op::REVERT);
    return a.code();
}

/// AMM pair: calldata [amount_in]; out = amount_in * r1 / (r0 + amount_in); updates reserves
/// in slots 0 and 1 and stores the output in slot 2.
inline bytes amm_code() {
    Asm a;
    a.push(0).op(op::CALLDATALOAD);                 // [a]
    a.push(0).op(op::SLOAD).push(1).op(op::SLOAD);  // [r1, r0, a]
    a.op(op::DUP3).op(op::MUL);                     // [r1*a, r0, a]
    a.op(op::DUP3).op(op::DUP3).op(op::ADD);        // [r0+a, r1*a, r0, a]
    a.op(op::SWAP1).op(op::DIV);                    // [out, r0, a]
    a.op(op::DUP3).op(op::DUP3).op(op::ADD).push(0).op(op::SSTORE);
    a.op(op::DUP1).push(1).op(op::SLOAD).op(op::SUB).push(1).op(op::SSTORE);
    a.push(2).op(op::SSTORE).op(op::STOP);
    return a.code();
}

/// calldata [a, b, c]: sstore(c, sload(a) + sload(b) + 1).
inline bytes random_slots_code() {
    Asm a;
    a.push(0).op(op::CALLDATALOAD).op(op::SLOAD);
    a.push(32).op(op::CALLDATALOAD).op(op::SLOAD).op(op::ADD).push(1).op(op::ADD);
    a.push(64).op(op::CALLDATALOAD).op(op::SSTORE).op(op::STOP);
    return a.code();
}

/// Stores the coinbase balance (forces the coinbase fees of lower transactions to resolve).
inline bytes coinbase_reader_code() {
    Asm a;
    a.op(op::COINBASE).op(op::BALANCE).push(0).op(op::SSTORE).op(op::STOP);
    return a.code();
}

/// Writes slot 0, then reverts when calldata[0] is non-zero.
inline bytes reverter_code() {
    Asm a;
    a.op(op::CALLVALUE).push(1).op(op::ADD).push(0).op(op::SSTORE);
    a.push(0).op(op::CALLDATALOAD).push_label("revert").op(op::JUMPI).op(op::STOP);
    a.label("revert").push(0).op(op::DUP1).op(op::REVERT);
    return a.code();
}

/// Loops until out of gas after writing a slot.
inline bytes gas_burner_code() {
    Asm a;
    a.push(1).push(0).op(op::SSTORE).label("loop").push_label("loop").op(op::JUMP);
    return a.code();
}

/// Child: calldata 1 -> SELFDESTRUCT to caller; otherwise increments slot 0.
inline bytes child_runtime() {
    Asm a;
    a.push(0).op(op::CALLDATALOAD).push(1).op(op::EQ).push_label("destroy").op(op::JUMPI);
    a.push(0).op(op::SLOAD).push(1).op(op::ADD).push(0).op(op::SSTORE).op(op::STOP);
    a.label("destroy").op(op::CALLER).op(op::SELFDESTRUCT);
    return a.code();
}

/// Initcode that deploys `runtime` (shorter than 256 bytes).
inline bytes initcode_for(bytes_view runtime) {
    Asm a;
    const auto n = static_cast<uint64_t>(runtime.size());
    a.push(n).push_label("runtime").push(0).op(op::CODECOPY).push(n).push(0).op(op::RETURN);
    a.mark("runtime").append(runtime);
    return a.code();
}

/// Factory: CREATE2 of the child with salt = calldata[0]; stores the result in slot 0.
inline bytes factory_code() {
    const bytes init = initcode_for(child_runtime());
    const auto n = static_cast<uint64_t>(init.size());
    Asm a;
    a.push(n).push_label("init").push(0).op(op::CODECOPY);
    a.push(0).op(op::CALLDATALOAD).push(n).push(0).push(0).op(op::CREATE2);
    a.push(0).op(op::SSTORE).op(op::STOP);
    a.mark("init").append(init);
    return a.code();
}

inline Address create2_address(const Address& factory, const uint256& salt, bytes_view init) {
    bytes buf;
    buf.push_back(0xff);
    buf.append(factory.view());
    buf.append(be_store(salt).view());
    buf.append(keccak256(init).view());
    const Hash256 h = keccak256(buf);
    return Address{bytes_view{h.data() + 12, 20}};
}

inline bytes word(const uint256& v) {
    const Hash256 h = be_store(v);
    return bytes{h.view()};
}
inline bytes word(const Address& a) {
    bytes w(12, 0);
    w.append(a.view());
    return w;
}

/// The contracts random blocks call, placed in a pre-state.
struct TestContracts {
    Address token;               // balances of every sender
    std::vector<Address> pairs;  // AMM pairs
    Address slots, coinbase_reader, reverter, burner, factory;
    bytes child_init;  // what the factory deploys with CREATE2
};

/// Puts the test contracts into `pre`: the token with a balance for each of `senders`, and
/// `num_pairs` AMM pairs; `address_of(n)` makes their addresses.
template <class AddressOf>
TestContracts place_test_contracts(InMemoryState& pre,
                                   const std::vector<Address>& senders,
                                   size_t num_pairs,
                                   AddressOf address_of) {
    TestContracts c;
    c.token = address_of(0xa000);
    std::vector<std::pair<uint256, uint256>> token_slots;
    for (const auto& s : senders) token_slots.emplace_back(be_load(word(s)), 1'000'000);
    pre.set_account(c.token, 1, 0, token_code(), token_slots);
    for (uint64_t i = 0; i < num_pairs; ++i) {
        c.pairs.push_back(address_of(0xb000 + i));
        pre.set_account(c.pairs.back(), 1, 0, amm_code(), {{0, 1'000'000'000}, {1, 2'000'000'000}});
    }
    c.slots = address_of(0xc000);
    pre.set_account(c.slots, 1, 0, random_slots_code(), {{1, 5}, {2, 7}});
    c.coinbase_reader = address_of(0xd000);
    pre.set_account(c.coinbase_reader, 1, 0, coinbase_reader_code(), {});
    c.reverter = address_of(0xe000);
    pre.set_account(c.reverter, 1, 0, reverter_code(), {});
    c.burner = address_of(0xe100);
    pre.set_account(c.burner, 1, 0, gas_burner_code(), {});
    c.factory = address_of(0xf000);
    pre.set_account(c.factory, 1, 0, factory_code(), {});
    c.child_init = initcode_for(child_runtime());
    return c;
}

struct RandomBlockOptions {
    size_t num_txs = 60;
    size_t num_senders = 12;  // fewer senders: longer same-sender chains
    size_t num_slots = 8;     // fewer slots: more storage conflicts
    Revision revision = Revision::cancun;
    /// Give accounts distinct first address bytes, so that they fall in many shards of the
    /// block overlay (as real addresses do); otherwise they all start with a zero byte.
    bool spread_addresses = false;
};

/// A valid random block (every transaction passes validation) and its pre-state.
inline GeneratedBlock random_block(uint64_t seed, const RandomBlockOptions& o) {
    std::mt19937_64 rng{seed};
    const auto address_from_u64 = [&o](uint64_t v) {
        Address a = parevm::address_from_u64(v);
        if (o.spread_addresses) a.bytes[0] = static_cast<uint8_t>((v * 2654435761u) >> 24);
        return a;
    };
    GeneratedBlock g;
    Block& b = g.block;
    b.revision = o.revision;
    b.chain_id = 1;
    b.env.number = 1000;
    b.env.timestamp = 1'700'000'000;
    b.env.gas_limit = 1'000'000'000;
    b.env.base_fee = 7;
    b.env.coinbase = address_from_u64(0xc0ffee);

    std::vector<Address> senders;
    std::vector<uint64_t> nonces;
    for (size_t i = 0; i < o.num_senders; ++i) {
        senders.push_back(address_from_u64(0x1000 + i));
        nonces.push_back(rng() % 3);
        g.pre.set_account(senders.back(), nonces.back(), uint256{1} << 80, {}, {});
    }
    if (rng() % 2) b.env.coinbase = senders[0];  // the coinbase also sends transactions
    // One of the transfer targets exists but is empty: a zero-value transfer clears it.
    g.pre.set_account(address_from_u64(0x5003), 0, 0, {}, {});

    const TestContracts c = place_test_contracts(g.pre, senders, 3, address_from_u64);
    const Address& token = c.token;
    const std::vector<Address>& pairs = c.pairs;
    const Address &slots = c.slots, &coinbase_reader = c.coinbase_reader, &reverter = c.reverter,
                  &burner = c.burner, &factory = c.factory;
    const bytes& child_init = c.child_init;

    for (size_t i = 0; i < o.num_txs; ++i) {
        Transaction tx;
        const size_t si = rng() % senders.size();
        tx.sender = senders[si];
        tx.nonce = nonces[si]++;
        tx.chain_id = 1;
        if (rng() % 4 == 0) {
            tx.type = TxType::legacy;
            tx.max_fee_per_gas = 10 + rng() % 5;
            tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
        } else {
            tx.type = TxType::dynamic_fee;
            tx.max_fee_per_gas = 20;
            tx.max_priority_fee_per_gas = rng() % 4;
        }
        tx.gas_limit = 200'000;
        switch (rng() % 11) {
            case 0:  // raw transfer, to a sender, a fresh account or the coinbase; some of
            case 1:  // zero value (EIP-161: no account is created)
                switch (rng() % 5) {
                    case 0:
                    case 1:
                        tx.to = senders[rng() % senders.size()];
                        break;
                    case 4:
                        tx.to = b.env.coinbase;
                        break;
                    default:
                        tx.to = address_from_u64(0x5000 + rng() % 4);
                }
                tx.value = (rng() % 4 == 0) ? 0 : rng() % 1000;
                tx.gas_limit = 21'000;
                break;
            case 2:
                tx.to = token;
                tx.data = word(senders[rng() % senders.size()]) + word(rng() % 2000);
                break;
            case 3:
                tx.to = pairs[rng() % pairs.size()];
                tx.data = word(1 + rng() % 100'000);
                break;
            case 4:
                tx.to = slots;
                tx.data = word(rng() % o.num_slots) + word(rng() % o.num_slots) +
                          word(rng() % o.num_slots);
                break;
            case 5:
                tx.to = coinbase_reader;
                break;
            case 6:
                tx.to = reverter;
                tx.data = word(rng() % 2);
                tx.value = rng() % 3;
                break;
            case 7:
                tx.to = burner;
                tx.gas_limit = 30'000 + rng() % 20'000;
                break;
            case 8: {  // deploy or poke or destroy a CREATE2 child
                const uint64_t salt = rng() % 2;
                const uint64_t action = rng() % 3;
                if (action == 0) {
                    tx.to = factory;
                    tx.data = word(salt);
                } else {
                    tx.to = create2_address(factory, salt, child_init);
                    tx.data = word(action == 1 ? 1 : 2);
                }
                break;
            }
            case 9:  // value to a precompile
                tx.to = address_from_u64(1 + rng() % 4);
                tx.value = rng() % 5;
                tx.gas_limit = 50'000;
                break;
            case 10:  // contract creation from a transaction
                tx.to = std::nullopt;
                tx.data = initcode_for(child_runtime());
                tx.value = rng() % 2;
                break;
        }
        b.txs.push_back(std::move(tx));
    }
    return g;
}

}  // namespace parevm::test
