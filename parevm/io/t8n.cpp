// SPDX-License-Identifier: Apache-2.0
// parevm: t8n: geth-format env/alloc/txs in, result/alloc/body out, through execute_block.
#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>
#include <parevm/execution/block.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/execution/roots.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/io/alloc.hpp>
#include <parevm/io/header_rules.hpp>
#include <parevm/io/t8n.hpp>
#include <parevm/state/mpt/state_root.hpp>

#include <algorithm>
#include <span>

namespace parevm {

namespace {

[[noreturn]] void config_error(const std::string& what) {
    throw T8nError(t8n_exit::config_error, what);
}

/// Reads `fn` and turns InputError (a bad field) into t8n's JSON error exit code.
template <typename F>
auto json_guard(F&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const T8nError&) {
        throw;
    } catch (const InputError& e) {
        throw T8nError(t8n_exit::json_error, e.what());
    }
}

std::string hex_u64(uint64_t v) {
    return to_hex(uint256{v});
}

std::vector<AccessListEntry> read_access_list(const nlohmann::json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path + ": expected an array");
    std::vector<AccessListEntry> list;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string p = json_path(path, i);
        AccessListEntry e;
        e.address = read_address(json_field(j[i], "address", p), json_path(p, "address"));
        const std::string kp = json_path(p, "storageKeys");
        if (const auto* keys = json_optional_field(j[i], "storageKeys", p)) {
            if (!keys->is_array()) throw InputError(kp + ": expected an array");
            for (size_t k = 0; k < keys->size(); ++k)
                e.storage_keys.push_back(read_word((*keys)[k], json_path(kp, k)));
        }
        list.push_back(std::move(e));
    }
    return list;
}

/// One transaction of geth's txs.json. Returns the transaction and whether it carries a usable
/// signature (signed here from `secretKey`, or v/r/s that still have to be recovered).
struct JsonTx {
    Transaction tx;
    bool signed_here = false;
};

JsonTx read_json_tx(const nlohmann::json& j,
                    const std::string& path,
                    const uint256& chain_id,
                    Revision revision) {
    JsonTx out;
    Transaction& tx = out.tx;
    auto p = [&](std::string_view key) { return json_path(path, key); };
    auto opt = [&](std::string_view key) { return json_optional_field(j, key, path); };

    uint64_t type = 0;
    if (const auto* t = opt("type")) type = read_uint64(*t, p("type"));
    if (type > 4) throw InputError(p("type") + ": unsupported transaction type " + hex_u64(type));
    tx.type = static_cast<TxType>(type);

    tx.nonce = read_uint64(json_field(j, "nonce", path), p("nonce"));
    tx.gas_limit = read_uint64(json_field(j, "gas", path), p("gas"));
    if (const auto* v = opt("value")) tx.value = read_uint256(*v, p("value"));
    if (const auto* d = opt("input"))
        tx.data = read_bytes(*d, p("input"));
    else if (const auto* d2 = opt("data"))
        tx.data = read_bytes(*d2, p("data"));
    if (const auto* to = opt("to")) {
        if (!(to->is_string() && to->get_ref<const std::string&>().empty()))
            tx.to = read_address(*to, p("to"));
    }

    if (tx.type == TxType::legacy || tx.type == TxType::access_list) {
        tx.max_fee_per_gas = read_uint256(json_field(j, "gasPrice", path), p("gasPrice"));
        tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
    } else {
        tx.max_fee_per_gas = read_uint256(json_field(j, "maxFeePerGas", path), p("maxFeePerGas"));
        tx.max_priority_fee_per_gas =
            read_uint256(json_field(j, "maxPriorityFeePerGas", path), p("maxPriorityFeePerGas"));
    }
    if (tx.type != TxType::legacy) {
        if (const auto* al = opt("accessList"))
            tx.access_list = read_access_list(*al, p("accessList"));
    }
    if (tx.type == TxType::blob) {
        tx.max_fee_per_blob_gas =
            read_uint256(json_field(j, "maxFeePerBlobGas", path), p("maxFeePerBlobGas"));
        const auto& hashes = json_field(j, "blobVersionedHashes", path);
        if (!hashes.is_array()) throw InputError(p("blobVersionedHashes") + ": expected an array");
        for (size_t i = 0; i < hashes.size(); ++i)
            tx.blob_hashes.push_back(read_hash(hashes[i], json_path(p("blobVersionedHashes"), i)));
    }
    if (tx.type == TxType::set_code) {
        const auto& auths = json_field(j, "authorizationList", path);
        const std::string ap = p("authorizationList");
        if (!auths.is_array()) throw InputError(ap + ": expected an array");
        for (size_t i = 0; i < auths.size(); ++i) {
            const std::string aip = json_path(ap, i);
            const auto& a = auths[i];
            Authorization auth;
            auth.chain_id = read_uint256(json_field(a, "chainId", aip), json_path(aip, "chainId"));
            auth.address = read_address(json_field(a, "address", aip), json_path(aip, "address"));
            auth.nonce = read_uint64(json_field(a, "nonce", aip), json_path(aip, "nonce"));
            if (const auto* y = json_optional_field(a, "yParity", aip))
                auth.y_parity = read_uint256(*y, json_path(aip, "yParity"));
            else
                auth.y_parity = read_uint256(json_field(a, "v", aip), json_path(aip, "v"));
            auth.r = read_uint256(json_field(a, "r", aip), json_path(aip, "r"));
            auth.s = read_uint256(json_field(a, "s", aip), json_path(aip, "s"));
            tx.authorizations.push_back(auth);
        }
    }

    const auto* chain = opt("chainId");
    const uint256 tx_chain_id = chain ? read_uint256(*chain, p("chainId")) : chain_id;

    if (const auto* key = opt("secretKey")) {
        const Hash256 secret = read_hash(*key, p("secretKey"));
        if (address_from_secret(secret).is_zero())
            throw InputError(p("secretKey") + ": invalid secret key");
        // geth: legacy transactions are EIP-155 signed unless told not to, once EIP-155 is active
        // (Spurious Dragon); before it the fork's signer only knows v = 27/28.
        bool is_protected = revision >= Revision::spurious_dragon;
        if (const auto* prot = opt("protected")) {
            if (!prot->is_boolean()) throw InputError(p("protected") + ": expected a boolean");
            is_protected = is_protected && prot->get<bool>();
        }
        if (tx.type != TxType::legacy || is_protected) tx.chain_id = tx_chain_id;
        tx = sign_transaction(std::move(tx), secret);
        out.signed_here = true;
        return out;
    }

    tx.r = read_uint256(json_field(j, "r", path), p("r"));
    tx.s = read_uint256(json_field(j, "s", path), p("s"));
    if (tx.type == TxType::legacy) {
        tx.v = read_uint256(json_field(j, "v", path), p("v"));
        if (tx.v >= uint256{35}) tx.chain_id = (tx.v - uint256{35}) / uint256{2};  // EIP-155
    } else {
        tx.chain_id = tx_chain_id;
        if (const auto* y = opt("yParity"))
            tx.v = read_uint256(*y, p("yParity"));
        else
            tx.v = read_uint256(json_field(j, "v", path), p("v"));
    }
    return out;
}

BlobSchedule default_blob_schedule(Revision revision) {
    if (revision >= Revision::prague) return {6, 9, 5007716};  // EIP-7691
    return {};                                                 // EIP-4844
}

struct Env {
    BlockEnv env;
    std::vector<std::pair<int64_t, Hash256>> block_hashes;
};

Env read_env(const nlohmann::json& j,
             Revision revision,
             std::string_view fork_name,
             const BlobSchedule& blobs) {
    const std::string path = "env";
    Env out;
    BlockEnv& env = out.env;
    auto p = [&](std::string_view key) { return json_path(path, key); };
    auto opt = [&](std::string_view key) { return json_optional_field(j, key, path); };
    auto req = [&](std::string_view key) -> const nlohmann::json& {
        return json_field(j, key, path);
    };
    json_guard([&] {
        env.coinbase = read_address(req("currentCoinbase"), p("currentCoinbase"));
        env.gas_limit = read_int64(req("currentGasLimit"), p("currentGasLimit"), true);
        env.number = read_int64(req("currentNumber"), p("currentNumber"), true);
        env.timestamp = read_int64(req("currentTimestamp"), p("currentTimestamp"), true);
        return 0;
    });

    if (revision >= Revision::paris) {
        const auto* random = opt("currentRandom");
        if (!random) config_error("post-merge env requires currentRandom");
        env.prev_randao = json_guard([&] { return read_hash(*random, p("currentRandom")); });
    } else if (const auto* diff = opt("currentDifficulty")) {
        env.difficulty =
            json_guard([&] { return read_uint256(*diff, p("currentDifficulty"), true); });
    } else {
        // As geth's t8n: derive the difficulty from the parent's (ethash rules of the fork).
        const auto* pd = opt("parentDifficulty");
        if (!pd)
            config_error(
                "currentDifficulty was not provided, and cannot be calculated due to missing "
                "parentDifficulty");
        if (env.number == 0)
            config_error("currentDifficulty cannot be calculated -- currentNumber must be > 0");
        json_guard([&] {
            const uint256 parent_difficulty = read_uint256(*pd, p("parentDifficulty"), true);
            int64_t parent_timestamp = 0;
            if (const auto* pt = opt("parentTimestamp"))
                parent_timestamp = read_int64(*pt, p("parentTimestamp"), true);
            if (env.timestamp <= parent_timestamp)
                config_error("currentDifficulty cannot be calculated -- currentTime (" +
                             std::to_string(env.timestamp) + ") needs to be after parent time (" +
                             std::to_string(parent_timestamp) + ")");
            bool parent_has_ommers = false;
            if (const auto* pu = opt("parentUncleHash"))
                parent_has_ommers = read_hash(*pu, p("parentUncleHash")) != empty_ommers_hash();
            env.difficulty =
                next_difficulty(difficulty_rules(revision, fork_name), env.number, env.timestamp,
                                parent_timestamp, parent_difficulty, parent_has_ommers);
            return 0;
        });
    }

    if (revision >= Revision::london) {
        if (const auto* fee = opt("currentBaseFee")) {
            env.base_fee =
                json_guard([&] { return read_uint256(*fee, p("currentBaseFee"), true); });
        } else {
            const auto* pf = opt("parentBaseFee");
            const auto* pu = opt("parentGasUsed");
            const auto* pl = opt("parentGasLimit");
            if (!pf || !pu || !pl)
                config_error(
                    "currentBaseFee was not provided and parentBaseFee, parentGasUsed, "
                    "parentGasLimit are needed to compute it");
            env.base_fee = json_guard([&] {
                return next_base_fee(read_uint256(*pf, p("parentBaseFee"), true),
                                     read_uint64(*pu, p("parentGasUsed"), true),
                                     read_uint64(*pl, p("parentGasLimit"), true));
            });
        }
    }

    if (revision >= Revision::cancun) {
        json_guard([&] {
            if (const auto* e = opt("currentExcessBlobGas")) {
                env.excess_blob_gas = read_uint64(*e, p("currentExcessBlobGas"), true);
            } else if (const auto* pe = opt("parentExcessBlobGas")) {
                // EIP-4844 calc_excess_blob_gas over the parent's values (EIP-7918 from Osaka,
                // which also needs the parent's base fee).
                const uint64_t parent_excess = read_uint64(*pe, p("parentExcessBlobGas"), true);
                uint64_t parent_used = 0;
                if (const auto* pu = opt("parentBlobGasUsed"))
                    parent_used = read_uint64(*pu, p("parentBlobGasUsed"), true);
                uint256 parent_base_fee;
                if (const auto* pf = opt("parentBaseFee"))
                    parent_base_fee = read_uint256(*pf, p("parentBaseFee"), true);
                env.excess_blob_gas = next_excess_blob_gas(revision, blobs, parent_excess,
                                                           parent_used, parent_base_fee);
            }
            if (const auto* r = opt("parentBeaconBlockRoot"))
                env.parent_beacon_block_root = read_hash(*r, p("parentBeaconBlockRoot"));
            return 0;
        });
    }

    json_guard([&] {
        if (const auto* hashes = opt("blockHashes")) {
            const std::string hp = p("blockHashes");
            if (!hashes->is_object()) throw InputError(hp + ": expected a JSON object");
            for (const auto& [num, h] : hashes->items()) {
                const std::string ep = json_path(hp, num);
                const int64_t n = read_int64(nlohmann::json(num), ep, true);
                out.block_hashes.emplace_back(n, read_hash(h, ep));
            }
        }
        if (const auto* ommers = opt("ommers")) {
            const std::string op = p("ommers");
            if (!ommers->is_array()) throw InputError(op + ": expected an array");
            for (size_t i = 0; i < ommers->size(); ++i) {
                const std::string ep = json_path(op, i);
                const auto& o = (*ommers)[i];
                const int64_t delta =
                    read_int64(json_field(o, "delta", ep), json_path(ep, "delta"), true);
                const Address a =
                    read_address(json_field(o, "address", ep), json_path(ep, "address"));
                env.ommers.emplace_back(a, env.number - delta);
            }
        }
        if (revision >= Revision::shanghai) {
            if (const auto* ws = opt("withdrawals")) {
                const std::string wp = p("withdrawals");
                if (!ws->is_array()) throw InputError(wp + ": expected an array");
                for (size_t i = 0; i < ws->size(); ++i) {
                    const std::string ep = json_path(wp, i);
                    const auto& w = (*ws)[i];
                    Withdrawal wd;
                    wd.index =
                        read_uint64(json_field(w, "index", ep), json_path(ep, "index"), true);
                    wd.validator_index = read_uint64(json_field(w, "validatorIndex", ep),
                                                     json_path(ep, "validatorIndex"), true);
                    wd.address =
                        read_address(json_field(w, "address", ep), json_path(ep, "address"));
                    wd.amount_gwei =
                        read_uint64(json_field(w, "amount", ep), json_path(ep, "amount"), true);
                    env.withdrawals.push_back(wd);
                }
            }
        }
        if (revision >= Revision::prague) {
            // EIP-2935: the parent hash is stored by a system call; geth takes it from
            // blockHashes[number - 1] (zero when absent).
            Hash256 parent;
            if (const auto* ph = opt("parentHash")) {
                parent = read_hash(*ph, p("parentHash"));
            } else {
                for (const auto& [n, h] : out.block_hashes)
                    if (n == env.number - 1) parent = h;
            }
            env.parent_hash = parent;
        }
        return 0;
    });
    return out;
}

/// Splits the RLP list of a block body's transactions: a list item is a legacy transaction,
/// a string item a typed envelope (EIP-2718).
std::vector<Transaction> decode_rlp_txs(bytes_view rlp_in) {
    auto fail = [](const std::string& what) -> void {
        throw T8nError(t8n_exit::rlp_error, "txs rlp: " + what);
    };
    const auto items = rlp::decode_list(rlp_in);
    if (!items) fail(rlp::decode_error_name(items.error()));
    std::vector<Transaction> txs;
    size_t i = 0;
    for (const auto& item : *items) {
        bytes encoded;
        if (item.is_list) {
            encoded = rlp::wrap_list(item.payload);
        } else {
            encoded = bytes(item.payload);
        }
        auto decoded = decode_transaction(encoded);
        if (!decoded) fail("transaction " + std::to_string(i) + ": " + decoded.error);
        txs.push_back(std::move(*decoded.tx));
        ++i;
    }
    return txs;
}

nlohmann::json log_json(const Log& log,
                        const Hash256& tx_hash_v,
                        size_t tx_index,
                        size_t log_index,
                        int64_t block_number) {
    nlohmann::json topics = nlohmann::json::array();
    for (const auto& t : log.topics) topics.push_back(to_hex(t));
    return {{"address", to_hex(log.address)},
            {"topics", topics},
            {"data", to_hex(log.data)},
            {"blockNumber", hex_u64(static_cast<uint64_t>(block_number))},
            {"transactionHash", to_hex(tx_hash_v)},
            {"transactionIndex", hex_u64(tx_index)},
            {"blockHash", to_hex(Hash256{})},
            {"logIndex", hex_u64(log_index)},
            {"removed", false}};
}

uint256 effective_gas_price(const Transaction& tx, const uint256& base_fee, Revision revision) {
    if (tx.type == TxType::legacy || tx.type == TxType::access_list || revision < Revision::london)
        return tx.max_fee_per_gas;
    // EIP-1559: priority fee capped so that base fee + tip never exceeds the max fee.
    const uint256 capped = tx.max_fee_per_gas - base_fee;
    const uint256 tip = tx.max_priority_fee_per_gas < capped ? tx.max_priority_fee_per_gas : capped;
    return base_fee + tip;
}

/// The start of geth's error message for a rejected transaction (core/error.go), so that
/// tools matching geth's text (EEST's exception mapper) recognise ours; the fixtures' exception
/// name follows it.
std::string_view geth_error_prefix(TxError e) noexcept {
    switch (e) {
        case TxError::intrinsic_gas_too_low:
            return "intrinsic gas too low";
        case TxError::intrinsic_gas_below_floor_gas_cost:
            return "insufficient gas for floor data gas cost";
        case TxError::insufficient_account_funds:
        case TxError::gaslimit_price_product_overflow:
            return "insufficient funds for gas * price + value";
        case TxError::insufficient_max_fee_per_gas:
            return "max fee per gas less than block base fee";
        case TxError::priority_greater_than_max_fee_per_gas:
            return "max priority fee per gas higher than max fee per gas";
        case TxError::insufficient_max_fee_per_blob_gas:
            return "max fee per blob gas less than block blob gas fee";
        case TxError::nonce_mismatch_too_low:
            return "nonce too low";
        case TxError::nonce_mismatch_too_high:
            return "nonce too high";
        case TxError::nonce_is_max:
            return "nonce has max value";
        case TxError::gas_allowance_exceeded:
            return "gas limit reached";
        case TxError::gas_limit_exceeds_maximum:
            return "transaction gas limit too high";
        case TxError::initcode_size_exceeded:
            return "max initcode size exceeded";
        case TxError::sender_not_eoa:
            return "sender not an eoa";
        case TxError::invalid_chainid:
            return "invalid chain id for signer";
        case TxError::invalid_signature:
            return "invalid transaction v, r, s values";
        case TxError::type_1_tx_pre_fork:
        case TxError::type_2_tx_pre_fork:
        case TxError::type_3_tx_pre_fork:
        case TxError::type_4_tx_pre_fork:
            return "transaction type not supported";
        case TxError::type_3_tx_zero_blobs:
            return "blob transaction missing blob hashes";
        case TxError::type_3_tx_invalid_blob_versioned_hash:
            return "blob with invalid hash version";
        case TxError::type_3_tx_blob_count_exceeded:
            return "too many blobs";
        case TxError::type_3_tx_max_blob_gas_allowance_exceeded:
            return "blob gas limit reached";
        case TxError::type_3_tx_contract_creation:
            return "blob transaction of type create";
        case TxError::type_4_empty_authorization_list:
            return "EIP-7702 transaction with empty auth list";
        case TxError::type_4_tx_contract_creation:
            return "EIP-7702 transaction cannot be used to create contract";
    }
    return "invalid transaction";
}

std::string hex_bloom(const Bloom& b) {
    return to_hex(bytes_view(b.data(), b.size()));
}

}  // namespace

T8nOutput run_t8n(const T8nInput& input, const T8nConfig& config) {
    const auto revision = parse_revision(config.fork);
    if (!revision) config_error("unsupported fork name '" + config.fork + "'");
    const BlobSchedule blobs = default_blob_schedule(*revision);

    const Alloc alloc = json_guard([&] { return read_alloc(input.alloc, "alloc"); });
    const Env env = read_env(input.env, *revision, config.fork, blobs);

    // Parse and sign/recover every input transaction, keeping the input order for indexes.
    std::vector<Transaction> all;
    std::vector<bool> signature_ok;
    if (input.txs_rlp) {
        all = decode_rlp_txs(*input.txs_rlp);
        for (auto& tx : all) signature_ok.push_back(recover_sender(tx, *revision));
    } else if (input.txs) {
        json_guard([&] {
            if (input.txs->is_null()) return 0;
            if (!input.txs->is_array()) throw InputError("txs: expected an array");
            for (size_t i = 0; i < input.txs->size(); ++i) {
                JsonTx jt =
                    read_json_tx((*input.txs)[i], json_path("txs", i), config.chain_id, *revision);
                if (!jt.signed_here) {
                    signature_ok.push_back(recover_sender(jt.tx, *revision));
                } else {
                    signature_ok.push_back(true);
                }
                all.push_back(std::move(jt.tx));
            }
            return 0;
        });
    }
    for (auto& tx : all)
        if (!tx.authorizations.empty()) recover_authorities(tx);

    InMemoryState pre = make_state(alloc);
    for (const auto& [n, h] : env.block_hashes) pre.set_block_hash(n, h);

    Block block;
    block.revision = *revision;
    block.chain_id = config.chain_id;
    block.blob_schedule = blobs;
    block.env = env.env;
    std::vector<size_t> input_index;  // block tx index -> input index
    std::vector<RejectedTx> rejected;
    for (size_t i = 0; i < all.size(); ++i) {
        if (!signature_ok[i]) {
            rejected.push_back({i, TxError::invalid_signature});
            continue;
        }
        input_index.push_back(i);
        block.txs.push_back(all[i]);
    }

    ExecutionOptions options;
    options.threads = config.threads;
    options.skip_invalid_txs = true;
    // geth: a negative reward disables the block reward; otherwise it is the reward in wei.
    options.block_reward = uint256{config.reward < 0 ? 0 : static_cast<uint64_t>(config.reward)};
    const BlockResult result = execute_block(block, pre, options);

    std::vector<bool> executed(block.txs.size(), true);
    for (const auto& r : result.rejected) {
        executed[r.index] = false;
        rejected.push_back({input_index[r.index], r.error});
    }
    if (result.invalid) {
        executed[result.invalid->index] = false;
        rejected.push_back({input_index[result.invalid->index], result.invalid->error});
    }
    std::sort(rejected.begin(), rejected.end(),
              [](const RejectedTx& a, const RejectedTx& b) { return a.index < b.index; });
    std::vector<Transaction> included;
    std::vector<size_t> included_block_index;
    for (size_t i = 0; i < block.txs.size(); ++i)
        if (executed[i]) {
            included.push_back(block.txs[i]);
            included_block_index.push_back(i);
        }
    if (included.size() != result.receipts.size())
        throw T8nError(t8n_exit::evm_error, "executor returned " +
                                                std::to_string(result.receipts.size()) +
                                                " receipts for " + std::to_string(included.size()) +
                                                " executed transactions");

    InMemoryState post = pre;
    post.apply(result.state_diff);

    T8nOutput out;
    auto& res = out.result;
    res["stateRoot"] = to_hex(state_root(post));
    res["txRoot"] = to_hex(transactions_root(included));

    if (*revision >= Revision::byzantium) {
        res["receiptsRoot"] = to_hex(receipts_root(result.receipts));
    } else {
        // Pre-Byzantium receipts carry the state root after their transaction: replay each
        // prefix of the block (without rewards, which come after the last transaction).
        std::vector<Hash256> roots;
        ExecutionOptions prefix_options = options;
        prefix_options.block_reward = uint256{0};
        for (size_t k = 0; k < included_block_index.size(); ++k) {
            Block prefix = block;
            prefix.env.ommers.clear();
            prefix.txs.resize(included_block_index[k] + 1);
            const BlockResult pr = execute_block(prefix, pre, prefix_options);
            InMemoryState s = pre;
            s.apply(pr.state_diff);
            roots.push_back(state_root(s));
        }
        res["receiptsRoot"] = to_hex(receipts_root(result.receipts, roots));
    }

    std::vector<Log> all_logs;
    nlohmann::json receipts = nlohmann::json::array();
    size_t log_index = 0;
    for (size_t i = 0; i < result.receipts.size(); ++i) {
        const Receipt& r = result.receipts[i];
        const Transaction& tx = included[i];
        const Hash256 h = tx_hash(tx);
        nlohmann::json logs = nlohmann::json::array();
        for (const auto& log : r.logs) {
            logs.push_back(log_json(log, h, i, log_index++, env.env.number));
            all_logs.push_back(log);
        }
        nlohmann::json jr;
        jr["type"] = hex_u64(static_cast<uint64_t>(r.type));
        jr["root"] = "0x";
        jr["status"] = r.success ? "0x1" : "0x0";
        jr["cumulativeGasUsed"] = hex_u64(r.cumulative_gas_used);
        jr["logsBloom"] = hex_bloom(r.bloom);
        jr["logs"] = r.logs.empty() ? nlohmann::json(nullptr) : logs;
        jr["transactionHash"] = to_hex(h);
        jr["contractAddress"] = to_hex(r.contract_address.value_or(Address{}));
        jr["gasUsed"] = hex_u64(r.gas_used);
        jr["effectiveGasPrice"] = to_hex(effective_gas_price(tx, env.env.base_fee, *revision));
        jr["blockHash"] = to_hex(Hash256{});
        jr["transactionIndex"] = hex_u64(i);
        if (r.blob_gas_used != 0) jr["blobGasUsed"] = hex_u64(r.blob_gas_used);
        receipts.push_back(std::move(jr));
    }
    res["logsHash"] = to_hex(logs_hash(all_logs));
    res["logsBloom"] = hex_bloom(result.logs_bloom);
    res["receipts"] = std::move(receipts);
    if (!rejected.empty()) {
        nlohmann::json rj = nlohmann::json::array();
        for (const auto& r : rejected)
            rj.push_back({{"index", r.index},
                          {"error", std::string(geth_error_prefix(r.error)) + ": " +
                                        std::string(tx_error_name(r.error))}});
        res["rejected"] = std::move(rj);
    }
    res["currentDifficulty"] = *revision >= Revision::paris
                                   ? nlohmann::json(nullptr)
                                   : nlohmann::json(to_hex(env.env.difficulty));
    res["gasUsed"] = hex_u64(result.gas_used);
    if (*revision >= Revision::london) res["currentBaseFee"] = to_hex(env.env.base_fee);
    if (*revision >= Revision::shanghai)
        res["withdrawalsRoot"] = to_hex(withdrawals_root(env.env.withdrawals));
    if (*revision >= Revision::cancun) {
        res["currentExcessBlobGas"] = hex_u64(env.env.excess_blob_gas);
        res["blobGasUsed"] = hex_u64(result.blob_gas_used);
    }
    if (*revision >= Revision::prague) {
        // EIP-7685: each request as type || data (empty ones left out, as geth does).
        nlohmann::json requests = nlohmann::json::array();
        for (const bytes& r : result.requests) requests.push_back(to_hex(r));
        res["requests"] = std::move(requests);
        res["requestsHash"] = to_hex(requests_hash(result.requests));
    }

    out.alloc = alloc_to_json(post);

    bytes body_items;
    for (const auto& tx : all) {
        const bytes enc = encode_transaction(tx);
        if (tx.type == TxType::legacy)
            body_items += enc;
        else
            body_items += rlp::encode(bytes_view(enc));
    }
    out.body = rlp::wrap_list(body_items);
    return out;
}

}  // namespace parevm
