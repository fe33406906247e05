// SPDX-License-Identifier: Apache-2.0
// parevm t8n: geth-compatible state transition tool (file/stdin input, file/stdout output).
#include "commands.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/t8n.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>

namespace parevm::cli {

namespace {

struct T8nArgs {
    std::string input_alloc = "alloc.json";
    std::string input_env = "env.json";
    std::string input_txs = "txs.json";
    std::string fork = "GrayGlacier";
    uint64_t chain_id = 1;
    int64_t reward = 0;
    std::string output_basedir;
    std::string output_result = "result.json";
    std::string output_alloc = "alloc.json";
    std::string output_body;
    unsigned threads = 1;
};

std::string read_text(const std::string& name, std::istream& in) {
    std::ostringstream buf;
    buf << in.rdbuf();
    if (in.bad()) throw T8nError(t8n_exit::io_error, name + ": read error");
    return buf.str();
}

std::string read_file_text(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw T8nError(t8n_exit::io_error, path + ": no such file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw T8nError(t8n_exit::io_error, path + ": cannot open file");
    return read_text(path, in);
}

nlohmann::json parse(std::string_view text, const std::string& what) {
    try {
        return parse_json_text(text, what);
    } catch (const InputError& e) {
        throw T8nError(t8n_exit::json_error, e.what());
    }
}

/// geth's RLP transactions input: a JSON string holding the hex of the RLP list.
bytes read_rlp_hex(const nlohmann::json& j, const std::string& what) {
    if (!j.is_string()) throw T8nError(t8n_exit::json_error, what + ": expected a hex string");
    auto b = from_hex(j.get_ref<const std::string&>());
    if (!b) throw T8nError(t8n_exit::json_error, what + ": invalid hex");
    return std::move(*b);
}

T8nInput read_input(const T8nArgs& args) {
    T8nInput input;
    const bool any_stdin =
        args.input_alloc == "stdin" || args.input_env == "stdin" || args.input_txs == "stdin";
    nlohmann::json combined;
    if (any_stdin) {
        // As geth: all stdin inputs come in one object {"alloc": .., "env": .., "txs": ..}.
        combined = parse(read_text("stdin", std::cin), "stdin");
        if (!combined.is_object())
            throw T8nError(t8n_exit::json_error, "stdin: expected a JSON object");
    }
    auto from_stdin = [&](const char* key) {
        const auto it = combined.find(key);
        if (it == combined.end())
            throw T8nError(t8n_exit::json_error, std::string("stdin: missing field ") + key);
        return *it;
    };

    input.alloc = args.input_alloc == "stdin"
                      ? from_stdin("alloc")
                      : parse(read_file_text(args.input_alloc), args.input_alloc);
    input.env = args.input_env == "stdin" ? from_stdin("env")
                                          : parse(read_file_text(args.input_env), args.input_env);
    if (args.input_txs == "stdin") {
        if (combined.contains("txsRlp"))
            input.txs_rlp = read_rlp_hex(combined["txsRlp"], "stdin.txsRlp");
        else
            input.txs = from_stdin("txs");
    } else {
        const std::string text = read_file_text(args.input_txs);
        const nlohmann::json j = parse(text, args.input_txs);
        if (std::filesystem::path(args.input_txs).extension() == ".rlp")
            input.txs_rlp = read_rlp_hex(j, args.input_txs);
        else
            input.txs = j;
    }
    return input;
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw T8nError(t8n_exit::io_error, path.string() + ": cannot write file");
    out << text;
    out.close();
    if (!out) throw T8nError(t8n_exit::io_error, path.string() + ": write error");
}

int run_t8n_command(const T8nArgs& args) {
    try {
        const T8nInput input = read_input(args);
        T8nConfig config;
        config.fork = args.fork;
        config.chain_id = uint256{args.chain_id};
        config.reward = args.reward;
        config.threads = args.threads;
        const T8nOutput output = run_t8n(input, config);

        nlohmann::json to_stdout = nlohmann::json::object();
        nlohmann::json to_stderr = nlohmann::json::object();
        const std::filesystem::path basedir = args.output_basedir;
        if (!basedir.empty()) {
            std::error_code ec;
            std::filesystem::create_directories(basedir, ec);
            if (ec)
                throw T8nError(t8n_exit::io_error,
                               basedir.string() + ": cannot create directory: " + ec.message());
        }
        auto emit = [&](const std::string& dest, const char* key, const nlohmann::json& value) {
            if (dest.empty()) return;
            if (dest == "stdout")
                to_stdout[key] = value;
            else if (dest == "stderr")
                to_stderr[key] = value;
            else
                write_file(basedir / dest, value.dump(2) + "\n");
        };
        emit(args.output_alloc, "alloc", output.alloc);
        emit(args.output_result, "result", output.result);
        emit(args.output_body, "body", to_hex(output.body));
        if (!to_stdout.empty()) std::cout << to_stdout.dump(2) << "\n";
        if (!to_stderr.empty()) std::cerr << to_stderr.dump(2) << "\n";
        return t8n_exit::ok;
    } catch (const T8nError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return e.exit_code();
    } catch (const InputError& e) {
        std::cerr << "error: " << e.what() << "\n";
        return t8n_exit::json_error;
    }
}

}  // namespace

void add_t8n(CLI::App& app, CommandBody& body) {
    auto args = std::make_shared<T8nArgs>();
    auto* cmd = app.add_subcommand("t8n", "State transition tool (geth evm t8n compatible)");
    cmd->add_option("--input.alloc", args->input_alloc, "Pre-state alloc file, or stdin")
        ->capture_default_str();
    cmd->add_option("--input.env", args->input_env, "Block env file, or stdin")
        ->capture_default_str();
    cmd->add_option("--input.txs", args->input_txs,
                    "Transactions: JSON array file, .rlp file (hex string), or stdin")
        ->capture_default_str();
    cmd->add_option("--state.fork", args->fork, "Fork name")->capture_default_str();
    cmd->add_option("--state.chainid", args->chain_id, "Chain id")->capture_default_str();
    cmd->add_option("--state.reward", args->reward, "Block reward in wei; -1 disables it")
        ->capture_default_str();
    cmd->add_option("--output.basedir", args->output_basedir, "Directory for the output files");
    cmd->add_option("--output.result", args->output_result, "Result file, stdout or stderr")
        ->capture_default_str();
    cmd->add_option("--output.alloc", args->output_alloc, "Post-state alloc file, stdout or stderr")
        ->capture_default_str();
    cmd->add_option("--output.body", args->output_body,
                    "RLP of the transactions (hex JSON string) file, stdout or stderr");
    cmd->add_option("--threads", args->threads, "Executor threads (1: sequential, 0: all cores)")
        ->capture_default_str();
    cmd->callback([args, &body] { body = [args] { return run_t8n_command(*args); }; });
}

}  // namespace parevm::cli
