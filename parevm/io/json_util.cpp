// SPDX-License-Identifier: Apache-2.0
// parevm: strict JSON field readers (hex quantities, data, addresses, hashes) for the io layer.
#include <parevm/core/hex.hpp>
#include <parevm/io/json_util.hpp>

#include <fstream>
#include <limits>
#include <sstream>

namespace parevm {

namespace {

[[noreturn]] void fail(std::string_view path, std::string_view what) {
    std::string msg;
    if (!path.empty()) {
        msg.append(path);
        msg += ": ";
    }
    msg.append(what);
    throw InputError(msg);
}

/// The value as it appears in the document, shortened for messages.
std::string shown(const nlohmann::json& j) {
    std::string s = j.dump();
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

bool is_hex_digit(char c) noexcept {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

std::string json_path(std::string_view parent, std::string_view key) {
    std::string p(parent);
    if (!p.empty()) p += '.';
    p.append(key);
    return p;
}

std::string json_path(std::string_view parent, size_t index) {
    std::string p(parent);
    p += '[';
    p += std::to_string(index);
    p += ']';
    return p;
}

const nlohmann::json& json_field(const nlohmann::json& obj,
                                 std::string_view key,
                                 std::string_view path) {
    if (!obj.is_object()) fail(path, "expected a JSON object, got " + shown(obj));
    const auto it = obj.find(key);
    if (it == obj.end()) fail(json_path(path, key), "missing field");
    return *it;
}

const nlohmann::json* json_optional_field(const nlohmann::json& obj,
                                          std::string_view key,
                                          std::string_view path) {
    if (!obj.is_object()) fail(path, "expected a JSON object, got " + shown(obj));
    const auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
}

const std::string& read_string(const nlohmann::json& j, std::string_view path) {
    if (!j.is_string()) fail(path, "expected a string, got " + shown(j));
    return j.get_ref<const std::string&>();
}

uint256 read_uint256(const nlohmann::json& j, std::string_view path, bool allow_decimal) {
    if (allow_decimal && j.is_number_unsigned()) return uint256{j.get<uint64_t>()};
    if (!j.is_string()) fail(path, "expected a hex quantity string, got " + shown(j));
    const auto& s = j.get_ref<const std::string&>();
    const bool hex = s.size() >= 2 && s[0] == '0' && s[1] == 'x';
    bool well_formed = false;
    if (hex) {
        const std::string_view digits = std::string_view(s).substr(2);
        well_formed = !digits.empty() && digits.size() <= 64;
        for (char c : digits) well_formed = well_formed && is_hex_digit(c);
    } else if (allow_decimal) {
        well_formed = !s.empty() && s.size() <= 78;
        for (char c : s) well_formed = well_formed && c >= '0' && c <= '9';
    }
    if (!well_formed) fail(path, "invalid hex quantity " + shown(j));
    const auto v = parse_uint256(s);
    if (!v) fail(path, "invalid hex quantity " + shown(j));  // decimal above 2^256-1
    return *v;
}

uint64_t read_uint64(const nlohmann::json& j, std::string_view path, bool allow_decimal) {
    const uint256 v = read_uint256(j, path, allow_decimal);
    if (!v.fits_u64()) fail(path, "value " + shown(j) + " exceeds 64 bits");
    return v.low64();
}

int64_t read_int64(const nlohmann::json& j, std::string_view path, bool allow_decimal) {
    const uint64_t v = read_uint64(j, path, allow_decimal);
    if (v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        fail(path, "value " + shown(j) + " exceeds 2^63-1");
    return static_cast<int64_t>(v);
}

bytes read_bytes(const nlohmann::json& j, std::string_view path) {
    if (!j.is_string()) fail(path, "expected a hex data string, got " + shown(j));
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() < 2 || s[0] != '0' || s[1] != 'x') fail(path, "invalid hex data " + shown(j));
    auto b = from_hex(s);
    if (!b) fail(path, "invalid hex data " + shown(j));
    return std::move(*b);
}

Address read_address(const nlohmann::json& j, std::string_view path) {
    const bytes b = read_bytes(j, path);
    if (b.size() != Address::size)
        fail(path,
             "expected a 20-byte address, got " + std::to_string(b.size()) + " bytes " + shown(j));
    return Address(b);
}

Hash256 read_hash(const nlohmann::json& j, std::string_view path) {
    const bytes b = read_bytes(j, path);
    if (b.size() != Hash256::size)
        fail(path,
             "expected a 32-byte hash, got " + std::to_string(b.size()) + " bytes " + shown(j));
    return Hash256(b);
}

nlohmann::json parse_json_text(std::string_view text, std::string_view what) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        std::ostringstream msg;
        msg << what << ": malformed JSON at byte " << e.byte;
        // nlohmann's message ends with the lexer's view of the problem; keep that part.
        const std::string_view full = e.what();
        if (const auto pos = full.find("parse error"); pos != std::string_view::npos)
            msg << " (" << full.substr(pos) << ")";
        throw InputError(msg.str());
    } catch (const nlohmann::json::exception& e) {
        // Other parser failures, e.g. out_of_range 406 for a number beyond double ("1e999").
        throw InputError(std::string{what} + ": malformed JSON (" + e.what() + ")");
    }
}

nlohmann::json read_json_file(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) throw InputError(file.string() + ": no such file");
    if (std::filesystem::is_directory(file, ec))
        throw InputError(file.string() + ": is a directory, expected a JSON file");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file.string() + ": cannot open file");
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw InputError(file.string() + ": read error");
    return parse_json_text(buf.str(), file.string());
}

std::string hex_word(const uint256& x) {
    return to_hex(be_store(x).view());
}

}  // namespace parevm
