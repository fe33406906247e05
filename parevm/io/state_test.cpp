// SPDX-License-Identifier: Apache-2.0
// parevm: loading state-test fixtures into StateTest values.
#include <parevm/crypto/secp256k1.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/state_test.hpp>

namespace parevm {

namespace {

std::vector<AccessListEntry> read_access_list(const nlohmann::json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path + ": expected an access list array");
    std::vector<AccessListEntry> list;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string p = json_path(path, i);
        AccessListEntry entry;
        entry.address = read_address(json_field(j[i], "address", p), json_path(p, "address"));
        const auto& keys = json_field(j[i], "storageKeys", p);
        const std::string kp = json_path(p, "storageKeys");
        if (!keys.is_array()) throw InputError(kp + ": expected an array");
        for (size_t k = 0; k < keys.size(); ++k)
            entry.storage_keys.push_back(read_word(keys[k], json_path(kp, k)));
        list.push_back(std::move(entry));
    }
    return list;
}

const nlohmann::json& read_array(const nlohmann::json& obj,
                                 std::string_view key,
                                 const std::string& path) {
    const auto& a = json_field(obj, key, path);
    if (!a.is_array() || a.empty())
        throw InputError(json_path(path, key) + ": expected a non-empty array");
    return a;
}

StateTestTx read_tx(const nlohmann::json& j, const std::string& path) {
    StateTestTx tx;
    tx.nonce = read_uint64(json_field(j, "nonce", path), json_path(path, "nonce"));

    const auto* gas_price = json_optional_field(j, "gasPrice", path);
    const auto* max_fee = json_optional_field(j, "maxFeePerGas", path);
    const auto* max_priority = json_optional_field(j, "maxPriorityFeePerGas", path);
    if (gas_price && (max_fee || max_priority))
        throw InputError(path + ": both gasPrice and maxFeePerGas/maxPriorityFeePerGas given");
    if (gas_price) {
        tx.max_fee_per_gas = read_uint256(*gas_price, json_path(path, "gasPrice"));
        tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
    } else {
        if (!max_fee || !max_priority)
            throw InputError(path + ": missing gasPrice or maxFeePerGas/maxPriorityFeePerGas");
        tx.max_fee_per_gas = read_uint256(*max_fee, json_path(path, "maxFeePerGas"));
        tx.max_priority_fee_per_gas =
            read_uint256(*max_priority, json_path(path, "maxPriorityFeePerGas"));
        tx.type = TxType::dynamic_fee;
    }

    const auto& to = json_field(j, "to", path);
    if (!(to.is_string() && to.get_ref<const std::string&>().empty()))
        tx.to = read_address(to, json_path(path, "to"));

    const std::string dp = json_path(path, "data");
    const auto& data = read_array(j, "data", path);
    for (size_t i = 0; i < data.size(); ++i)
        tx.data.push_back(read_bytes(data[i], json_path(dp, i)));
    const std::string gp = json_path(path, "gasLimit");
    const auto& gas = read_array(j, "gasLimit", path);
    for (size_t i = 0; i < gas.size(); ++i)
        tx.gas_limits.push_back(read_uint64(gas[i], json_path(gp, i)));
    const std::string vp = json_path(path, "value");
    const auto& value = read_array(j, "value", path);
    for (size_t i = 0; i < value.size(); ++i)
        tx.values.push_back(read_uint256(value[i], json_path(vp, i)));

    if (const auto* lists = json_optional_field(j, "accessLists", path)) {
        const std::string lp = json_path(path, "accessLists");
        if (!lists->is_array()) throw InputError(lp + ": expected an array");
        if (lists->size() != tx.data.size())
            throw InputError(lp + ": " + std::to_string(lists->size()) + " access lists for " +
                             std::to_string(tx.data.size()) + " data entries");
        for (size_t i = 0; i < lists->size(); ++i) {
            const auto& l = (*lists)[i];
            tx.access_lists.push_back(l.is_null() ? std::vector<AccessListEntry>{}
                                                  : read_access_list(l, json_path(lp, i)));
        }
        if (tx.type == TxType::legacy) tx.type = TxType::access_list;
    }

    if (const auto* hashes = json_optional_field(j, "blobVersionedHashes", path)) {
        const std::string hp = json_path(path, "blobVersionedHashes");
        if (!hashes->is_array()) throw InputError(hp + ": expected an array");
        for (size_t i = 0; i < hashes->size(); ++i)
            tx.blob_hashes.push_back(read_hash((*hashes)[i], json_path(hp, i)));
        const auto& fee = json_field(j, "maxFeePerBlobGas", path);
        tx.max_fee_per_blob_gas = read_uint256(fee, json_path(path, "maxFeePerBlobGas"));
        tx.type = TxType::blob;
    }

    if (const auto* auths = json_optional_field(j, "authorizationList", path)) {
        const std::string ap = json_path(path, "authorizationList");
        if (!auths->is_array()) throw InputError(ap + ": expected an array");
        for (size_t i = 0; i < auths->size(); ++i) {
            const auto& a = (*auths)[i];
            const std::string p = json_path(ap, i);
            Authorization auth;
            auth.chain_id = read_uint256(json_field(a, "chainId", p), json_path(p, "chainId"));
            auth.address = read_address(json_field(a, "address", p), json_path(p, "address"));
            auth.nonce = read_uint64(json_field(a, "nonce", p), json_path(p, "nonce"));
            // EEST writes both "v" and "yParity" (equal); older fillers only "v".
            if (const auto* y = json_optional_field(a, "yParity", p))
                auth.y_parity = read_uint256(*y, json_path(p, "yParity"));
            else
                auth.y_parity = read_uint256(json_field(a, "v", p), json_path(p, "v"));
            auth.r = read_uint256(json_field(a, "r", p), json_path(p, "r"));
            auth.s = read_uint256(json_field(a, "s", p), json_path(p, "s"));
            if (const auto* signer = json_optional_field(a, "signer", p))
                auth.signer = read_address(*signer, json_path(p, "signer"));
            tx.authorizations.push_back(std::move(auth));
        }
        tx.type = TxType::set_code;
    }

    if (const auto* key = json_optional_field(j, "secretKey", path))
        tx.secret_key = read_hash(*key, json_path(path, "secretKey"));
    if (const auto* sender = json_optional_field(j, "sender", path)) {
        tx.sender = read_address(*sender, json_path(path, "sender"));
    } else if (tx.secret_key) {
        tx.sender = address_from_secret(*tx.secret_key);
        if (tx.sender.is_zero())
            throw InputError(json_path(path, "secretKey") + ": invalid secret key");
    } else {
        throw InputError(path + ": missing sender and secretKey");
    }
    return tx;
}

BlockEnv read_env(const nlohmann::json& j, const std::string& path, StateTest& test) {
    BlockEnv env;
    auto field = [&](std::string_view key) -> const nlohmann::json& {
        return json_field(j, key, path);
    };
    auto p = [&](std::string_view key) { return json_path(path, key); };
    env.coinbase = read_address(field("currentCoinbase"), p("currentCoinbase"));
    env.gas_limit = read_int64(field("currentGasLimit"), p("currentGasLimit"));
    env.number = read_int64(field("currentNumber"), p("currentNumber"));
    env.timestamp = read_int64(field("currentTimestamp"), p("currentTimestamp"));
    if (const auto* d = json_optional_field(j, "currentDifficulty", path))
        env.difficulty = read_uint256(*d, p("currentDifficulty"));
    if (const auto* r = json_optional_field(j, "currentRandom", path))
        test.random = read_hash(*r, p("currentRandom"));
    if (const auto* f = json_optional_field(j, "currentBaseFee", path))
        env.base_fee = read_uint256(*f, p("currentBaseFee"));
    if (const auto* g = json_optional_field(j, "currentExcessBlobGas", path))
        env.excess_blob_gas = read_uint64(*g, p("currentExcessBlobGas"));
    if (const auto* h = json_optional_field(j, "previousHash", path))
        test.previous_hash = read_hash(*h, p("previousHash"));
    return env;
}

StateTestExpectation read_expectation(const nlohmann::json& j, const std::string& path) {
    StateTestExpectation e;
    const auto& idx = json_field(j, "indexes", path);
    const std::string ip = json_path(path, "indexes");
    e.indexes.data = read_uint64(json_field(idx, "data", ip), json_path(ip, "data"), true);
    e.indexes.gas = read_uint64(json_field(idx, "gas", ip), json_path(ip, "gas"), true);
    e.indexes.value = read_uint64(json_field(idx, "value", ip), json_path(ip, "value"), true);
    e.state_root = read_hash(json_field(j, "hash", path), json_path(path, "hash"));
    e.logs_hash = read_hash(json_field(j, "logs", path), json_path(path, "logs"));
    if (const auto* ex = json_optional_field(j, "expectException", path)) {
        const std::string& s = read_string(*ex, json_path(path, "expectException"));
        size_t start = 0;
        while (start <= s.size()) {
            const size_t bar = std::min(s.find('|', start), s.size());
            if (bar > start) e.expected_exceptions.push_back(s.substr(start, bar - start));
            start = bar + 1;
        }
        if (e.expected_exceptions.empty())
            throw InputError(json_path(path, "expectException") + ": empty");
    }
    if (const auto* st = json_optional_field(j, "state", path))
        e.expected_state = read_alloc(*st, json_path(path, "state"));
    return e;
}

}  // namespace

StateTest parse_state_test(const std::string& name, const nlohmann::json& j) {
    StateTest test;
    test.name = name;
    if (!j.is_object()) throw InputError(name + ": expected a JSON object");
    test.env = read_env(json_field(j, "env", name), json_path(name, "env"), test);
    test.pre = read_alloc(json_field(j, "pre", name), json_path(name, "pre"));
    test.tx = read_tx(json_field(j, "transaction", name), json_path(name, "transaction"));

    const std::string pp = json_path(name, "post");
    const auto& post = json_field(j, "post", name);
    if (!post.is_object()) throw InputError(pp + ": expected a JSON object");
    for (const auto& [fork, entries] : post.items()) {
        const std::string fp = json_path(pp, fork);
        if (!entries.is_array()) throw InputError(fp + ": expected an array");
        StateTestFork f;
        f.name = fork;
        for (size_t i = 0; i < entries.size(); ++i)
            f.expectations.push_back(read_expectation(entries[i], json_path(fp, i)));
        test.post.push_back(std::move(f));
    }

    if (const auto* config = json_optional_field(j, "config", name)) {
        const std::string cp = json_path(name, "config");
        if (const auto* id = json_optional_field(*config, "chainid", cp))
            test.chain_id = read_uint256(*id, json_path(cp, "chainid"));
        if (const auto* sched = json_optional_field(*config, "blobSchedule", cp)) {
            const std::string sp = json_path(cp, "blobSchedule");
            if (!sched->is_object()) throw InputError(sp + ": expected a JSON object");
            for (const auto& [fork, s] : sched->items()) {
                const std::string p = json_path(sp, fork);
                BlobSchedule b;
                b.target = read_uint64(json_field(s, "target", p), json_path(p, "target"));
                b.max = read_uint64(json_field(s, "max", p), json_path(p, "max"));
                b.base_fee_update_fraction = read_uint64(json_field(s, "baseFeeUpdateFraction", p),
                                                         json_path(p, "baseFeeUpdateFraction"));
                test.blob_schedules[fork] = b;
            }
        }
    }
    return test;
}

std::string non_state_test_format(const nlohmann::json& test) {
    if (!test.is_object()) return {};
    if (const auto info = test.find("_info"); info != test.end() && info->is_object()) {
        if (const auto f = info->find("fixture-format"); f != info->end() && f->is_string()) {
            const auto& format = f->get_ref<const std::string&>();
            if (format != "state_test") return format;
        }
    }
    if (!test.contains("transaction") && test.contains("blocks")) return "blockchain_test";
    return {};
}

Transaction StateTestTx::build(const TxIndexes& idx, const uint256& chain_id) const {
    auto check = [](size_t i, size_t n, const char* what) {
        if (i >= n)
            throw InputError(std::string("indexes.") + what + " = " + std::to_string(i) +
                             " out of range (" + std::to_string(n) + " entries)");
    };
    check(idx.data, data.size(), "data");
    check(idx.gas, gas_limits.size(), "gas");
    check(idx.value, values.size(), "value");
    Transaction tx;
    tx.type = type;
    if (type != TxType::legacy) tx.chain_id = chain_id;
    tx.nonce = nonce;
    tx.max_fee_per_gas = max_fee_per_gas;
    tx.max_priority_fee_per_gas = max_priority_fee_per_gas;
    tx.gas_limit = gas_limits[idx.gas];
    tx.to = to;
    tx.value = values[idx.value];
    tx.data = data[idx.data];
    if (!access_lists.empty()) tx.access_list = access_lists[idx.data];
    tx.max_fee_per_blob_gas = max_fee_per_blob_gas;
    tx.blob_hashes = blob_hashes;
    tx.authorizations = authorizations;
    tx.sender = sender;
    return tx;
}

std::vector<StateTest> parse_state_tests(const nlohmann::json& doc) {
    if (!doc.is_object()) throw InputError("expected a JSON object of tests at the top level");
    std::vector<StateTest> tests;
    for (const auto& [name, t] : doc.items()) tests.push_back(parse_state_test(name, t));
    return tests;
}

std::vector<StateTest> load_state_tests(const std::filesystem::path& file) {
    const nlohmann::json doc = read_json_file(file);
    try {
        return parse_state_tests(doc);
    } catch (const InputError& e) {
        throw InputError(file.string() + ": " + e.what());
    }
}

BlobSchedule blob_schedule_for(const StateTest& test,
                               std::string_view fork_name,
                               Revision revision) {
    if (const auto it = test.blob_schedules.find(std::string(fork_name));
        it != test.blob_schedules.end())
        return it->second;
    if (revision >= Revision::prague) return {6, 9, 5007716};  // EIP-7691
    return {};                                                 // EIP-4844: 3, 6, 3338477
}

}  // namespace parevm
