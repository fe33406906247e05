// SPDX-License-Identifier: Apache-2.0
// parevm: P-256 ECDSA verification with OpenSSL 3's EVP interface (no deprecated EC_KEY calls).
#include <parevm/crypto/p256.hpp>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <memory>

namespace parevm {
namespace {

/// Coefficient b of secp256r1 (a is p - 3).
constexpr uint256 curve_b{0x3BCE3C3E27D2604B, 0x651D06B0CC53B0F6, 0xB3EBBD55769886BC,
                          0x5AC635D8AA3A93E7};

struct PkeyCtxDeleter {
    void operator()(EVP_PKEY_CTX* c) const noexcept { EVP_PKEY_CTX_free(c); }
};
struct PkeyDeleter {
    void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct SigDeleter {
    void operator()(ECDSA_SIG* s) const noexcept { ECDSA_SIG_free(s); }
};
struct DerDeleter {
    void operator()(unsigned char* p) const noexcept { OPENSSL_free(p); }
};

/// Imports the uncompressed SEC 1 point 04 || x || y as a P-256 public key; nullptr when
/// OpenSSL refuses it.
std::unique_ptr<EVP_PKEY, PkeyDeleter> import_public_key(const uint256& qx,
                                                         const uint256& qy) noexcept {
    uint8_t sec1[65];
    sec1[0] = 0x04;
    be_store(sec1 + 1, qx);
    be_store(sec1 + 33, qy);
    char group_name[] = "prime256v1";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group_name, 0),
        OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, sec1, sizeof(sec1)),
        OSSL_PARAM_construct_end(),
    };
    const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> ctx{
        EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr)};
    EVP_PKEY* key = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
        return nullptr;
    return std::unique_ptr<EVP_PKEY, PkeyDeleter>{key};
}

}  // namespace

bool p256_is_on_curve(const uint256& qx, const uint256& qy) noexcept {
    const uint256& p = p256_field_prime;
    if (qx >= p || qy >= p) return false;
    const uint256 y2 = mulmod(qy, qy, p);
    const uint256 x3 = mulmod(mulmod(qx, qx, p), qx, p);
    const uint256 three_x = mulmod(qx, 3, p);
    // x^3 - 3x + b, with the subtraction done as addition of p - 3x.
    const uint256 rhs = addmod(addmod(x3, three_x ? p - three_x : uint256{}, p), curve_b, p);
    return y2 == rhs;
}

bool p256_verify(const Hash256& hash,
                 const uint256& r,
                 const uint256& s,
                 const uint256& qx,
                 const uint256& qy) noexcept {
    // EIP-7951: explicit bounds first, so OpenSSL never decides what counts as malformed.
    if (!r || r >= p256_order || !s || s >= p256_order) return false;
    if (!p256_is_on_curve(qx, qy)) return false;

    const auto key = import_public_key(qx, qy);
    if (!key) {
        ERR_clear_error();  // do not leave the refusal in this thread's error queue
        return false;
    }

    // OpenSSL verifies DER signatures: wrap (r, s) in an ECDSA_SIG and encode it.
    uint8_t rb[32], sb[32];
    be_store(rb, r);
    be_store(sb, s);
    const std::unique_ptr<ECDSA_SIG, SigDeleter> sig{ECDSA_SIG_new()};
    if (!sig) return false;
    BIGNUM* rn = BN_bin2bn(rb, 32, nullptr);
    BIGNUM* sn = BN_bin2bn(sb, 32, nullptr);
    if (rn == nullptr || sn == nullptr || ECDSA_SIG_set0(sig.get(), rn, sn) != 1) {
        BN_free(rn);
        BN_free(sn);
        return false;
    }
    unsigned char* der_raw = nullptr;
    const int der_len = i2d_ECDSA_SIG(sig.get(), &der_raw);
    const std::unique_ptr<unsigned char, DerDeleter> der{der_raw};
    if (der_len <= 0) return false;

    // With no digest configured, EVP_PKEY_verify treats its input as the message digest.
    const std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter> vctx{
        EVP_PKEY_CTX_new_from_pkey(nullptr, key.get(), nullptr)};
    if (!vctx || EVP_PKEY_verify_init(vctx.get()) != 1) return false;
    const bool valid = EVP_PKEY_verify(vctx.get(), der.get(), static_cast<size_t>(der_len),
                                       hash.data(), Hash256::size) == 1;
    if (!valid) ERR_clear_error();
    return valid;
}

}  // namespace parevm
