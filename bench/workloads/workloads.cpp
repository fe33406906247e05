// SPDX-License-Identifier: Apache-2.0
// parevm bench: the workload generators. Contracts are "deployed" by writing their runtime code
// and the storage their constructors (and earlier activity) would have left straight into the
// pre-state, following each contract's Solidity storage layout (mapping value at
// keccak(key . slot)); the documented layouts are in bench/contracts/*.sol and, for Uniswap V2,
// UniswapV2ERC20/UniswapV2Pair/UniswapV2Factory of @uniswap/v2-core 1.0.1.
#include <bench/workloads/contracts.hpp>
#include <bench/workloads/workloads.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>
#include <parevm/execution/tx_codec.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace parevm::bench {
namespace {

constexpr uint64_t gwei = 1'000'000'000;
constexpr int64_t block_timestamp = 1'760'000'000;
const uint256 ether = uint256{1'000'000'000'000'000'000ULL};
const uint256 max_uint256 = ~uint256{};

/// splitmix64: small, fast and fully specified, so a seed means the same block everywhere.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    uint64_t below(uint64_t n) { return next() % n; }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    Address address() {
        Address a;
        for (size_t i = 0; i < 20; i += 8) {
            const uint64_t v = next();
            for (size_t j = 0; j < 8 && i + j < 20; ++j)
                a.bytes[i + j] = static_cast<uint8_t>(v >> (8 * j));
        }
        return a;
    }

private:
    uint64_t s_;
};

bytes u64_bytes(uint64_t v) {
    bytes b(8, 0);
    for (int i = 0; i < 8; ++i) b[7 - i] = static_cast<uint8_t>(v >> (8 * i));
    return b;
}

Hash256 word(const Address& a) {
    Hash256 h;
    std::copy(a.bytes.begin(), a.bytes.end(), h.bytes.begin() + 12);
    return h;
}

Address address_of(const Hash256& h) {
    Address a;
    std::copy(h.bytes.begin() + 12, h.bytes.end(), a.bytes.begin());
    return a;
}

/// Solidity: the slot of mapping value `m[key]` where `m` sits at `slot` is keccak(key . slot).
uint256 mapping_slot(const Hash256& key, const uint256& slot) {
    bytes b(key.view());
    b += be_store(slot).view();
    return be_load(keccak256(b));
}
uint256 mapping_slot(const Address& key, const uint256& slot) {
    return mapping_slot(word(key), slot);
}
uint256 mapping_slot(const uint256& key, const uint256& slot) {
    return mapping_slot(be_store(key), slot);
}

/// ABI call data: the 4-byte selector of `signature` followed by 32-byte words.
class Call {
public:
    explicit Call(std::string_view signature) {
        const Hash256 h = keccak256(
            bytes_view{reinterpret_cast<const uint8_t*>(signature.data()), signature.size()});
        data_.assign(h.bytes.begin(), h.bytes.begin() + 4);
    }
    Call& arg(const Address& a) { return raw(word(a)); }
    Call& arg(const uint256& v) { return raw(be_store(v)); }
    Call& arg(bool v) { return raw(be_store(uint256{v ? 1U : 0U})); }
    bytes take() { return std::move(data_); }

private:
    Call& raw(const Hash256& w) {
        data_ += w.view();
        return *this;
    }
    bytes data_;
};

struct Eoa {
    Address address;
    Hash256 secret;
};

struct Pending {
    uint64_t nonce = 0;
    uint256 balance;
    bytes_view code;
    std::map<uint256, uint256> storage;
};

/// A Uniswap V2 pair in the pre-state.
struct Pair {
    Address address;
    Address token0;
    Address token1;
};

/// Accumulates pre-state and signed transactions, then assembles the Workload.
class Builder {
public:
    Builder(std::string_view name, const WorkloadParams& params) : params_(params), rng_(0) {
        // The stream depends on the workload name too, so workloads do not share recipients.
        uint64_t h = 0xcbf29ce484222325ULL;
        for (char c : name) h = (h ^ static_cast<uint8_t>(c)) * 0x100000001b3ULL;
        rng_ = Rng(params.seed ^ h);
        name_ = name;
    }

    Rng& rng() { return rng_; }
    const WorkloadParams& params() const { return params_; }

    /// A key pair derived from the seed: secret = keccak("parevm-bench-key" . seed . index).
    Eoa eoa(uint64_t index) {
        bytes b(reinterpret_cast<const uint8_t*>("parevm-bench-key"), 16);
        b += u64_bytes(params_.seed);
        b += u64_bytes(index);
        Eoa e;
        e.secret = keccak256(b);
        e.address = address_from_secret(e.secret);
        PAREVM_ASSERT(!e.address.is_zero());
        return e;
    }
    /// A funded sender with enough ether for its fees.
    Eoa funded_eoa() {
        const Eoa e = eoa(next_eoa_++);
        accounts_[e.address].balance += ether * uint256{100};
        return e;
    }

    /// A contract address, as if created by a deployer: keccak("parevm-bench-contract" . k).
    Address deploy(Contract c) {
        bytes b(reinterpret_cast<const uint8_t*>("parevm-bench-contract"), 21);
        b += u64_bytes(next_contract_++);
        const Address a = address_of(keccak256(b));
        deploy_at(a, c);
        return a;
    }
    void deploy_at(const Address& a, Contract c) {
        Pending& p = accounts_[a];
        p.nonce = 1;  // EIP-161: contracts start at nonce 1
        p.code = runtime_code(c);
    }
    void sstore(const Address& a, const uint256& slot, const uint256& value) {
        auto& storage = accounts_[a].storage;
        if (value)
            storage[slot] = value;
        else
            storage.erase(slot);
    }
    uint256 sload(const Address& a, const uint256& slot) {
        auto& storage = accounts_[a].storage;
        auto it = storage.find(slot);
        return it == storage.end() ? uint256{} : it->second;
    }

    // Token.sol layout: balanceOf at 0, allowance at 1, totalSupply at 2.
    Address token() { return deploy(Contract::token); }
    void mint_tokens(const Address& token, const Address& to, const uint256& amount) {
        const uint256 slot = mapping_slot(to, 0);
        sstore(token, slot, sload(token, slot) + amount);
        sstore(token, 2, sload(token, 2) + amount);
    }
    void approve_tokens(const Address& token, const Address& owner, const Address& spender) {
        sstore(token, mapping_slot(spender, mapping_slot(owner, 1)), max_uint256);
    }

    /// Uniswap V2: a factory, a base token and `count` pairs (base, token_i), each with deep
    /// liquidity, placed where the factory's CREATE2 would have put them.
    std::vector<Pair> uniswap(size_t count) {
        factory_ = deploy(Contract::uniswap_factory);
        router_ = deploy(Contract::router);
        const Address base = token();
        const Address fee_to_setter = rng_.address();
        sstore(factory_, 1, uint256{be_load(word(fee_to_setter))});  // feeToSetter (feeTo off)
        const Hash256 pair_code_hash = keccak256(creation_code(Contract::uniswap_pair));
        const Address lp = rng_.address();
        std::vector<Pair> pairs;
        for (size_t i = 0; i < count; ++i) {
            const Address other = token();
            Pair p;
            p.token0 = std::min(base, other);
            p.token1 = std::max(base, other);
            // CREATE2: keccak(0xff . factory . keccak(token0 . token1) . keccak(init code))[12:]
            bytes salt_in(p.token0.view());
            salt_in += p.token1.view();
            bytes c2{0xff};
            c2 += factory_.view();
            c2 += keccak256(salt_in).view();
            c2 += pair_code_hash.view();
            p.address = address_of(keccak256(c2));
            deploy_at(p.address, Contract::uniswap_pair);

            const uint256 reserve0 = ether * uint256{1'000'000 + rng_.below(9'000'000)};
            const uint256 reserve1 = ether * uint256{1'000'000 + rng_.below(9'000'000)};
            const Address& a = p.address;
            // UniswapV2ERC20: totalSupply 0, balanceOf 1, allowance 2, DOMAIN_SEPARATOR 3,
            // nonces 4. Liquidity: MINIMUM_LIQUIDITY (1000) is locked at address zero.
            const uint256 liquidity = ether * uint256{1'000'000};
            sstore(a, 0, liquidity);
            sstore(a, mapping_slot(Address{}, 1), 1000);
            sstore(a, mapping_slot(lp, 1), liquidity - uint256{1000});
            sstore(a, 3, be_load(domain_separator(a)));
            // UniswapV2Pair: factory 5, token0 6, token1 7, reserve0|reserve1|blockTimestampLast
            // packed in 8 (112 + 112 + 32 bits), price cumulatives 9 and 10, kLast 11, unlocked 12.
            sstore(a, 5, be_load(word(factory_)));
            sstore(a, 6, be_load(word(p.token0)));
            sstore(a, 7, be_load(word(p.token1)));
            const uint256 last_ts = uint256{static_cast<uint64_t>(block_timestamp - 12)};
            sstore(a, 8, reserve0 | (reserve1 << 112) | (last_ts << 224));
            sstore(a, 12, 1);
            mint_tokens(p.token0, a, reserve0);
            mint_tokens(p.token1, a, reserve1);
            // UniswapV2Factory: getPair 2 (both directions), allPairs 3 (length, then elements
            // from keccak(3)).
            sstore(factory_, mapping_slot(p.token1, mapping_slot(p.token0, 2)), be_load(word(a)));
            sstore(factory_, mapping_slot(p.token0, mapping_slot(p.token1, 2)), be_load(word(a)));
            const uint256 first = be_load(keccak256(be_store(uint256{3}).view()));
            sstore(factory_, first + uint256{i}, be_load(word(a)));
            pairs.push_back(p);
        }
        sstore(factory_, 3, count);
        return pairs;
    }
    /// One swap through the router: the sender holds and approved the input token.
    void swap(const Pair& pair) {
        const Eoa from = funded_eoa();
        const Address token_in = rng_.below(2) ? pair.token0 : pair.token1;
        const uint256 amount = ether * uint256{1 + rng_.below(100)};
        mint_tokens(token_in, from.address, amount);
        approve_tokens(token_in, from.address, router_);
        tx(from, router_, 0,
           Call("swapExactIn(address,address,uint256,uint256)")
               .arg(pair.address)
               .arg(token_in)
               .arg(amount)
               .arg(uint256{1})
               .take(),
           250'000);
    }
    /// One ERC-20 transfer from a fresh holder.
    void erc20_transfer(const Address& token, const Address& to) {
        const Eoa from = funded_eoa();
        const uint256 balance = ether * uint256{1 + rng_.below(1'000'000)};
        mint_tokens(token, from.address, balance);
        const uint256 amount = balance / uint256{1 + rng_.below(4)};
        tx(from, token, 0, Call("transfer(address,uint256)").arg(to).arg(amount).take(), 100'000);
    }
    void eth_transfer(const Eoa& from, const Address& to) {
        tx(from, to, uint256{1'000'000'000'000ULL + rng_.below(1'000'000'000'000'000ULL)}, {},
           21'000);
    }

    /// Appends a signed EIP-1559 transaction from `from` (its nonces count up from zero).
    void tx(const Eoa& from, const Address& to, const uint256& value, bytes data, uint64_t gas) {
        Transaction t;
        t.type = TxType::dynamic_fee;
        t.chain_id = uint256{1};
        t.nonce = nonces_[from.address]++;
        t.max_fee_per_gas = 3 * gwei;
        t.max_priority_fee_per_gas = 1 * gwei;
        t.gas_limit = gas;
        t.to = to;
        t.value = value;
        t.data = std::move(data);
        txs_.push_back(sign_transaction(std::move(t), from.secret));
    }

    Workload finish() {
        Workload w;
        w.name = name_;
        for (const auto& [addr, p] : accounts_) {
            std::vector<std::pair<uint256, uint256>> storage(p.storage.begin(), p.storage.end());
            w.pre.set_account(addr, p.nonce, p.balance, p.code, storage);
        }
        Block& b = w.block;
        b.revision = latest_revision;
        b.chain_id = 1;
        b.env.number = 20'000'000;
        b.env.timestamp = block_timestamp;
        uint64_t gas_limit = 0;
        for (const auto& t : txs_) gas_limit += t.gas_limit;
        b.env.gas_limit = static_cast<int64_t>(std::max<uint64_t>(gas_limit, 30'000'000));
        b.env.coinbase =
            address_of(keccak256(bytes(reinterpret_cast<const uint8_t*>("coinbase"), 8)));
        b.env.base_fee = gwei;
        b.env.prev_randao = keccak256(u64_bytes(params_.seed));
        b.txs = std::move(txs_);

        bytes h = u64_bytes(static_cast<uint64_t>(b.env.number));
        h += u64_bytes(static_cast<uint64_t>(b.env.timestamp));
        h += u64_bytes(static_cast<uint64_t>(b.env.gas_limit));
        h += b.env.coinbase.view();
        h += b.env.prev_randao.view();
        for (const auto& t : b.txs) h += tx_hash(t).view();
        w.hash = keccak256(h);
        return w;
    }

private:
    /// UniswapV2ERC20's constructor: the EIP-712 domain of the pair's LP token on chain 1.
    static Hash256 domain_separator(const Address& pair) {
        auto text = [](std::string_view s) {
            return keccak256(bytes_view{reinterpret_cast<const uint8_t*>(s.data()), s.size()});
        };
        bytes b(text("EIP712Domain(string name,string version,uint256 chainId,address "
                     "verifyingContract)")
                    .view());
        b += text("Uniswap V2").view();
        b += text("1").view();
        b += be_store(uint256{1}).view();
        b += word(pair).view();
        return keccak256(b);
    }

    WorkloadParams params_;
    Rng rng_;
    std::string name_;
    uint64_t next_eoa_ = 0;
    uint64_t next_contract_ = 0;
    Address factory_;
    Address router_;
    std::map<Address, Pending> accounts_;
    std::map<Address, uint64_t> nonces_;
    std::vector<Transaction> txs_;
};

void gen_eth_transfer(Builder& b) {
    for (size_t i = 0; i < b.params().txs; ++i) b.eth_transfer(b.funded_eoa(), b.rng().address());
}

void gen_erc20_transfer(Builder& b) {
    const Address token = b.token();
    for (size_t i = 0; i < b.params().txs; ++i) b.erc20_transfer(token, b.rng().address());
}

void gen_uniswap_independent(Builder& b) {
    for (const Pair& p : b.uniswap(b.params().txs)) b.swap(p);
}

void gen_uniswap_contended(Builder& b) {
    const auto pairs = b.uniswap(std::max<size_t>(1, b.params().pairs));
    for (size_t i = 0; i < b.params().txs; ++i) b.swap(pairs[b.rng().below(pairs.size())]);
}

void gen_nft_mint(Builder& b) {
    // Nft.sol layout: ownerOf 0, balanceOf 1, getApproved 2, isApprovedForAll 3, minter 4.
    const Address nft = b.deploy(Contract::nft);
    b.sstore(nft, 4, be_load(word(b.rng().address())));
    std::set<uint64_t> ids;
    for (size_t i = 0; i < b.params().txs; ++i) {
        uint64_t id = b.rng().next();
        while (!ids.insert(id).second) id = b.rng().next();
        const Eoa player = b.funded_eoa();
        b.tx(player, nft, 0,
             Call("mint(address,uint256)").arg(player.address).arg(uint256{id}).take(), 150'000);
    }
}

void gen_dao_vote(Builder& b) {
    // Governance.sol layout: votingPower 0, proposals 1 (forVotes, againstVotes,
    // deadline|executed from keccak(id . 1)), hasVoted 2, proposalCount 3. Eight proposals are
    // open; every vote adds to one of their tallies.
    constexpr uint64_t proposals = 8;
    const Address gov = b.deploy(Contract::governance);
    for (uint64_t id = 0; id < proposals; ++id)
        b.sstore(gov, mapping_slot(uint256{id}, 1) + uint256{2},
                 uint256{static_cast<uint64_t>(block_timestamp + 7 * 24 * 3600)});
    b.sstore(gov, 3, proposals);
    for (size_t i = 0; i < b.params().txs; ++i) {
        const Eoa voter = b.funded_eoa();
        b.sstore(gov, mapping_slot(voter.address, 0), ether * uint256{1 + b.rng().below(10'000)});
        b.tx(voter, gov, 0,
             Call("castVote(uint256,bool)")
                 .arg(uint256{b.rng().below(proposals)})
                 .arg(b.rng().below(4) != 0)
                 .take(),
             150'000);
    }
}

void gen_hybrid(Builder& b) {
    // 60% ether transfers, 20% ERC-20 transfers, 20% swaps; a hot_ratio share of them go to the
    // hot spot: one exchange account (transfers, ERC-20) or one pair (swaps).
    enum Kind { transfer, erc20, swap };
    std::vector<std::pair<Kind, bool>> plan;
    size_t cold_swaps = 0;
    for (size_t i = 0; i < b.params().txs; ++i) {
        const double r = b.rng().unit();
        const Kind k = r < 0.6 ? transfer : r < 0.8 ? erc20 : swap;
        const bool hot = b.rng().unit() < b.params().hot_ratio;
        if (k == swap && !hot) ++cold_swaps;
        plan.emplace_back(k, hot);
    }
    const Address exchange = b.rng().address();
    const Address stable = b.token();
    const auto pairs = b.uniswap(cold_swaps + 1);
    size_t next_pair = 1;
    for (const auto& [kind, hot] : plan) {
        switch (kind) {
            case transfer:
                b.eth_transfer(b.funded_eoa(), hot ? exchange : b.rng().address());
                break;
            case erc20:
                b.erc20_transfer(stable, hot ? exchange : b.rng().address());
                break;
            case swap:
                b.swap(hot ? pairs[0] : pairs[next_pair++]);
                break;
        }
    }
}

void gen_worst_one_account(Builder& b) {
    // Every transaction comes from the same sender: each depends on the previous nonce.
    const Eoa whale = b.funded_eoa();
    for (size_t i = 0; i < b.params().txs; ++i) b.eth_transfer(whale, b.rng().address());
}

void gen_worst_one_slot(Builder& b) {
    // Every ERC-20 transfer credits the same holder: one storage slot read and written by all.
    const Address token = b.token();
    const Address sink = b.rng().address();
    for (size_t i = 0; i < b.params().txs; ++i) b.erc20_transfer(token, sink);
}

void gen_worst_one_pair(Builder& b) {
    const auto pairs = b.uniswap(1);
    for (size_t i = 0; i < b.params().txs; ++i) b.swap(pairs[0]);
}

struct Generator {
    WorkloadInfo info;
    void (*gen)(Builder&);
};

constexpr std::array generators{
    Generator{{"eth_transfer", "raw ether transfers, distinct senders and recipients", true},
              gen_eth_transfer},
    Generator{{"erc20_transfer", "ERC-20 transfers of one token, distinct holders", true},
              gen_erc20_transfer},
    Generator{{"uniswap_independent", "Uniswap V2 swaps, each on its own pair", true},
              gen_uniswap_independent},
    Generator{{"uniswap_contended", "Uniswap V2 swaps over --pairs K pairs", true},
              gen_uniswap_contended},
    Generator{{"nft_mint", "ERC-721 game item mints, one per player", true}, gen_nft_mint},
    Generator{{"dao_vote", "governance votes over 8 open proposals", true}, gen_dao_vote},
    Generator{{"hybrid", "60% transfers, 20% ERC-20, 20% swaps; --hot share on a hot spot", true},
              gen_hybrid},
    Generator{{"worst_one_account", "worst case: every tx from one sender", false},
              gen_worst_one_account},
    Generator{{"worst_one_slot", "worst case: every ERC-20 transfer to one holder", false},
              gen_worst_one_slot},
    Generator{{"worst_one_pair", "worst case: every swap on one pair", false}, gen_worst_one_pair},
};

}  // namespace

std::span<const WorkloadInfo> workload_list() {
    static const auto infos = [] {
        std::array<WorkloadInfo, generators.size()> a{};
        for (size_t i = 0; i < generators.size(); ++i) a[i] = generators[i].info;
        return a;
    }();
    return infos;
}

std::optional<Workload> make_workload(std::string_view name, const WorkloadParams& params) {
    for (const auto& g : generators) {
        if (g.info.name != name) continue;
        Builder b(name, params);
        g.gen(b);
        return b.finish();
    }
    return std::nullopt;
}

size_t txs_for_gas(std::string_view name, uint64_t gas, const WorkloadParams& params) {
    WorkloadParams sample = params;
    sample.txs = 64;
    const auto w = make_workload(name, sample);
    if (!w) return 0;
    const BlockResult r = execute_block(w->block, w->pre, ExecutionOptions{});
    if (r.invalid || r.gas_used == 0) return 0;
    const uint64_t per_tx = r.gas_used / sample.txs;
    return static_cast<size_t>(std::max<uint64_t>(1, gas / per_tx));
}

}  // namespace parevm::bench
