// SPDX-License-Identifier: Apache-2.0
// parevm: KZG proof verification through c-kzg-4844 with the mainnet trusted setup.
#include <parevm/crypto/kzg.hpp>

#include "ckzg.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

#ifndef PAREVM_TRUSTED_SETUP_DEFAULT
#error "PAREVM_TRUSTED_SETUP_DEFAULT must name the trusted setup file (cmake/ckzg.cmake sets it)"
#endif

namespace parevm {
namespace {

/// The process-wide trusted setup. It is never freed: it lives until exit, and verifications on
/// other threads may still be using it during static destruction.
struct TrustedSetup {
    KZGSettings settings{};
    bool loaded = false;
    std::string error;
};

TrustedSetup& trusted_setup() noexcept {
    static TrustedSetup* const setup = [] {
        auto* s = new TrustedSetup;
        const char* env = std::getenv("PAREVM_TRUSTED_SETUP");
        const char* path = (env != nullptr && *env != '\0') ? env : PAREVM_TRUSTED_SETUP_DEFAULT;
        std::FILE* f = std::fopen(path, "r");
        if (f == nullptr) {
            s->error = std::string("cannot open KZG trusted setup ") + path;
        } else {
            // precompute 0: no multi-scalar tables; only EIP-7594 cell proofs would use them.
            const C_KZG_RET ret = load_trusted_setup_file(&s->settings, f, 0);
            std::fclose(f);
            if (ret == C_KZG_OK)
                s->loaded = true;
            else
                s->error = std::string("invalid KZG trusted setup ") + path;
        }
        // A missing setup makes every point evaluation fail: say so once, loudly.
        if (!s->loaded) std::fprintf(stderr, "parevm: %s\n", s->error.c_str());
        return s;
    }();
    return *setup;
}

}  // namespace

bool is_canonical_bls_field_element(const Hash256& word) noexcept {
    return std::memcmp(word.data(), bls_modulus_be, sizeof(bls_modulus_be)) < 0;
}

bool kzg_trusted_setup_ready(std::string* error) noexcept {
    const TrustedSetup& s = trusted_setup();
    if (!s.loaded && error != nullptr) *error = s.error;
    return s.loaded;
}

bool verify_kzg_proof(const KzgPoint& commitment,
                      const Hash256& z,
                      const Hash256& y,
                      const KzgPoint& proof) noexcept {
    const TrustedSetup& s = trusted_setup();
    if (!s.loaded) return false;
    Bytes48 c;
    Bytes48 p;
    Bytes32 zb;
    Bytes32 yb;
    std::memcpy(c.bytes, commitment.data(), sizeof(c.bytes));
    std::memcpy(p.bytes, proof.data(), sizeof(p.bytes));
    std::memcpy(zb.bytes, z.data(), sizeof(zb.bytes));
    std::memcpy(yb.bytes, y.data(), sizeof(yb.bytes));
    bool ok = false;
    // C_KZG_BADARGS covers non-canonical z or y and commitments or proofs that do not decode
    // to G1 subgroup points; all of them are failures, like a wrong proof.
    if (::verify_kzg_proof(&ok, &c, &zb, &yb, &p, &s.settings) != C_KZG_OK) return false;
    return ok;
}

}  // namespace parevm
