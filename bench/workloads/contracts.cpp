// SPDX-License-Identifier: Apache-2.0
// parevm bench: decodes the embedded contract artifacts once.
#include <bench/workloads/contracts.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/core/hex.hpp>

namespace parevm::bench {

const std::vector<Artifact>& artifacts() {
    static const std::vector<Artifact> all = [] {
        std::vector<Artifact> v;
        for (size_t i = 0; i < detail::artifact_hex_count; ++i) {
            const auto& a = detail::artifact_hex[i];
            auto code = from_hex(a.hex);
            PAREVM_ASSERT(code.has_value());
            v.push_back({a.name, a.kind, std::move(*code)});
        }
        return v;
    }();
    return all;
}

namespace {

std::string_view contract_name(Contract c) {
    switch (c) {
        case Contract::token:
            return "Token";
        case Contract::nft:
            return "Nft";
        case Contract::governance:
            return "Governance";
        case Contract::router:
            return "Router";
        case Contract::uniswap_factory:
            return "UniswapV2Factory";
        case Contract::uniswap_pair:
            return "UniswapV2Pair";
    }
    return "";
}

bytes_view find(Contract c, std::string_view kind) {
    for (const auto& a : artifacts())
        if (a.name == contract_name(c) && a.kind == kind) return a.code;
    PAREVM_ASSERT(false && "contract artifact missing from bench/contracts/artifacts");
    return {};
}

}  // namespace

bytes_view runtime_code(Contract c) {
    return find(c, "runtime");
}
bytes_view creation_code(Contract c) {
    return find(c, "creation");
}

}  // namespace parevm::bench
