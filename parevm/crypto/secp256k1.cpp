// SPDX-License-Identifier: Apache-2.0
// parevm: ECDSA recovery and signing over one process-wide libsecp256k1 context.
#include <parevm/crypto/secp256k1.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/crypto/keccak.hpp>

#include <openssl/rand.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>

namespace parevm {
namespace {

/// The one context, created on first use (thread-safe static initialization) and never
/// destroyed. libsecp256k1 allows concurrent use of a context through const pointers; the only
/// mutating call, randomization (side-channel blinding for signing), happens here before any
/// other thread can see the context.
const secp256k1_context* context() noexcept {
    static const secp256k1_context* const ctx = [] {
        secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
        PAREVM_ASSERT(c != nullptr);
        unsigned char seed[32];
        if (RAND_bytes(seed, sizeof(seed)) == 1) {
            const int ok = secp256k1_context_randomize(c, seed);
            PAREVM_ASSERT(ok == 1);
        }
        return c;
    }();
    return ctx;
}

/// keccak256(x || y) of an uncompressed public key, last 20 bytes (YP eq. 284).
Address address_from_pubkey(const secp256k1_pubkey& pubkey) noexcept {
    uint8_t serialized[65];
    size_t len = sizeof(serialized);
    secp256k1_ec_pubkey_serialize(context(), serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    PAREVM_ASSERT(len == 65 && serialized[0] == 0x04);
    const Hash256 h = keccak256(bytes_view{serialized + 1, 64});
    Address addr;
    std::memcpy(addr.data(), h.data() + 12, 20);
    return addr;
}

}  // namespace

std::optional<Address> ecrecover(const Hash256& msg_hash,
                                 const uint256& r,
                                 const uint256& s,
                                 uint8_t recovery_id) noexcept {
    if (recovery_id > 1) return std::nullopt;
    if (!r || !s || r >= secp256k1_order || s >= secp256k1_order) return std::nullopt;

    uint8_t compact[64];
    be_store(compact, r);
    be_store(compact + 32, s);
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, compact, recovery_id))
        return std::nullopt;
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recover(context(), &pubkey, &sig, msg_hash.data())) return std::nullopt;
    return address_from_pubkey(pubkey);
}

Address address_from_secret(const Hash256& secret) noexcept {
    secp256k1_pubkey pubkey;
    if (!secp256k1_ec_pubkey_create(context(), &pubkey, secret.data())) return Address{};
    return address_from_pubkey(pubkey);
}

std::optional<Signature> sign(const Hash256& msg_hash, const Hash256& secret) noexcept {
    secp256k1_ecdsa_recoverable_signature sig;
    // Null nonce function: libsecp256k1's default, RFC 6979 with HMAC-SHA256. The result is
    // normalized to low s.
    if (!secp256k1_ecdsa_sign_recoverable(context(), &sig, msg_hash.data(), secret.data(), nullptr,
                                          nullptr))
        return std::nullopt;
    uint8_t compact[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact, &recid, &sig);
    if (recid < 0 || recid > 1) return std::nullopt;
    return Signature{be_load(bytes_view{compact, 32}), be_load(bytes_view{compact + 32, 32}),
                     static_cast<uint8_t>(recid)};
}

bool is_low_s(const uint256& s) noexcept {
    return s <= secp256k1_half_order;
}

}  // namespace parevm
