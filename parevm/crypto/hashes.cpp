// SPDX-License-Identifier: Apache-2.0
// parevm: SHA-256 and RIPEMD-160 through OpenSSL's EVP interface.
// The low-level RIPEMD160() is deprecated in OpenSSL 3 but stays the last resort when no
// provider offers the digest through EVP; the macro must precede every OpenSSL include.
#define OPENSSL_SUPPRESS_DEPRECATED

#include <parevm/crypto/hashes.hpp>

#include <parevm/core/assert.hpp>

#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/ripemd.h>

#include <memory>

namespace parevm {
namespace {

/// Fetching resolves the provider implementation once instead of on every hash (an implicit
/// fetch per EVP_Digest call costs a lock and a name lookup).
const EVP_MD* fetch_sha256() noexcept {
    static const EVP_MD* const md = [] {
        const EVP_MD* m = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        return m != nullptr ? m : EVP_sha256();
    }();
    return md;
}

/// RIPEMD-160 moved to the legacy provider in OpenSSL 3.0.0-3.0.6 (and builds may still leave it
/// there). Try the default providers, then load "legacy" (keeping "default" loaded, since
/// loading any provider explicitly disables the implicit default), else nullptr: the caller uses
/// the low-level API.
const EVP_MD* fetch_ripemd160() noexcept {
    static const EVP_MD* const md = []() -> const EVP_MD* {
        if (EVP_MD* m = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr)) return m;
        if (OSSL_PROVIDER_load(nullptr, "legacy") != nullptr) {
            OSSL_PROVIDER_load(nullptr, "default");
            if (EVP_MD* m = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr)) return m;
        }
        return nullptr;
    }();
    return md;
}

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

/// One digest through a per-thread context: EVP_Digest would allocate and free a context on
/// every call. A failure here means OpenSSL itself is broken (allocation failure).
void evp_digest(const EVP_MD* md, bytes_view data, uint8_t* out) noexcept {
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx{EVP_MD_CTX_new()};
    PAREVM_ASSERT(ctx != nullptr);
    unsigned len = 0;
    const bool ok = EVP_DigestInit_ex(ctx.get(), md, nullptr) == 1 &&
                    EVP_DigestUpdate(ctx.get(), data.data(), data.size()) == 1 &&
                    EVP_DigestFinal_ex(ctx.get(), out, &len) == 1;
    PAREVM_ASSERT(ok && len == static_cast<unsigned>(EVP_MD_get_size(md)));
}

}  // namespace

Hash256 sha256(bytes_view data) noexcept {
    Hash256 out;
    evp_digest(fetch_sha256(), data, out.data());
    return out;
}

Ripemd160Digest ripemd160(bytes_view data) noexcept {
    Ripemd160Digest out;
    if (const EVP_MD* md = fetch_ripemd160())
        evp_digest(md, data, out.data());
    else
        RIPEMD160(data.data(), data.size(), out.data());
    return out;
}

}  // namespace parevm
