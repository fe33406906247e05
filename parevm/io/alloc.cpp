// SPDX-License-Identifier: Apache-2.0
// parevm: reading, writing and comparing allocs (the JSON form of a world state).
#include <parevm/core/hex.hpp>
#include <parevm/io/alloc.hpp>
#include <parevm/io/json_util.hpp>

#include <vector>

namespace parevm {

Alloc read_alloc(const nlohmann::json& j, std::string_view path) {
    if (!j.is_object()) throw InputError(std::string(path) + ": expected a JSON object");
    Alloc alloc;
    for (const auto& [key, value] : j.items()) {
        const std::string p = json_path(path, key);
        const Address addr = read_address(nlohmann::json(key), p);
        if (alloc.count(addr)) throw InputError(p + ": duplicate address");
        AllocAccount acc;
        if (const auto* f = json_optional_field(value, "nonce", p))
            acc.nonce = read_uint64(*f, json_path(p, "nonce"));
        if (const auto* f = json_optional_field(value, "balance", p))
            acc.balance = read_uint256(*f, json_path(p, "balance"));
        if (const auto* f = json_optional_field(value, "code", p))
            acc.code = read_bytes(*f, json_path(p, "code"));
        if (const auto* f = json_optional_field(value, "storage", p)) {
            const std::string sp = json_path(p, "storage");
            if (!f->is_object()) throw InputError(sp + ": expected a JSON object");
            for (const auto& [slot, v] : f->items()) {
                const std::string vp = json_path(sp, slot);
                const uint256 k = read_word(nlohmann::json(slot), vp);
                const uint256 val = read_word(v, vp);
                if (val) acc.storage[k] = val;
            }
        }
        alloc.emplace(addr, std::move(acc));
    }
    return alloc;
}

InMemoryState make_state(const Alloc& alloc) {
    InMemoryState state;
    for (const auto& [addr, acc] : alloc) {
        const std::vector<std::pair<uint256, uint256>> slots(acc.storage.begin(),
                                                             acc.storage.end());
        state.set_account(addr, acc.nonce, acc.balance, acc.code, slots);
    }
    return state;
}

nlohmann::json alloc_to_json(const InMemoryState& state) {
    auto out = nlohmann::json::object();
    for (const auto& [addr, entry] : state.accounts()) {
        nlohmann::json acc = nlohmann::json::object();
        acc["balance"] = to_hex(entry.info.balance);
        if (entry.info.nonce != 0) acc["nonce"] = to_hex(uint256{entry.info.nonce});
        const bytes_view code = state.code(entry.info.code_hash);
        if (!code.empty()) acc["code"] = to_hex(code);
        if (!entry.storage.empty()) {
            auto storage = nlohmann::json::object();
            for (const auto& [k, v] : entry.storage)
                if (v) storage[hex_word(k)] = hex_word(v);
            acc["storage"] = std::move(storage);
        }
        out[to_hex(addr.view())] = std::move(acc);
    }
    return out;
}

std::string first_alloc_difference(const InMemoryState& actual, const Alloc& expected) {
    const auto& accounts = actual.accounts();
    auto a = accounts.begin();
    auto e = expected.begin();
    while (a != accounts.end() || e != expected.end()) {
        if (e == expected.end() || (a != accounts.end() && a->first < e->first))
            return to_hex(a->first.view()) + ": account exists, expected absent";
        if (a == accounts.end() || e->first < a->first)
            return to_hex(e->first.view()) + ": account absent, expected present";
        const std::string name = to_hex(a->first.view());
        const auto& got = a->second;
        const auto& want = e->second;
        if (got.info.nonce != want.nonce)
            return name + ": nonce " + std::to_string(got.info.nonce) + ", expected " +
                   std::to_string(want.nonce);
        if (got.info.balance != want.balance)
            return name + ": balance " + to_hex(got.info.balance) + ", expected " +
                   to_hex(want.balance);
        const bytes_view code = actual.code(got.info.code_hash);
        if (code != bytes_view(want.code))
            return name + ": code " + to_hex(code) + ", expected " + to_hex(want.code);
        // Both maps hold only non-zero values; walk them in key order.
        auto gs = got.storage.begin();
        auto ws = want.storage.begin();
        while (gs != got.storage.end() || ws != want.storage.end()) {
            uint256 key;
            uint256 gv;
            uint256 wv;
            if (ws == want.storage.end() || (gs != got.storage.end() && gs->first < ws->first)) {
                key = gs->first;
                gv = gs->second;
                ++gs;
            } else if (gs == got.storage.end() || ws->first < gs->first) {
                key = ws->first;
                wv = ws->second;
                ++ws;
            } else {
                key = gs->first;
                gv = gs->second;
                wv = ws->second;
                ++gs;
                ++ws;
            }
            if (gv != wv)
                return name + ": storage[" + to_hex(key) + "] = " + to_hex(gv) + ", expected " +
                       to_hex(wv);
        }
        ++a;
        ++e;
    }
    return {};
}

}  // namespace parevm
