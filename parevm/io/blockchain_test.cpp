// SPDX-License-Identifier: Apache-2.0
// parevm: blockchain tests: decode each block's RLP, check it against its parent, execute it.
#include <parevm/core/hex.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/crypto/hashes.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/execution/roots.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/io/blockchain_test.hpp>
#include <parevm/io/header_rules.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/state/mpt/state_root.hpp>

#include <algorithm>
#include <exception>
#include <limits>
#include <regex>

namespace parevm {

namespace {

constexpr int64_t min_gas_limit = 5000;            // YP eq. 47
constexpr int64_t gas_limit_bound_divisor = 1024;  // YP eq. 45-46
constexpr size_t max_extra_data = 32;              // YP eq. 50
constexpr size_t max_rlp_block_size = 8'388'608;   // EIP-7934: 10 MiB - 2 MiB margin
constexpr size_t max_ommers = 2;

std::string exc(std::string_view name) {
    return "BlockException." + std::string(name);
}

/// Reads the fields of an RLP list payload in order and keeps the first error.
class FieldReader {
public:
    FieldReader(bytes_view payload, std::string what) : in_(payload), what_(std::move(what)) {}

    bool ok() const noexcept { return error_.empty(); }
    const std::string& error() const noexcept { return error_; }
    bool at_end() const noexcept { return in_.empty(); }

    Hash256 hash(const char* field) { return take(rlp::decode_hash(in_), field); }
    Address address(const char* field) { return take(rlp::decode_address(in_), field); }
    uint256 u256(const char* field) { return take(rlp::decode_uint256(in_), field); }
    uint64_t u64(const char* field) { return take(rlp::decode_uint64(in_), field); }
    int64_t i64(const char* field) {
        const uint64_t v = u64(field);
        if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
            fail(field, "above 2^63-1");
            return 0;
        }
        return static_cast<int64_t>(v);
    }
    bytes str(const char* field, std::optional<size_t> size = std::nullopt) {
        const bytes_view v = take(rlp::decode_bytes(in_), field);
        if (ok() && size && v.size() != *size) {
            fail(field, std::to_string(v.size()) + " bytes, expected " + std::to_string(*size));
            return {};
        }
        return bytes(v);
    }

private:
    template <typename T>
    T take(rlp::Result<T> r, const char* field) {
        if (!ok()) return T{};
        if (!r) {
            fail(field, rlp::decode_error_name(r.error()));
            return T{};
        }
        return std::move(r).value();
    }
    void fail(const char* field, const std::string& why) {
        if (error_.empty()) error_ = what_ + "." + field + ": " + why;
    }

    bytes_view in_;
    std::string what_;
    std::string error_;
};

/// The number of header fields a fork's blocks carry.
size_t header_field_count(Revision rev) {
    size_t n = 15;
    if (rev >= Revision::london) n += 1;    // baseFeePerGas
    if (rev >= Revision::shanghai) n += 1;  // withdrawalsRoot
    if (rev >= Revision::cancun) n += 3;    // blobGasUsed, excessBlobGas, parentBeaconBlockRoot
    if (rev >= Revision::prague) n += 1;    // requestsHash
    return n;
}

std::string hex(const Hash256& h) {
    return to_hex(h.view());
}

BlobSchedule blob_schedule_of(const BlockchainTest& test, std::string_view fork, Revision rev) {
    if (const auto it = test.blob_schedules.find(std::string(fork));
        it != test.blob_schedules.end())
        return it->second;
    if (rev >= Revision::prague) return {6, 9, 5007716};  // EIP-7691
    return {};                                            // EIP-4844
}

/// The chain while a test runs: the state after the head block, and the head itself.
struct Chain {
    InMemoryState state;
    BlockHeader head;
};

BlockError error(std::string exception, std::string detail) {
    return {std::move(exception), std::move(detail)};
}

/// The header checks against the parent (execution-specs validate_header) that do not need
/// the block's execution.
std::optional<BlockError> check_header(const BlockHeader& h,
                                       const BlockHeader& parent,
                                       const ForkSchedule& schedule,
                                       Revision rev,
                                       const BlobSchedule& blobs) {
    const Revision parent_rev = schedule.revision_at(parent.number, parent.timestamp);
    if (h.field_count != header_field_count(rev))
        return error(exc("INCORRECT_BLOCK_FORMAT"),
                     "header has " + std::to_string(h.field_count) + " fields, " +
                         std::string(revision_name(rev)) + " expects " +
                         std::to_string(header_field_count(rev)));
    if (h.parent_hash != parent.hash)
        return error(exc("UNKNOWN_PARENT"),
                     "parent hash " + hex(h.parent_hash) + " is not the head " + hex(parent.hash));
    if (h.number != parent.number + 1)
        return error(exc("INVALID_BLOCK_NUMBER"), "number " + std::to_string(h.number) + " after " +
                                                      std::to_string(parent.number));
    if (h.timestamp <= parent.timestamp)
        return error(exc("INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT"),
                     "timestamp " + std::to_string(h.timestamp) + " not after " +
                         std::to_string(parent.timestamp));
    if (h.extra_data.size() > max_extra_data)
        return error(exc("EXTRA_DATA_TOO_BIG"),
                     "extra data of " + std::to_string(h.extra_data.size()) + " bytes");
    if (h.gas_used > h.gas_limit)
        return error(exc("INVALID_GAS_USED_ABOVE_LIMIT"), "gas used " + std::to_string(h.gas_used) +
                                                              " above the limit " +
                                                              std::to_string(h.gas_limit));

    // YP eq. 45-47; EIP-1559: the London block compares with twice the parent's limit.
    int64_t parent_limit = parent.gas_limit;
    if (rev >= Revision::london && parent_rev < Revision::london) parent_limit *= 2;
    const int64_t max_delta = parent_limit / gas_limit_bound_divisor;
    if (h.gas_limit >= parent_limit + max_delta || h.gas_limit <= parent_limit - max_delta ||
        h.gas_limit < min_gas_limit)
        return error(exc("INVALID_GASLIMIT"), "gas limit " + std::to_string(h.gas_limit) +
                                                  " after " + std::to_string(parent.gas_limit));

    if (rev >= Revision::london) {
        const uint256 expected = parent_rev < Revision::london
                                     ? uint256{initial_base_fee}
                                     : next_base_fee(parent.base_fee.value_or(uint256{}),
                                                     static_cast<uint64_t>(parent.gas_used),
                                                     static_cast<uint64_t>(parent.gas_limit));
        if (*h.base_fee != expected)
            return error(exc("INVALID_BASEFEE_PER_GAS"),
                         "base fee " + to_hex(*h.base_fee) + ", expected " + to_hex(expected));
    }

    if (rev >= Revision::paris) {
        // EIP-3675: proof-of-stake headers.
        if (h.difficulty != uint256{0})
            return error(exc("IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS"),
                         "difficulty " + to_hex(h.difficulty) + " after the merge");
        if (h.nonce != 0)
            return error(exc("INCORRECT_BLOCK_FORMAT"), "non-zero nonce after the merge");
        if (h.ommers_hash != empty_ommers_hash())
            return error(exc("IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS"),
                         "ommers hash " + hex(h.ommers_hash) + " after the merge");
    } else {
        const uint256 expected = next_difficulty(
            difficulty_rules(rev, schedule.name_at(h.number, h.timestamp)), h.number, h.timestamp,
            parent.timestamp, parent.difficulty, parent.ommers_hash != empty_ommers_hash());
        if (h.difficulty != expected)
            return error(exc("INVALID_DIFFICULTY"),
                         "difficulty " + to_hex(h.difficulty) + ", expected " + to_hex(expected));
    }

    if (rev >= Revision::cancun) {
        // EIP-4844 (EIP-7918 from Osaka): the parent of the first Cancun block counts as zero.
        const uint64_t expected = next_excess_blob_gas(
            rev, blobs, parent.excess_blob_gas.value_or(0), parent.blob_gas_used.value_or(0),
            parent.base_fee.value_or(uint256{}));
        if (*h.excess_blob_gas != expected)
            return error(exc("INCORRECT_EXCESS_BLOB_GAS"),
                         "excess blob gas " + std::to_string(*h.excess_blob_gas) + ", expected " +
                             std::to_string(expected));
        if (*h.blob_gas_used > blobs.max * gas_per_blob)
            return error(exc("BLOB_GAS_USED_ABOVE_LIMIT"),
                         "blob gas used " + std::to_string(*h.blob_gas_used));
    }
    return std::nullopt;
}

/// Checks and executes one block over the chain's head; on success the chain advances.
std::optional<BlockError> import_block(Chain& chain,
                                       const BlockchainTest& test,
                                       const ForkSchedule& schedule,
                                       bytes_view encoded,
                                       unsigned threads,
                                       Hash256& hash_out) {
    BlockError decode_error;
    std::optional<DecodedBlock> decoded = decode_block(encoded, decode_error);
    if (!decoded) return decode_error;
    DecodedBlock& b = *decoded;
    const BlockHeader& h = b.header;
    hash_out = h.hash;

    const Revision rev = schedule.revision_at(h.number, h.timestamp);
    const std::string_view fork = schedule.name_at(h.number, h.timestamp);
    const BlobSchedule blobs = blob_schedule_of(test, fork, rev);

    // EIP-7934: the RLP-encoded block may not exceed the size limit.
    if (rev >= Revision::osaka && b.rlp_size > max_rlp_block_size)
        return error(exc("RLP_BLOCK_LIMIT_EXCEEDED"),
                     "block RLP of " + std::to_string(b.rlp_size) + " bytes");
    // The body has a withdrawals list exactly from Shanghai on (EIP-4895).
    if ((rev >= Revision::shanghai) != b.withdrawals.has_value())
        return error(
            exc(rev >= Revision::shanghai ? "RLP_WITHDRAWALS_NOT_READ" : "INCORRECT_BLOCK_FORMAT"),
            "withdrawals list present/absent contrary to the fork");
    if (auto e = check_header(h, chain.head, schedule, rev, blobs)) return e;

    // Body against header.
    if (transactions_root(b.txs) != h.transactions_root)
        return error(exc("INVALID_TRANSACTIONS_ROOT"),
                     "transactions root " + hex(transactions_root(b.txs)) + ", header has " +
                         hex(h.transactions_root));
    if (b.withdrawals && withdrawals_root(*b.withdrawals) != *h.withdrawals_root)
        return error(exc("INVALID_WITHDRAWALS_ROOT"),
                     "withdrawals root " + hex(withdrawals_root(*b.withdrawals)) + ", header has " +
                         hex(*h.withdrawals_root));
    if (b.ommers_list_hash != h.ommers_hash)
        return error(exc("INVALID_UNCLES_HASH"), "ommers hash " + hex(b.ommers_list_hash) +
                                                     ", header has " + hex(h.ommers_hash));
    if (rev < Revision::paris) {
        if (b.ommers.size() > max_ommers)
            return error(exc("TOO_MANY_UNCLES"), std::to_string(b.ommers.size()) + " ommers");
        for (size_t i = 0; i < b.ommers.size(); ++i) {
            const BlockHeader& o = b.ommers[i];
            // YP eq. 166: an ommer is one of the six generations before this block.
            if (o.number >= h.number || o.number + 6 < h.number)
                return error(
                    exc("UNCLE_PARENT_INCORRECT"),
                    "ommer " + std::to_string(i) + " has number " + std::to_string(o.number));
            if (o.hash == chain.head.hash)
                return error(exc("UNCLE_IS_ANCESTOR"), "ommer is the parent");
            for (size_t j = 0; j < i; ++j)
                if (b.ommers[j].hash == o.hash)
                    return error(exc("UNCLE_IS_BROTHER"), "ommer listed twice");
        }
    }

    // Senders (strict signature rules of the block's fork) and EIP-7702 authorities.
    for (size_t i = 0; i < b.txs.size(); ++i) {
        if (!recover_sender(b.txs[i], rev))
            return error("TransactionException.INVALID_SIGNATURE_VRS",
                         "transaction " + std::to_string(i) + ": invalid signature");
        if (!b.txs[i].authorizations.empty()) recover_authorities(b.txs[i]);
    }

    Block block;
    block.revision = rev;
    block.chain_id = test.chain_id;
    block.blob_schedule = blobs;
    BlockEnv& env = block.env;
    env.number = h.number;
    env.timestamp = h.timestamp;
    env.gas_limit = h.gas_limit;
    env.coinbase = h.coinbase;
    env.difficulty = h.difficulty;
    env.prev_randao = h.mix_hash;
    env.base_fee = h.base_fee.value_or(uint256{});
    env.excess_blob_gas = h.excess_blob_gas.value_or(0);
    env.parent_beacon_block_root = h.parent_beacon_block_root;
    env.parent_hash = h.parent_hash;
    if (b.withdrawals) env.withdrawals = *b.withdrawals;
    for (const BlockHeader& o : b.ommers) env.ommers.emplace_back(o.coinbase, o.number);
    block.txs = std::move(b.txs);

    ExecutionOptions options;
    options.threads = threads;
    // Check the parallel path even on small blocks: on 2-4 threads the chunked executor (for
    // blocks of two transactions or more), on more Block-STM.
    options.force_parallel = threads != 1;
    const BlockResult result = execute_block(block, chain.state, options);
    if (result.invalid)
        return error(std::string(tx_error_name(result.invalid->error)),
                     "transaction " + std::to_string(result.invalid->index) + " is invalid");

    if (result.gas_used != static_cast<uint64_t>(h.gas_used))
        return error(exc("INVALID_GAS_USED"), "gas used " + std::to_string(result.gas_used) +
                                                  ", header has " + std::to_string(h.gas_used));
    if (rev >= Revision::cancun && result.blob_gas_used != *h.blob_gas_used)
        return error(exc("INCORRECT_BLOB_GAS_USED"),
                     "blob gas used " + std::to_string(result.blob_gas_used) + ", header has " +
                         std::to_string(*h.blob_gas_used));
    if (result.logs_bloom != h.logs_bloom)
        return error(exc("INVALID_LOG_BLOOM"), "logs bloom differs from the header");

    Hash256 receipts;
    if (rev >= Revision::byzantium) {
        receipts = receipts_root(result.receipts);
    } else {
        // Pre-Byzantium receipts hold the state root after their transaction: replay each
        // prefix of the block without rewards (they come after the last transaction).
        std::vector<Hash256> roots;
        ExecutionOptions prefix_options = options;
        prefix_options.block_reward = uint256{0};
        for (size_t k = 0; k < block.txs.size(); ++k) {
            Block prefix = block;
            prefix.env.ommers.clear();
            prefix.txs.resize(k + 1);
            InMemoryState s = chain.state;
            s.apply(execute_block(prefix, chain.state, prefix_options).state_diff);
            roots.push_back(state_root(s));
        }
        receipts = receipts_root(result.receipts, roots);
    }
    if (receipts != h.receipts_root)
        return error(exc("INVALID_RECEIPTS_ROOT"),
                     "receipts root " + hex(receipts) + ", header has " + hex(h.receipts_root));
    if (rev >= Revision::prague && requests_hash(result.requests) != *h.requests_hash)
        return error(exc("INVALID_REQUESTS"),
                     "requests hash " + hex(requests_hash(result.requests)) + " (" +
                         std::to_string(result.requests.size()) + " request lists), header has " +
                         hex(*h.requests_hash));

    InMemoryState post = chain.state;
    post.apply(result.state_diff);
    if (rev >= Revision::prague) {
        // EIP-7002 / EIP-7251: the request contracts are called with checks; one without code
        // makes the block invalid (the executor skips such a call, so it is checked here).
        for (const char* contract : {"0x00000961Ef480Eb55e80D19ad83579A64c007002",
                                     "0x0000BBdDc7CE488642fb579F8B00f3a590007251"}) {
            const auto info = post.account(*parse_address(contract));
            if (!info || info->code_hash == empty_code_hash)
                return error(exc("SYSTEM_CONTRACT_EMPTY"),
                             std::string("no code at system contract ") + contract);
        }
    }
    const Hash256 root = state_root(post);
    if (root != h.state_root)
        return error(exc("INVALID_STATE_ROOT"),
                     "state root " + hex(root) + ", header has " + hex(h.state_root));

    chain.state = std::move(post);
    chain.state.set_block_hash(h.number, h.hash);
    chain.head = h;
    return std::nullopt;
}

std::vector<std::string> split_exceptions(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t bar = s.find('|', start);
        const size_t end = bar == std::string::npos ? s.size() : bar;
        if (end > start) out.push_back(s.substr(start, end - start));
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return out;
}

}  // namespace

std::optional<BlockHeader> decode_block_header(bytes_view encoded, std::string& error) {
    bytes_view in = encoded;
    const auto payload = rlp::decode_list_payload(in);
    if (!payload) {
        error = std::string("header: ") + rlp::decode_error_name(payload.error());
        return std::nullopt;
    }
    if (!in.empty()) {
        error = "header: trailing bytes";
        return std::nullopt;
    }
    const auto items = rlp::decode_items(*payload);
    if (!items) {
        error = std::string("header: ") + rlp::decode_error_name(items.error());
        return std::nullopt;
    }
    const size_t n = items->size();
    if (n < 15 || n > 21) {
        error = "header: " + std::to_string(n) + " fields";
        return std::nullopt;
    }

    BlockHeader h;
    h.field_count = n;
    FieldReader r(*payload, "header");
    h.parent_hash = r.hash("parentHash");
    h.ommers_hash = r.hash("ommersHash");
    h.coinbase = r.address("coinbase");
    h.state_root = r.hash("stateRoot");
    h.transactions_root = r.hash("transactionsRoot");
    h.receipts_root = r.hash("receiptsRoot");
    const bytes bloom = r.str("logsBloom", h.logs_bloom.size());
    if (r.ok()) std::copy(bloom.begin(), bloom.end(), h.logs_bloom.begin());
    h.difficulty = r.u256("difficulty");
    h.number = r.i64("number");
    h.gas_limit = r.i64("gasLimit");
    h.gas_used = r.i64("gasUsed");
    h.timestamp = r.i64("timestamp");
    h.extra_data = r.str("extraData");
    h.mix_hash = r.hash("mixHash");
    const bytes nonce = r.str("nonce", 8);
    for (uint8_t byte : nonce) h.nonce = (h.nonce << 8) | byte;
    if (n > 15) h.base_fee = r.u256("baseFeePerGas");
    if (n > 16) h.withdrawals_root = r.hash("withdrawalsRoot");
    if (n > 17) h.blob_gas_used = r.u64("blobGasUsed");
    if (n > 18) h.excess_blob_gas = r.u64("excessBlobGas");
    if (n > 19) h.parent_beacon_block_root = r.hash("parentBeaconBlockRoot");
    if (n > 20) h.requests_hash = r.hash("requestsHash");
    if (!r.ok()) {
        error = r.error();
        return std::nullopt;
    }
    if (n == 18 || n == 19) {
        error = "header: blob gas fields come in threes (" + std::to_string(n) + " fields)";
        return std::nullopt;
    }
    h.hash = keccak256(encoded);
    return h;
}

std::optional<DecodedBlock> decode_block(bytes_view encoded, BlockError& err) {
    auto fail = [&](std::string detail) -> std::optional<DecodedBlock> {
        err = error(exc("RLP_STRUCTURES_ENCODING"), std::move(detail));
        return std::nullopt;
    };
    DecodedBlock b;
    b.rlp_size = encoded.size();
    bytes_view in = encoded;
    const auto body = rlp::decode_list_payload(in);
    if (!body) return fail(std::string("block: ") + rlp::decode_error_name(body.error()));
    if (!in.empty()) return fail("block: trailing bytes after the block");
    const auto parts = rlp::decode_items(*body);
    if (!parts) return fail(std::string("block: ") + rlp::decode_error_name(parts.error()));
    if (parts->size() != 3 && parts->size() != 4)
        return fail("block: " + std::to_string(parts->size()) + " elements, expected 3 or 4");
    for (const auto& p : *parts)
        if (!p.is_list) return fail("block: an element is not a list");

    bytes_view rest = *body;
    // The header, hashed over its exact encoding.
    const uint8_t* start = rest.data();
    (void)rlp::decode_item(rest);
    std::string header_error;
    auto header = decode_block_header(bytes_view(start, static_cast<size_t>(rest.data() - start)),
                                      header_error);
    if (!header) return fail(header_error);
    b.header = std::move(*header);

    // Transactions: a list item is a legacy transaction, a string a typed envelope (EIP-2718).
    const auto& txs = (*parts)[1];
    const auto tx_items = rlp::decode_items(txs.payload);
    if (!tx_items)
        return fail(std::string("transactions: ") + rlp::decode_error_name(tx_items.error()));
    for (size_t i = 0; i < tx_items->size(); ++i) {
        const auto& item = (*tx_items)[i];
        const std::string where = "transaction " + std::to_string(i) + ": ";
        bytes enc;
        if (item.is_list) {
            enc = rlp::wrap_list(item.payload);
        } else {
            if (item.payload.empty() || item.payload[0] >= 0x80)
                return fail(where + "a string item that is not a typed envelope");
            enc = bytes(item.payload);
        }
        TxDecodeResult d = decode_transaction(enc);
        if (!d) return fail(where + d.error);
        b.txs.push_back(std::move(*d.tx));
    }

    // Ommers: full headers.
    const auto& ommers = (*parts)[2];
    bytes_view ommer_in = ommers.payload;
    while (!ommer_in.empty()) {
        const uint8_t* os = ommer_in.data();
        const auto item = rlp::decode_item(ommer_in);
        if (!item) return fail(std::string("ommers: ") + rlp::decode_error_name(item.error()));
        std::string oe;
        auto o = decode_block_header(bytes_view(os, static_cast<size_t>(ommer_in.data() - os)), oe);
        if (!o) return fail("ommer " + std::to_string(b.ommers.size()) + ": " + oe);
        b.ommers.push_back(std::move(*o));
    }
    b.ommers_list_hash = keccak256(rlp::wrap_list(ommers.payload));

    if (parts->size() == 4) {
        std::vector<Withdrawal> ws;
        const auto w_items = rlp::decode_items((*parts)[3].payload);
        if (!w_items)
            return fail(std::string("withdrawals: ") + rlp::decode_error_name(w_items.error()));
        for (size_t i = 0; i < w_items->size(); ++i) {
            const auto& item = (*w_items)[i];
            const std::string what = "withdrawal " + std::to_string(i);
            if (!item.is_list) return fail(what + ": not a list");
            if (const auto f = rlp::decode_items(item.payload); !f || f->size() != 4)
                return fail(what + ": expected 4 fields");
            FieldReader r(item.payload, what);
            Withdrawal w;
            w.index = r.u64("index");
            w.validator_index = r.u64("validatorIndex");
            w.address = r.address("address");
            w.amount_gwei = r.u64("amount");
            if (!r.ok()) return fail(r.error());
            ws.push_back(w);
        }
        b.withdrawals = std::move(ws);
    }
    return b;
}

std::string_view ForkSchedule::name_at(int64_t number, int64_t timestamp) const noexcept {
    if (second_name.empty()) return first_name;
    const uint64_t v = static_cast<uint64_t>(by_timestamp ? timestamp : number);
    return v >= activation ? std::string_view(second_name) : std::string_view(first_name);
}

Revision ForkSchedule::revision_at(int64_t number, int64_t timestamp) const noexcept {
    if (second_name.empty()) return first;
    const uint64_t v = static_cast<uint64_t>(by_timestamp ? timestamp : number);
    return v >= activation ? second : first;
}

std::optional<ForkSchedule> parse_network(std::string_view network, std::string& why) {
    ForkSchedule s;
    if (const auto rev = parse_revision(network)) {
        s.first_name = std::string(network);
        s.first = *rev;
        return s;
    }
    // "<Fork>To<Fork>At<N>" (block number) or "<Fork>To<Fork>AtTime<N>[k]" (timestamp).
    static const std::regex transition(R"(^(.+?)To(.+?)At(Time)?(\d+)(k?)$)");
    std::match_results<std::string_view::const_iterator> m;
    if (!std::regex_match(network.begin(), network.end(), m, transition)) {
        why = "unsupported network " + std::string(network);
        return std::nullopt;
    }
    const auto a = parse_revision(m[1].str());
    const auto b = parse_revision(m[2].str());
    if (!a || !b) {
        why = "unsupported transition " + std::string(network);
        return std::nullopt;
    }
    s.first_name = m[1].str();
    s.first = *a;
    s.second_name = m[2].str();
    s.second = *b;
    s.by_timestamp = m[3].matched;
    s.activation = std::stoull(m[4].str()) * (m[5].length() > 0 ? 1000 : 1);
    return s;
}

BlockchainTest parse_blockchain_test(const std::string& name, const nlohmann::json& j) {
    BlockchainTest t;
    t.name = name;
    const std::string& path = name;
    auto p = [&](std::string_view key) { return json_path(path, key); };
    if (!j.is_object()) throw InputError(path + ": expected a JSON object");
    t.network = read_string(json_field(j, "network", path), p("network"));
    t.genesis_rlp = read_bytes(json_field(j, "genesisRLP", path), p("genesisRLP"));
    const auto& gh = json_field(j, "genesisBlockHeader", path);
    t.genesis_hash =
        read_hash(json_field(gh, "hash", p("genesisBlockHeader")), p("genesisBlockHeader.hash"));
    t.pre = read_alloc(json_field(j, "pre", path), p("pre"));
    if (const auto* post = json_optional_field(j, "postState", path))
        t.post_state = read_alloc(*post, p("postState"));
    if (const auto* ph = json_optional_field(j, "postStateHash", path))
        t.post_state_hash = read_hash(*ph, p("postStateHash"));
    t.last_block_hash = read_hash(json_field(j, "lastblockhash", path), p("lastblockhash"));

    const auto& blocks = json_field(j, "blocks", path);
    if (!blocks.is_array()) throw InputError(p("blocks") + ": expected an array");
    for (size_t i = 0; i < blocks.size(); ++i) {
        const std::string bp = json_path(p("blocks"), i);
        const auto& bj = blocks[i];
        BlockchainTestBlock b;
        b.rlp = read_bytes(json_field(bj, "rlp", bp), json_path(bp, "rlp"));
        if (const auto* e = json_optional_field(bj, "expectException", bp))
            b.expected_exceptions =
                split_exceptions(read_string(*e, json_path(bp, "expectException")));
        if (const auto* hdr = json_optional_field(bj, "blockHeader", bp)) {
            const std::string hp = json_path(bp, "blockHeader");
            if (const auto* hh = json_optional_field(*hdr, "hash", hp))
                b.expected_hash = read_hash(*hh, json_path(hp, "hash"));
        }
        t.blocks.push_back(std::move(b));
    }

    if (const auto* config = json_optional_field(j, "config", path)) {
        const std::string cp = p("config");
        if (const auto* id = json_optional_field(*config, "chainid", cp))
            t.chain_id = read_uint256(*id, json_path(cp, "chainid"));
        if (const auto* sched = json_optional_field(*config, "blobSchedule", cp)) {
            const std::string sp = json_path(cp, "blobSchedule");
            if (!sched->is_object()) throw InputError(sp + ": expected a JSON object");
            for (const auto& [fork, s] : sched->items()) {
                const std::string fp = json_path(sp, fork);
                BlobSchedule bs;
                bs.target = read_uint64(json_field(s, "target", fp), json_path(fp, "target"));
                bs.max = read_uint64(json_field(s, "max", fp), json_path(fp, "max"));
                bs.base_fee_update_fraction =
                    read_uint64(json_field(s, "baseFeeUpdateFraction", fp),
                                json_path(fp, "baseFeeUpdateFraction"));
                t.blob_schedules[fork] = bs;
            }
        }
    }
    return t;
}

BlockchainTestResult run_blockchain_test(const BlockchainTest& test,
                                         const ForkSchedule& schedule,
                                         unsigned threads) {
    BlockchainTestResult r;
    auto fail = [&](std::string message) {
        r.passed = false;
        r.message = std::move(message);
        return r;
    };

    std::string genesis_error;
    const auto genesis = decode_block_header(
        [&] {
            // The genesis block is [header, [], [](, [])]: take its first element.
            bytes_view in = test.genesis_rlp;
            auto payload = rlp::decode_list_payload(in);
            if (!payload || !in.empty()) return bytes_view{};
            bytes_view rest = *payload;
            const uint8_t* start = rest.data();
            if (!rlp::decode_item(rest)) return bytes_view{};
            return bytes_view(start, static_cast<size_t>(rest.data() - start));
        }(),
        genesis_error);
    if (!genesis) return fail("genesisRLP: " + genesis_error);
    if (genesis->hash != test.genesis_hash)
        return fail("genesis hash " + hex(genesis->hash) + ", expected " + hex(test.genesis_hash));

    Chain chain{make_state(test.pre), *genesis};
    const Hash256 pre_root = state_root(chain.state);
    if (pre_root != genesis->state_root)
        return fail("pre-state root " + hex(pre_root) + ", genesis header has " +
                    hex(genesis->state_root));
    chain.state.set_block_hash(genesis->number, genesis->hash);

    for (size_t i = 0; i < test.blocks.size(); ++i) {
        const BlockchainTestBlock& tb = test.blocks[i];
        const std::string where = "block " + std::to_string(i + 1) + ": ";
        Hash256 hash;
        const std::optional<BlockError> e =
            import_block(chain, test, schedule, tb.rlp, threads, hash);
        if (tb.expected_exceptions.empty()) {
            if (e) return fail(where + e->exception + ": " + e->detail);
            if (tb.expected_hash && hash != *tb.expected_hash)
                return fail(where + "hash " + hex(hash) + ", fixture has " +
                            hex(*tb.expected_hash));
            continue;
        }
        if (!e)
            return fail(where + "imported, expected it rejected (" +
                        tb.expected_exceptions.front() + ")");
        const auto& names = tb.expected_exceptions;
        if (std::find(names.begin(), names.end(), e->exception) == names.end()) {
            std::string expected;
            for (const auto& n : names) expected += (expected.empty() ? "" : "|") + n;
            std::string note = where;
            note += "rejected with " + e->exception + " (" + e->detail + "), fixture names ";
            note += expected;
            r.notes.push_back(std::move(note));
        }
    }

    if (chain.head.hash != test.last_block_hash)
        return fail("head " + hex(chain.head.hash) + ", lastblockhash " +
                    hex(test.last_block_hash));
    if (test.post_state) {
        const std::string diff = first_alloc_difference(chain.state, *test.post_state);
        if (!diff.empty()) return fail("post state: " + diff);
    }
    if (test.post_state_hash) {
        const Hash256 root = state_root(chain.state);
        if (root != *test.post_state_hash)
            return fail("post state root " + hex(root) + ", expected " +
                        hex(*test.post_state_hash));
    }
    r.passed = true;
    return r;
}

void run_blockchain_test_file(const std::filesystem::path& file,
                              const StateTestOptions& options,
                              StateTestSummary& summary,
                              std::ostream& out,
                              std::ostream& err) {
    const std::optional<nlohmann::json> loaded = read_test_file(file, summary, err);
    if (!loaded) return;
    const nlohmann::json& doc = *loaded;
    for (const auto& [name, j] : doc.items()) {
        if (options.run && !std::regex_search(name, *options.run)) continue;
        if (!j.is_object() || !j.contains("blocks") || j.contains("transaction")) {
            ++summary.skipped;
            ++summary.skip_reasons["not a blockchain test"];
            continue;
        }
        BlockchainTest test;
        try {
            test = parse_blockchain_test(name, j);
        } catch (const InputError& e) {
            ++summary.failed;
            err << "error: " << file.string() << ": " << e.what() << "\n";
            continue;
        }
        std::string why;
        const auto schedule = parse_network(test.network, why);
        if (!schedule) {
            ++summary.skipped;
            ++summary.skip_reasons[why];
            continue;
        }
        if (options.fork && schedule->first != *options.fork &&
            (schedule->second_name.empty() || schedule->second != *options.fork))
            continue;
        const std::string where = file.string() + ": " + name + " [" + test.network + "]";
        BlockchainTestResult r;
        try {
            r = run_blockchain_test(test, *schedule, options.threads);
        } catch (const std::exception& e) {
            r.passed = false;
            r.message = std::string("error: ") + e.what();
        }
        if (r.passed) {
            ++summary.passed;
            if (options.verbose) out << "PASS " << where << "\n";
        } else {
            ++summary.failed;
            out << "FAIL " << where << ": " << r.message << "\n";
        }
        if (options.verbose)
            for (const auto& note : r.notes) out << "     note: " << note << "\n";
    }
}

}  // namespace parevm
