// SPDX-License-Identifier: Apache-2.0
// parevm: loader for the real mainnet block fixtures (RPC block + partial pre-state + bytecodes).
#include <parevm/io/mainnet_block.hpp>

#include <parevm/core/hex.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/execution/roots.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/io/json_util.hpp>

#include <zlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>

namespace parevm {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// Mainnet fork activation points (EIP-607, EIP-608, EIP-609, EIP-1013/1716, EIP-1679,
/// EIP-2070, EIP-2387, EIP-3675 and the Shanghai/Cancun/Prague/Osaka network upgrade specs).
constexpr int64_t homestead_block = 1'150'000;
constexpr int64_t tangerine_whistle_block = 2'463'000;
constexpr int64_t spurious_dragon_block = 2'675'000;
constexpr int64_t byzantium_block = 4'370'000;
constexpr int64_t petersburg_block = 7'280'000;  // Constantinople and Petersburg together
constexpr int64_t istanbul_block = 9'069'000;
constexpr int64_t berlin_block = 12'244'000;
constexpr int64_t london_block = 12'965'000;
constexpr int64_t paris_block = 15'537'394;
constexpr int64_t shanghai_time = 1'681'338'455;
constexpr int64_t cancun_time = 1'710'338'135;
constexpr int64_t prague_time = 1'746'612'311;
constexpr int64_t osaka_time = 1'764'798'551;

/// Reads a whole gzip file. Throws InputError for a missing, unreadable or truncated file.
std::string read_gzip_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) throw InputError(file.string() + ": no such file");
    gzFile f = gzopen(file.c_str(), "rb");
    if (f == nullptr) throw InputError(file.string() + ": cannot open");
    std::string out;
    std::string buf(1 << 16, '\0');
    for (;;) {
        const int n = gzread(f, buf.data(), static_cast<unsigned>(buf.size()));
        if (n <= 0) break;
        out.append(buf.data(), static_cast<size_t>(n));
    }
    int err = Z_OK;
    const std::string msg = gzerror(f, &err);
    gzclose(f);
    if (err != Z_OK && err != Z_STREAM_END)
        throw InputError(file.string() + ": cannot decompress: " + msg);
    return out;
}

std::string block_label(const fs::path& block_dir) {
    const std::string name = block_dir.filename().string();
    return name.empty() ? block_dir.parent_path().filename().string() : name;
}

/// 256 bytes of hex: a logs bloom.
Bloom read_bloom(const json& j, std::string_view path) {
    const bytes b = read_bytes(j, path);
    if (b.size() != Bloom{}.size())
        throw InputError(std::string(path) + ": expected 256 bytes, got " +
                         std::to_string(b.size()));
    Bloom bloom{};
    std::copy(b.begin(), b.end(), bloom.begin());
    return bloom;
}

std::vector<AccessListEntry> read_access_list(const json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path + ": expected an array");
    std::vector<AccessListEntry> list;
    list.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string p = json_path(path, i);
        AccessListEntry e;
        e.address = read_address(json_field(j[i], "address", p), json_path(p, "address"));
        const std::string kp = json_path(p, "storageKeys");
        const json& keys = json_field(j[i], "storageKeys", p);
        if (!keys.is_array()) throw InputError(kp + ": expected an array");
        for (size_t k = 0; k < keys.size(); ++k)
            e.storage_keys.push_back(be_load(read_hash(keys[k], json_path(kp, k))));
        list.push_back(std::move(e));
    }
    return list;
}

std::vector<Authorization> read_authorizations(const json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path + ": expected an array");
    std::vector<Authorization> list;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string p = json_path(path, i);
        Authorization a;
        a.chain_id = read_uint256(json_field(j[i], "chainId", p), json_path(p, "chainId"));
        a.address = read_address(json_field(j[i], "address", p), json_path(p, "address"));
        a.nonce = read_uint64(json_field(j[i], "nonce", p), json_path(p, "nonce"));
        a.y_parity = read_uint256(json_field(j[i], "yParity", p), json_path(p, "yParity"));
        a.r = read_uint256(json_field(j[i], "r", p), json_path(p, "r"));
        a.s = read_uint256(json_field(j[i], "s", p), json_path(p, "s"));
        list.push_back(std::move(a));
    }
    return list;
}

/// One `eth_getBlockByNumber(n, true)` transaction object, as the fields say; `sender` is `from`.
Transaction read_rpc_transaction(const json& j, const std::string& path) {
    auto field = [&](std::string_view key) -> const json& { return json_field(j, key, path); };
    auto sub = [&](std::string_view key) { return json_path(path, key); };

    Transaction tx;
    const uint64_t type = read_uint64(field("type"), sub("type"));
    if (type > static_cast<uint64_t>(TxType::set_code))
        throw InputError(sub("type") + ": unknown transaction type " + std::to_string(type));
    tx.type = static_cast<TxType>(type);
    tx.nonce = read_uint64(field("nonce"), sub("nonce"));
    tx.gas_limit = read_uint64(field("gas"), sub("gas"));
    if (tx.type == TxType::legacy || tx.type == TxType::access_list) {
        tx.max_fee_per_gas = read_uint256(field("gasPrice"), sub("gasPrice"));
        tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
    } else {
        tx.max_fee_per_gas = read_uint256(field("maxFeePerGas"), sub("maxFeePerGas"));
        tx.max_priority_fee_per_gas =
            read_uint256(field("maxPriorityFeePerGas"), sub("maxPriorityFeePerGas"));
    }
    if (const json* to = json_optional_field(j, "to", path)) tx.to = read_address(*to, sub("to"));
    tx.value = read_uint256(field("value"), sub("value"));
    tx.data = read_bytes(field("input"), sub("input"));
    tx.r = read_uint256(field("r"), sub("r"));
    tx.s = read_uint256(field("s"), sub("s"));

    if (tx.type == TxType::legacy) {
        tx.v = read_uint256(field("v"), sub("v"));
        // EIP-155: v = chainId * 2 + 35/36; 27/28 is an unprotected transaction.
        if (tx.v >= uint256{35}) tx.chain_id = (tx.v - uint256{35}) / uint256{2};
        if (const json* c = json_optional_field(j, "chainId", path)) {
            const uint256 chain_id = read_uint256(*c, sub("chainId"));
            if (tx.chain_id && *tx.chain_id != chain_id)
                throw InputError(sub("chainId") + ": does not match the chain id in v");
        }
    } else {
        tx.chain_id = read_uint256(field("chainId"), sub("chainId"));
        // yParity is the typed transactions' field; older nodes only wrote v (equal to it).
        if (const json* y = json_optional_field(j, "yParity", path))
            tx.v = read_uint256(*y, sub("yParity"));
        else
            tx.v = read_uint256(field("v"), sub("v"));
        tx.access_list = read_access_list(field("accessList"), sub("accessList"));
    }
    if (tx.type == TxType::blob) {
        tx.max_fee_per_blob_gas = read_uint256(field("maxFeePerBlobGas"), sub("maxFeePerBlobGas"));
        const std::string hp = sub("blobVersionedHashes");
        const json& hashes = field("blobVersionedHashes");
        if (!hashes.is_array()) throw InputError(hp + ": expected an array");
        for (size_t i = 0; i < hashes.size(); ++i)
            tx.blob_hashes.push_back(read_hash(hashes[i], json_path(hp, i)));
    }
    if (tx.type == TxType::set_code) {
        tx.authorizations =
            read_authorizations(field("authorizationList"), sub("authorizationList"));
        recover_authorities(tx);
    }
    tx.sender = read_address(field("from"), sub("from"));
    return tx;
}

std::vector<Withdrawal> read_withdrawals(const json& j, const std::string& path) {
    if (!j.is_array()) throw InputError(path + ": expected an array");
    std::vector<Withdrawal> list;
    list.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string p = json_path(path, i);
        Withdrawal w;
        w.index = read_uint64(json_field(j[i], "index", p), json_path(p, "index"));
        w.validator_index =
            read_uint64(json_field(j[i], "validatorIndex", p), json_path(p, "validatorIndex"));
        w.address = read_address(json_field(j[i], "address", p), json_path(p, "address"));
        w.amount_gwei = read_uint64(json_field(j[i], "amount", p), json_path(p, "amount"));
        list.push_back(w);
    }
    return list;
}

/// Fills the pre-state from pre_state.json: {address: {balance, nonce, code_hash?, storage}}.
void read_pre_state(const json& j, const MainnetShared& shared, InMemoryState& pre) {
    const std::string root = "pre_state.json";
    if (!j.is_object()) throw InputError(root + ": expected an object");
    for (const auto& [key, acc] : j.items()) {
        const std::string p = json_path(root, key);
        const auto addr = parse_address(key);
        if (!addr) throw InputError(p + ": not a 20-byte hex address");
        const uint256 balance =
            read_uint256(json_field(acc, "balance", p), json_path(p, "balance"));
        const uint64_t nonce =
            read_uint64(json_field(acc, "nonce", p), json_path(p, "nonce"), true);
        bytes_view code;
        if (const json* ch = json_optional_field(acc, "code_hash", p)) {
            const Hash256 code_hash = read_hash(*ch, json_path(p, "code_hash"));
            if (code_hash != empty_code_hash) {
                const auto it = shared.bytecodes.find(code_hash);
                if (it == shared.bytecodes.end())
                    throw InputError(json_path(p, "code_hash") + ": unknown code hash " +
                                     to_hex(code_hash) + " (not in " +
                                     (shared.derived_dir / "bytecodes.json.gz").string() + ")");
                code = it->second;
            }
        }
        std::vector<std::pair<uint256, uint256>> storage;
        if (const json* st = json_optional_field(acc, "storage", p)) {
            const std::string sp = json_path(p, "storage");
            if (!st->is_object()) throw InputError(sp + ": expected an object");
            storage.reserve(st->size());
            for (const auto& [slot, value] : st->items()) {
                const std::string vp = json_path(sp, slot);
                const uint256 k = read_word(json(slot), vp);
                const uint256 v = read_word(value, vp);
                if (v) storage.emplace_back(k, v);
            }
        }
        pre.set_account(*addr, nonce, balance, code, storage);
    }
}

MainnetBlock load_block(const fs::path& block_dir, const MainnetShared& shared) {
    const json bj = read_json_file(block_dir / "block.json");
    const json pj = read_json_file(block_dir / "pre_state.json");
    const std::string root = "block.json";
    auto field = [&](std::string_view key) -> const json& { return json_field(bj, key, root); };
    auto sub = [&](std::string_view key) { return json_path(root, key); };

    MainnetBlock mb;
    mb.dir = block_dir;
    Block& block = mb.block;
    BlockEnv& env = block.env;
    env.number = read_int64(field("number"), sub("number"));
    env.timestamp = read_int64(field("timestamp"), sub("timestamp"));
    const auto rev = mainnet_revision(env.number, env.timestamp);
    if (!rev)
        throw InputError("block " + std::to_string(env.number) +
                         " is past the forks this loader models (Osaka and later)");
    block.revision = *rev;
    block.chain_id = 1;
    if (block.revision >= Revision::prague) block.blob_schedule = {6, 9, 5007716};  // EIP-7691

    env.gas_limit = read_int64(field("gasLimit"), sub("gasLimit"));
    env.coinbase = read_address(field("miner"), sub("miner"));
    env.difficulty = read_uint256(field("difficulty"), sub("difficulty"));
    // EIP-4399: after the Merge, mixHash carries the beacon chain's RANDAO value.
    if (block.revision >= Revision::paris)
        env.prev_randao = read_hash(field("mixHash"), sub("mixHash"));
    if (block.revision >= Revision::london)
        env.base_fee = read_uint256(field("baseFeePerGas"), sub("baseFeePerGas"));
    if (block.revision >= Revision::shanghai)
        env.withdrawals = read_withdrawals(field("withdrawals"), sub("withdrawals"));
    if (block.revision >= Revision::cancun) {
        env.excess_blob_gas = read_uint64(field("excessBlobGas"), sub("excessBlobGas"));
        env.parent_beacon_block_root =
            read_hash(field("parentBeaconBlockRoot"), sub("parentBeaconBlockRoot"));
    }

    MainnetHeader& h = mb.header;
    h.hash = read_hash(field("hash"), sub("hash"));
    h.parent_hash = read_hash(field("parentHash"), sub("parentHash"));
    if (block.revision >= Revision::prague) env.parent_hash = h.parent_hash;  // EIP-2935
    h.gas_used = read_uint64(field("gasUsed"), sub("gasUsed"));
    h.logs_bloom = read_bloom(field("logsBloom"), sub("logsBloom"));
    h.receipts_root = read_hash(field("receiptsRoot"), sub("receiptsRoot"));
    h.state_root = read_hash(field("stateRoot"), sub("stateRoot"));
    h.transactions_root = read_hash(field("transactionsRoot"), sub("transactionsRoot"));
    if (block.revision >= Revision::shanghai)
        h.withdrawals_root = read_hash(field("withdrawalsRoot"), sub("withdrawalsRoot"));
    if (block.revision >= Revision::cancun)
        h.blob_gas_used = read_uint64(field("blobGasUsed"), sub("blobGasUsed"));
    {
        const std::string up = sub("uncles");
        const json& uncles = field("uncles");
        if (!uncles.is_array()) throw InputError(up + ": expected an array");
        for (size_t i = 0; i < uncles.size(); ++i)
            h.uncles.push_back(read_hash(uncles[i], json_path(up, i)));
    }
    // env.ommers stays empty: the ommer headers (miner, number) are not in the fixture.

    for (const auto& [number, hash] : shared.block_hashes) mb.pre.set_block_hash(number, hash);
    read_pre_state(pj, shared, mb.pre);

    const std::string tp = sub("transactions");
    const json& txs = field("transactions");
    if (!txs.is_array()) throw InputError(tp + ": expected an array");
    block.txs.reserve(txs.size());
    mb.tx_hashes.reserve(txs.size());
    for (size_t i = 0; i < txs.size(); ++i) {
        const std::string p = json_path(tp, i);
        if (!txs[i].is_object())
            throw InputError(p +
                             ": expected a transaction object (the block must be fetched "
                             "with full transactions)");
        Transaction tx = read_rpc_transaction(txs[i], p);
        const Hash256 hash = read_hash(json_field(txs[i], "hash", p), json_path(p, "hash"));
        const Hash256 computed = tx_hash(tx);
        if (computed != hash)
            throw InputError(p + ": hash of the transaction's fields is " + to_hex(computed) +
                             ", the fixture says " + to_hex(hash));
        Transaction recovered = tx;
        if (!recover_sender(recovered, block.revision))
            throw InputError(p + ": invalid signature (sender cannot be recovered)");
        if (recovered.sender != tx.sender)
            throw InputError(p + ": sender recovered from the signature is " +
                             to_hex(recovered.sender) + ", the fixture's `from` is " +
                             to_hex(tx.sender));
        // A sender that pays anything or has sent before should be in the pre-state, unless an
        // earlier transaction of the block created it: the loader cannot tell, so it only notes
        // the sender (zero-price transactions from fresh accounts exist, e.g. in 2688148).
        const bool needs_account = tx.nonce != 0 || tx.max_fee_per_gas || tx.value ||
                                   (tx.type == TxType::blob && tx.max_fee_per_blob_gas);
        if (needs_account && !mb.pre.account(tx.sender)) mb.senders_not_in_pre_state.push_back(i);
        mb.tx_hashes.push_back(hash);
        block.txs.push_back(std::move(tx));
    }
    return mb;
}

bool same_logs(const std::vector<Log>& a, const std::vector<Log>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].address != b[i].address || a[i].topics != b[i].topics || a[i].data != b[i].data)
            return false;
    return true;
}

}  // namespace

std::optional<Revision> mainnet_revision(int64_t number, int64_t timestamp) noexcept {
    if (timestamp >= osaka_time) return std::nullopt;
    if (number >= paris_block) {
        if (timestamp >= prague_time) return Revision::prague;
        if (timestamp >= cancun_time) return Revision::cancun;
        if (timestamp >= shanghai_time) return Revision::shanghai;
        return Revision::paris;
    }
    if (number >= london_block) return Revision::london;
    if (number >= berlin_block) return Revision::berlin;
    if (number >= istanbul_block) return Revision::istanbul;
    if (number >= petersburg_block) return Revision::petersburg;
    if (number >= byzantium_block) return Revision::byzantium;
    if (number >= spurious_dragon_block) return Revision::spurious_dragon;
    if (number >= tangerine_whistle_block) return Revision::tangerine_whistle;
    if (number >= homestead_block) return Revision::homestead;
    return Revision::frontier;
}

MainnetShared load_mainnet_shared(const fs::path& derived_dir) {
    MainnetShared shared;
    shared.derived_dir = derived_dir;

    const fs::path codes_file = derived_dir / "bytecodes.json.gz";
    const json codes = parse_json_text(read_gzip_file(codes_file), codes_file.string());
    if (!codes.is_object()) throw InputError(codes_file.string() + ": expected an object");
    shared.bytecodes.reserve(codes.size());
    for (const auto& [key, value] : codes.items()) {
        const std::string p = json_path(codes_file.string(), key);
        const auto hash = parse_hash(key);
        if (!hash) throw InputError(p + ": key is not a 32-byte hex hash");
        bytes code = read_bytes(value, p);
        if (keccak256(code) != *hash)
            throw InputError(p + ": keccak256 of the code is " + to_hex(keccak256(code)));
        shared.bytecodes.emplace(*hash, std::move(code));
    }

    const fs::path hashes_file = derived_dir / "block_hashes.json";
    const json hashes = read_json_file(hashes_file);
    if (!hashes.is_object()) throw InputError(hashes_file.string() + ": expected an object");
    for (const auto& [key, value] : hashes.items()) {
        const std::string p = json_path(hashes_file.string(), key);
        int64_t number = 0;
        const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), number);
        if (ec != std::errc{} || end != key.data() + key.size() || number < 0)
            throw InputError(p + ": key is not a decimal block number");
        shared.block_hashes[number] = read_hash(value, p);
    }
    return shared;
}

const MainnetShared& cached_mainnet_shared(const fs::path& derived_dir) {
    static std::mutex mutex;
    static std::map<fs::path, std::unique_ptr<MainnetShared>> cache;
    std::error_code ec;
    fs::path key = fs::weakly_canonical(derived_dir, ec);
    if (ec) key = derived_dir;
    const std::lock_guard lock(mutex);
    auto& slot = cache[key];
    if (!slot) slot = std::make_unique<MainnetShared>(load_mainnet_shared(derived_dir));
    return *slot;
}

fs::path find_mainnet_derived_dir(const fs::path& block_dir) {
    std::error_code ec;
    fs::path dir = fs::weakly_canonical(block_dir, ec);
    if (ec) dir = fs::absolute(block_dir, ec);
    for (int depth = 0; depth < 6 && !dir.empty(); ++depth) {
        if (fs::is_regular_file(dir / "derived" / "bytecodes.json.gz", ec)) return dir / "derived";
        if (dir == dir.parent_path()) break;
        dir = dir.parent_path();
    }
    throw InputError(block_dir.string() +
                     ": no derived/bytecodes.json.gz found in the directories above it");
}

MainnetBlock load_mainnet_block(const fs::path& block_dir, const MainnetShared& shared) {
    try {
        return load_block(block_dir, shared);
    } catch (const InputError& e) {
        throw InputError("block " + block_label(block_dir) + ": " + e.what());
    }
}

MainnetBlock load_mainnet_block(const fs::path& block_dir) {
    const MainnetShared* shared = nullptr;
    try {
        shared = &cached_mainnet_shared(find_mainnet_derived_dir(block_dir));
    } catch (const InputError& e) {
        throw InputError("block " + block_label(block_dir) + ": " + e.what());
    }
    return load_mainnet_block(block_dir, *shared);
}

std::vector<HeaderCheck> check_against_header(const MainnetBlock& mb, const BlockResult& result) {
    const Block& block = mb.block;
    const MainnetHeader& h = mb.header;
    std::vector<HeaderCheck> checks;
    auto check = [&](std::string name, bool ok, std::string detail) {
        checks.push_back({std::move(name), ok, ok ? std::string{} : std::move(detail)});
    };
    auto not_checkable = [&](std::string name, std::string why) {
        checks.push_back({std::move(name), std::nullopt, std::move(why)});
    };

    if (result.invalid) {
        const size_t i = result.invalid->index;
        std::string detail = "tx " + std::to_string(i) + " (" + to_hex(mb.tx_hashes.at(i)) +
                             ") rejected: " + std::string(tx_error_name(result.invalid->error));
        const auto& absent = mb.senders_not_in_pre_state;
        if (std::find(absent.begin(), absent.end(), i) != absent.end())
            detail = "fixture error: pre_state.json lacks the sender " +
                     to_hex(block.txs[i].sender) + " of " + detail;
        check("valid", false, std::move(detail));
    } else {
        check("valid", true, {});
        check("gas_used", result.gas_used == h.gas_used,
              "gas used " + std::to_string(result.gas_used) + ", header " +
                  std::to_string(h.gas_used));
        check("logs_bloom", result.logs_bloom == h.logs_bloom, "logs bloom differs from header");
        if (block.revision >= Revision::byzantium) {
            const Hash256 root = receipts_root(result.receipts);
            check("receipts_root", root == h.receipts_root,
                  "receipts root " + to_hex(root) + ", header " + to_hex(h.receipts_root));
        } else {
            not_checkable("receipts_root",
                          "pre-Byzantium receipts hold intermediate state roots, which a "
                          "partial pre-state cannot give; checked total gas and the OR of the "
                          "receipt blooms instead");
        }
        if (h.blob_gas_used)
            check("blob_gas_used", result.blob_gas_used == *h.blob_gas_used,
                  "blob gas used " + std::to_string(result.blob_gas_used) + ", header " +
                      std::to_string(*h.blob_gas_used));
    }
    const Hash256 tx_root = transactions_root(block.txs);
    check("transactions_root", tx_root == h.transactions_root,
          "transactions root " + to_hex(tx_root) + ", header " + to_hex(h.transactions_root));
    if (h.withdrawals_root) {
        const Hash256 root = withdrawals_root(block.env.withdrawals);
        check("withdrawals_root", root == *h.withdrawals_root,
              "withdrawals root " + to_hex(root) + ", header " + to_hex(*h.withdrawals_root));
    }
    not_checkable("state_root", "the pre-state holds only the accounts the block touches");
    return checks;
}

std::string first_result_difference(const BlockResult& a, const BlockResult& b) {
    if (a.invalid.has_value() != b.invalid.has_value() ||
        (a.invalid &&
         (a.invalid->index != b.invalid->index || a.invalid->error != b.invalid->error)))
        return "block validity";
    if (a.receipts.size() != b.receipts.size()) return "number of receipts";
    for (size_t i = 0; i < a.receipts.size(); ++i) {
        const Receipt& x = a.receipts[i];
        const Receipt& y = b.receipts[i];
        const std::string at = "tx " + std::to_string(i) + ": ";
        if (x.success != y.success) return at + "status";
        if (x.gas_used != y.gas_used) return at + "gas used";
        if (x.cumulative_gas_used != y.cumulative_gas_used) return at + "cumulative gas";
        if (x.blob_gas_used != y.blob_gas_used) return at + "blob gas";
        if (!same_logs(x.logs, y.logs)) return at + "logs";
        if (x.bloom != y.bloom) return at + "bloom";
        if (x.contract_address != y.contract_address) return at + "contract address";
    }
    if (a.gas_used != b.gas_used) return "gas used";
    if (a.logs_bloom != b.logs_bloom) return "logs bloom";
    const auto& da = a.state_diff.accounts;
    const auto& db = b.state_diff.accounts;
    for (size_t i = 0; i < std::min(da.size(), db.size()); ++i) {
        const AccountDiff& x = da[i];
        const AccountDiff& y = db[i];
        const std::string at = "state of " + to_hex(x.address) + ": ";
        if (x.address != y.address)
            return "state: touched accounts (" + to_hex(x.address) + " vs " + to_hex(y.address) +
                   ")";
        if (x.deleted != y.deleted) return at + "deleted";
        if (x.storage_cleared != y.storage_cleared) return at + "storage cleared";
        if (x.info != y.info) return at + "nonce/balance/code hash";
        if (x.code != y.code) return at + "code";
        if (x.storage != y.storage) return at + "storage";
    }
    if (da.size() != db.size()) return "state: number of touched accounts";
    return {};
}

}  // namespace parevm
