// SPDX-License-Identifier: Apache-2.0
#include <parevm/evm/revision.hpp>

#include <array>
#include <utility>

namespace parevm {

std::string_view revision_name(Revision r) noexcept {
    static constexpr std::array<std::string_view, revision_count> names = {
        "Frontier",       "Homestead",         "EIP150",   "EIP158", "Byzantium",
        "Constantinople", "ConstantinopleFix", "Istanbul", "Berlin", "London",
        "Paris",          "Shanghai",          "Cancun",   "Prague", "Osaka"};
    return names[static_cast<size_t>(r)];
}

std::optional<Revision> parse_revision(std::string_view name) noexcept {
    static constexpr std::pair<std::string_view, Revision> table[] = {
        {"Frontier", Revision::frontier},
        {"Homestead", Revision::homestead},
        {"EIP150", Revision::tangerine_whistle},
        {"TangerineWhistle", Revision::tangerine_whistle},
        {"EIP158", Revision::spurious_dragon},
        {"SpuriousDragon", Revision::spurious_dragon},
        {"Byzantium", Revision::byzantium},
        {"Constantinople", Revision::constantinople},
        {"ConstantinopleFix", Revision::petersburg},
        {"Petersburg", Revision::petersburg},
        {"Istanbul", Revision::istanbul},
        {"MuirGlacier", Revision::istanbul},
        {"Berlin", Revision::berlin},
        {"London", Revision::london},
        {"ArrowGlacier", Revision::london},
        {"GrayGlacier", Revision::london},
        {"Merge", Revision::paris},
        {"Paris", Revision::paris},
        {"Shanghai", Revision::shanghai},
        {"Cancun", Revision::cancun},
        {"Prague", Revision::prague},
        {"Osaka", Revision::osaka},
    };
    for (const auto& [n, r] : table)
        if (n == name) return r;
    return std::nullopt;
}

}  // namespace parevm
