// SPDX-License-Identifier: Apache-2.0
// parevm: transaction encoding, signing hashes, strict decoding and signature recovery.
#include <parevm/execution/tx_codec.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/core/rlp.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/crypto/secp256k1.hpp>

#include <string>
#include <utility>

namespace parevm {
namespace {

// --- encoding ---

bytes encode_to(const std::optional<Address>& to) {
    return to ? rlp::encode(*to) : rlp::encode(bytes_view{});
}

/// EIP-2930 access list: [[address, [storageKey (32-byte string)...]]...].
bytes encode_access_list(const std::vector<AccessListEntry>& list) {
    bytes entries;
    for (const auto& e : list) {
        bytes keys;
        for (const auto& k : e.storage_keys) keys += rlp::encode(be_store(k));
        entries += rlp::encode_list({rlp::encode(e.address), rlp::wrap_list(keys)});
    }
    return rlp::wrap_list(entries);
}

/// EIP-7702 authorization list: [[chainId, address, nonce, yParity, r, s]...].
bytes encode_authorizations(const std::vector<Authorization>& list) {
    bytes tuples;
    for (const auto& a : list) {
        tuples +=
            rlp::encode_list({rlp::encode(a.chain_id), rlp::encode(a.address), rlp::encode(a.nonce),
                              rlp::encode(a.y_parity), rlp::encode(a.r), rlp::encode(a.s)});
    }
    return rlp::wrap_list(tuples);
}

bytes encode_hashes(const std::vector<Hash256>& hashes) {
    bytes items;
    for (const auto& h : hashes) items += rlp::encode(h);
    return rlp::wrap_list(items);
}

/// The RLP payload items of a typed transaction, without the signature (the signing payload).
bytes typed_fields(const Transaction& tx) {
    PAREVM_ASSERT(tx.type != TxType::legacy);
    bytes p;
    p += rlp::encode(tx.chain_id.value_or(uint256{}));
    p += rlp::encode(tx.nonce);
    if (tx.type == TxType::access_list) {
        p += rlp::encode(tx.max_fee_per_gas);  // gasPrice
    } else {
        p += rlp::encode(tx.max_priority_fee_per_gas);
        p += rlp::encode(tx.max_fee_per_gas);
    }
    p += rlp::encode(tx.gas_limit);
    p += encode_to(tx.to);
    p += rlp::encode(tx.value);
    p += rlp::encode(tx.data);
    p += encode_access_list(tx.access_list);
    if (tx.type == TxType::blob) {
        p += rlp::encode(tx.max_fee_per_blob_gas);
        p += encode_hashes(tx.blob_hashes);
    } else if (tx.type == TxType::set_code) {
        p += encode_authorizations(tx.authorizations);
    }
    return p;
}

/// The first six legacy fields: [nonce, gasPrice, gas, to, value, data].
bytes legacy_fields(const Transaction& tx) {
    bytes p;
    p += rlp::encode(tx.nonce);
    p += rlp::encode(tx.max_fee_per_gas);
    p += rlp::encode(tx.gas_limit);
    p += encode_to(tx.to);
    p += rlp::encode(tx.value);
    p += rlp::encode(tx.data);
    return p;
}

bytes signature_fields(const Transaction& tx) {
    return rlp::encode(tx.v) + rlp::encode(tx.r) + rlp::encode(tx.s);
}

bytes with_type(TxType type, const bytes& list) {
    bytes out;
    out.reserve(list.size() + 1);
    out.push_back(static_cast<uint8_t>(type));
    out += list;
    return out;
}

// --- decoding ---

/// Reads the fields of one RLP list payload in order. The first failure is kept (with the field's
/// name) and makes every later read fail, so decoders can read all fields and check once.
class FieldReader {
public:
    FieldReader(bytes_view payload, std::string& error) noexcept : rest_{payload}, error_{error} {}

    bool ok() const noexcept { return error_.empty(); }

    bool u64(const char* name, uint64_t& out) { return read(name, rlp::decode_uint64, out); }
    bool u256(const char* name, uint256& out) { return read(name, rlp::decode_uint256, out); }
    bool address(const char* name, Address& out) { return read(name, rlp::decode_address, out); }
    bool hash(const char* name, Hash256& out) { return read(name, rlp::decode_hash, out); }

    bool byte_string(const char* name, bytes& out) {
        bytes_view v;
        if (!read(name, rlp::decode_bytes, v)) return false;
        out.assign(v);
        return true;
    }

    /// A list field; its payload goes to a nested reader.
    bool list(const char* name, bytes_view& payload) {
        return read(name, rlp::decode_list_payload, payload);
    }

    /// `to`: the empty string for contract creation, else exactly 20 bytes.
    bool to(std::optional<Address>& out) {
        bytes_view v;
        if (!read("to", rlp::decode_bytes, v)) return false;
        if (v.empty()) {
            out.reset();
        } else if (v.size() == Address::size) {
            out = Address{v};
        } else {
            return fail("to", "wrong_size");
        }
        return true;
    }

    bool at_end() const noexcept { return rest_.empty(); }

    /// Fails unless every field was consumed (a list with too many fields).
    bool finish(const char* what) {
        if (ok() && !rest_.empty()) fail(what, "too many fields");
        return ok();
    }

    bool fail(const char* name, const char* why) {
        if (ok()) error_ = std::string{name} + ": " + why;
        return false;
    }

private:
    template <typename T, typename Decode>
    bool read(const char* name, Decode decode, T& out) {
        if (!ok()) return false;
        if (rest_.empty()) return fail(name, "missing (too few fields)");
        auto r = decode(rest_);
        if (!r) return fail(name, rlp::decode_error_name(r.error()));
        out = std::move(r).value();
        return true;
    }

    bytes_view rest_;
    std::string& error_;
};

/// EIP-2930 access list: [[address, [storageKey...]]...], keys exactly 32 bytes.
bool decode_access_list(FieldReader& f, std::vector<AccessListEntry>& out, std::string& error) {
    bytes_view payload;
    if (!f.list("accessList", payload)) return false;
    FieldReader entries{payload, error};
    while (entries.ok() && !entries.at_end()) {
        bytes_view entry_payload;
        if (!entries.list("accessList entry", entry_payload)) break;
        FieldReader entry{entry_payload, error};
        AccessListEntry e;
        bytes_view keys_payload;
        entry.address("accessList address", e.address);
        entry.list("accessList storageKeys", keys_payload);
        if (!entry.finish("accessList entry")) break;
        FieldReader keys{keys_payload, error};
        while (keys.ok() && !keys.at_end()) {
            Hash256 k;
            if (keys.hash("accessList storageKey", k)) e.storage_keys.push_back(be_load(k));
        }
        out.push_back(std::move(e));
    }
    return f.ok();
}

/// EIP-7702 authorization list: [[chainId, address, nonce, yParity, r, s]...].
bool decode_authorizations(FieldReader& f, std::vector<Authorization>& out, std::string& error) {
    bytes_view payload;
    if (!f.list("authorizationList", payload)) return false;
    FieldReader tuples{payload, error};
    while (tuples.ok() && !tuples.at_end()) {
        bytes_view tuple_payload;
        if (!tuples.list("authorization", tuple_payload)) break;
        FieldReader t{tuple_payload, error};
        Authorization a;
        t.u256("authorization chainId", a.chain_id);
        t.address("authorization address", a.address);
        t.u64("authorization nonce", a.nonce);
        t.u256("authorization yParity", a.y_parity);
        t.u256("authorization r", a.r);
        t.u256("authorization s", a.s);
        if (!t.finish("authorization")) break;
        // EIP-7702 types y_parity as uint8: a wider value is malformed, not merely a bad signature.
        if (a.y_parity > 0xff) {
            t.fail("authorization yParity", "too_long");
            break;
        }
        out.push_back(std::move(a));
    }
    return f.ok();
}

TxDecodeResult decode_failure(std::string error) {
    return TxDecodeResult{std::nullopt, std::move(error)};
}

TxDecodeResult decode_legacy(bytes_view in) {
    auto payload = rlp::decode_list_payload(in);
    if (!payload)
        return decode_failure(std::string{"legacy: "} + rlp::decode_error_name(payload.error()));
    if (!in.empty()) return decode_failure("legacy: trailing_bytes");

    std::string error;
    FieldReader f{*payload, error};
    Transaction tx;
    tx.type = TxType::legacy;
    f.u64("nonce", tx.nonce);
    f.u256("gasPrice", tx.max_fee_per_gas);
    f.u64("gas", tx.gas_limit);
    f.to(tx.to);
    f.u256("value", tx.value);
    f.byte_string("data", tx.data);
    f.u256("v", tx.v);
    f.u256("r", tx.r);
    f.u256("s", tx.s);
    if (!f.finish("legacy")) return decode_failure("legacy: " + error);
    tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
    if (tx.v >= 35) tx.chain_id = (tx.v - 35) / 2;  // EIP-155: v = chainId * 2 + 35 + parity
    return TxDecodeResult{std::move(tx), {}};
}

TxDecodeResult decode_typed(TxType type, bytes_view in) {
    const std::string prefix = "type " + std::to_string(static_cast<int>(type)) + ": ";
    auto payload = rlp::decode_list_payload(in);
    if (!payload) return decode_failure(prefix + rlp::decode_error_name(payload.error()));
    if (!in.empty()) return decode_failure(prefix + "trailing_bytes");

    std::string error;
    FieldReader f{*payload, error};
    Transaction tx;
    tx.type = type;
    uint256 chain_id;
    f.u256("chainId", chain_id);
    tx.chain_id = chain_id;
    f.u64("nonce", tx.nonce);
    if (type == TxType::access_list) {
        f.u256("gasPrice", tx.max_fee_per_gas);
    } else {
        f.u256("maxPriorityFeePerGas", tx.max_priority_fee_per_gas);
        f.u256("maxFeePerGas", tx.max_fee_per_gas);
    }
    f.u64("gas", tx.gas_limit);
    f.to(tx.to);
    f.u256("value", tx.value);
    f.byte_string("data", tx.data);
    decode_access_list(f, tx.access_list, error);
    if (type == TxType::blob) {
        f.u256("maxFeePerBlobGas", tx.max_fee_per_blob_gas);
        bytes_view hashes;
        if (f.list("blobVersionedHashes", hashes)) {
            FieldReader h{hashes, error};
            while (h.ok() && !h.at_end()) {
                Hash256 v;
                if (h.hash("blobVersionedHash", v)) tx.blob_hashes.push_back(v);
            }
        }
    } else if (type == TxType::set_code) {
        decode_authorizations(f, tx.authorizations, error);
    }
    f.u256("yParity", tx.v);
    f.u256("r", tx.r);
    f.u256("s", tx.s);
    if (!f.finish("transaction")) return decode_failure(prefix + error);
    if (type == TxType::access_list) tx.max_priority_fee_per_gas = tx.max_fee_per_gas;
    // EIP-4844 and EIP-7702 type `to` as an address: these transactions cannot create contracts.
    if ((type == TxType::blob || type == TxType::set_code) && !tx.to)
        return decode_failure(prefix + "to: contract creation not allowed");
    return TxDecodeResult{std::move(tx), {}};
}

}  // namespace

TxDecodeResult decode_transaction(bytes_view encoded) {
    if (encoded.empty()) return decode_failure("empty input");
    const uint8_t first = encoded[0];
    if (first >= 0xc0) return decode_legacy(encoded);
    // EIP-2718: a first byte below 0x80 is the transaction type; 0x80..0xbf is an RLP string.
    switch (first) {
        case 0x01:
            return decode_typed(TxType::access_list, encoded.substr(1));
        case 0x02:
            return decode_typed(TxType::dynamic_fee, encoded.substr(1));
        case 0x03:
            return decode_typed(TxType::blob, encoded.substr(1));
        case 0x04:
            return decode_typed(TxType::set_code, encoded.substr(1));
        default:
            if (first >= 0x80) return decode_failure("legacy: list_expected");
            return decode_failure("unknown transaction type " + std::to_string(first));
    }
}

bytes encode_transaction(const Transaction& tx) {
    if (tx.type == TxType::legacy) return rlp::wrap_list(legacy_fields(tx) + signature_fields(tx));
    return with_type(tx.type, rlp::wrap_list(typed_fields(tx) + signature_fields(tx)));
}

Hash256 signing_hash(const Transaction& tx) {
    if (tx.type == TxType::legacy) {
        bytes p = legacy_fields(tx);
        if (tx.chain_id) {
            // EIP-155: [..., chainId, 0, 0]
            p += rlp::encode(*tx.chain_id);
            p += rlp::encode(uint64_t{0});
            p += rlp::encode(uint64_t{0});
        }
        return keccak256(rlp::wrap_list(p));
    }
    return keccak256(with_type(tx.type, rlp::wrap_list(typed_fields(tx))));
}

Hash256 tx_hash(const Transaction& tx) {
    return keccak256(encode_transaction(tx));
}

bool recover_sender(Transaction& tx, Revision revision) {
    if (!tx.r || !tx.s || tx.r >= secp256k1_order || tx.s >= secp256k1_order) return false;
    if (revision >= Revision::homestead && !is_low_s(tx.s)) return false;  // EIP-2
    uint8_t recovery_id = 0;
    if (tx.type == TxType::legacy) {
        if (tx.v == 27 || tx.v == 28) {
            if (tx.chain_id) return false;  // v and chain_id disagree
            recovery_id = static_cast<uint8_t>(tx.v.low64() - 27);
        } else {
            // EIP-155: v = chainId * 2 + 35 + parity, valid from Spurious Dragon.
            if (!tx.chain_id || revision < Revision::spurious_dragon) return false;
            // Beyond this chain id, chainId * 2 + 36 no longer fits in 256 bits.
            static const uint256 max_chain_id = (~uint256{} - 36) / 2;
            if (*tx.chain_id > max_chain_id) return false;
            const uint256 base = *tx.chain_id * 2 + 35;
            if (tx.v == base)
                recovery_id = 0;
            else if (tx.v == base + 1)
                recovery_id = 1;
            else
                return false;
        }
    } else {
        if (tx.v > 1) return false;
        recovery_id = static_cast<uint8_t>(tx.v.low64());
    }
    const auto sender = ecrecover(signing_hash(tx), tx.r, tx.s, recovery_id);
    if (!sender) return false;
    tx.sender = *sender;
    return true;
}

Hash256 authorization_signing_hash(const Authorization& auth) {
    // EIP-7702: MAGIC 0x05 || rlp([chain_id, address, nonce])
    bytes msg{0x05};
    msg += rlp::encode_list(
        {rlp::encode(auth.chain_id), rlp::encode(auth.address), rlp::encode(auth.nonce)});
    return keccak256(msg);
}

void recover_authorities(Transaction& tx) {
    for (auto& auth : tx.authorizations) {
        auth.signer.reset();
        // EIP-7702: y_parity must be 0 or 1 and s at most n/2; ecrecover checks r, s in [1, n).
        if (auth.y_parity > 1 || !is_low_s(auth.s)) continue;
        auth.signer = ecrecover(authorization_signing_hash(auth), auth.r, auth.s,
                                static_cast<uint8_t>(auth.y_parity.low64()));
    }
}

Transaction sign_transaction(Transaction tx, const Hash256& secret) {
    const auto sig = sign(signing_hash(tx), secret);
    PAREVM_ASSERT(sig.has_value());
    tx.r = sig->r;
    tx.s = sig->s;
    if (tx.type != TxType::legacy)
        tx.v = sig->recovery_id;
    else if (tx.chain_id)
        tx.v = *tx.chain_id * 2 + 35 + sig->recovery_id;  // EIP-155
    else
        tx.v = 27 + sig->recovery_id;
    tx.sender = address_from_secret(secret);
    return tx;
}

}  // namespace parevm
