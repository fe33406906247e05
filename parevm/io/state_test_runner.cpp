// SPDX-License-Identifier: Apache-2.0
// parevm: the state-test runner: one single-transaction block per (test, fork, post index).
#include <parevm/core/hex.hpp>
#include <parevm/execution/receipt.hpp>
#include <parevm/execution/tx_codec.hpp>
#include <parevm/io/json_util.hpp>
#include <parevm/io/state_test_runner.hpp>
#include <parevm/state/mpt/state_root.hpp>

#include <algorithm>
#include <exception>
#include <span>

namespace parevm {

namespace {

struct CaseResult {
    bool ok = true;
    std::string message;  // first problem found
    std::string detail;   // first differing account or slot, when known
};

Block make_block(const StateTest& test,
                 std::string_view fork_name,
                 Revision revision,
                 const Transaction& tx) {
    Block block;
    block.revision = revision;
    block.chain_id = test.chain_id;
    block.blob_schedule = blob_schedule_for(test, fork_name, revision);
    block.env = test.env;
    // Paris (EIP-4399): DIFFICULTY became PREVRANDAO, fed from currentRandom.
    if (revision >= Revision::paris && test.random) block.env.prev_randao = *test.random;
    block.txs.push_back(tx);
    return block;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string join(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) {
        if (!s.empty()) s += '|';
        s += n;
    }
    return s;
}

CaseResult run_case(const StateTest& test,
                    const InMemoryState& pre,
                    std::string_view fork_name,
                    Revision revision,
                    const StateTestExpectation& expect,
                    unsigned threads) {
    CaseResult r;
    Transaction tx = test.tx.build(expect.indexes, test.chain_id);
    // EIP-7702: authorities are recovered by the codec rather than trusted from the fixture.
    if (!tx.authorizations.empty()) recover_authorities(tx);

    const Block block = make_block(test, fork_name, revision, tx);
    ExecutionOptions options;
    options.threads = threads;
    // A conformance run with threads != 1 checks the Block-STM path itself, which the
    // executor's policy would skip for a one-transaction block.
    options.force_parallel = threads != 1;
    options.skip_invalid_txs = true;
    options.block_reward = uint256{0};  // state tests never pay a block reward
    const BlockResult result = execute_block(block, pre, options);

    std::optional<TxError> error;
    if (result.invalid) error = result.invalid->error;
    if (!result.rejected.empty()) error = result.rejected.front().error;

    if (!expect.expected_exceptions.empty()) {
        if (!error) {
            r.ok = false;
            r.message = "transaction accepted, expected " + join(expect.expected_exceptions);
            return r;
        }
        if (!contains(expect.expected_exceptions, tx_error_name(*error))) {
            r.ok = false;
            r.message = "rejected with " + std::string(tx_error_name(*error)) + ", expected " +
                        join(expect.expected_exceptions);
            return r;
        }
    } else if (error) {
        r.ok = false;
        r.message = "transaction rejected: " + std::string(tx_error_name(*error));
        return r;
    }

    InMemoryState post = pre;
    post.apply(result.state_diff);
    const Hash256 root = state_root(post);
    if (root != expect.state_root) {
        r.ok = false;
        r.message =
            "state root " + to_hex(root.view()) + ", expected " + to_hex(expect.state_root.view());
        if (expect.expected_state) {
            r.detail = first_alloc_difference(post, *expect.expected_state);
            if (r.detail.empty()) r.detail = "post state equals the expected alloc";
        }
        return r;
    }

    const std::span<const Log> logs = result.receipts.empty()
                                          ? std::span<const Log>{}
                                          : std::span<const Log>(result.receipts.front().logs);
    const Hash256 lh = logs_hash(logs);
    if (lh != expect.logs_hash) {
        r.ok = false;
        r.message = "logs hash " + to_hex(lh.view()) + ", expected " +
                    to_hex(expect.logs_hash.view()) + " (" + std::to_string(logs.size()) + " logs)";
    }
    return r;
}

}  // namespace

void StateTestSummary::print(std::ostream& out) const {
    if (!skip_reasons.empty()) {
        out << "skipped:\n";
        for (const auto& [reason, n] : skip_reasons) out << "  " << n << " x " << reason << "\n";
    }
    out << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
}

void run_state_test(const StateTest& test,
                    std::string_view file,
                    const StateTestOptions& options,
                    StateTestSummary& summary,
                    std::ostream& out) {
    if (options.run && !std::regex_search(test.name, *options.run)) return;

    std::optional<InMemoryState> pre;  // built on the first case that runs
    for (const auto& fork : test.post) {
        const auto revision = parse_revision(fork.name);
        if (options.fork && revision != options.fork) continue;
        if (!revision) {
            summary.skipped += fork.expectations.size();
            summary.skip_reasons["unknown fork " + fork.name] += fork.expectations.size();
            continue;
        }
        for (size_t i = 0; i < fork.expectations.size(); ++i) {
            const auto& expect = fork.expectations[i];
            const auto& idx = expect.indexes;
            auto where = [&] {
                return std::string(file) + ": " + test.name + " [" + fork.name + " #" +
                       std::to_string(i) + " d=" + std::to_string(idx.data) +
                       " g=" + std::to_string(idx.gas) + " v=" + std::to_string(idx.value) + "]";
            };
            CaseResult r;
            try {
                if (!pre) {
                    pre = make_state(test.pre);
                    if (test.previous_hash && test.env.number > 0)
                        pre->set_block_hash(test.env.number - 1, *test.previous_hash);
                }
                r = run_case(test, *pre, fork.name, *revision, expect, options.threads);
            } catch (const std::exception& e) {
                r.ok = false;
                r.message = std::string("error: ") + e.what();
            }
            if (r.ok) {
                ++summary.passed;
                if (options.verbose) out << "PASS " << where() << "\n";
            } else {
                ++summary.failed;
                out << "FAIL " << where() << ": " << r.message << "\n";
                if (!r.detail.empty()) out << "     first difference: " << r.detail << "\n";
            }
        }
    }
}

std::optional<nlohmann::json> read_test_file(const std::filesystem::path& file,
                                             StateTestSummary& summary,
                                             std::ostream& err) {
    try {
        nlohmann::json doc = read_json_file(file);
        if (!doc.is_object()) throw InputError(file.string() + ": expected a JSON object of tests");
        return doc;
    } catch (const InputError& e) {
        ++summary.failed;
        err << "error: " << e.what() << "\n";
        return std::nullopt;
    }
}

void run_state_test_file(const std::filesystem::path& file,
                         const StateTestOptions& options,
                         StateTestSummary& summary,
                         std::ostream& out,
                         std::ostream& err) {
    const std::optional<nlohmann::json> loaded = read_test_file(file, summary, err);
    if (!loaded) return;
    const nlohmann::json& doc = *loaded;
    for (const auto& [name, j] : doc.items()) {
        if (options.run && !std::regex_search(name, *options.run)) continue;
        if (const std::string format = non_state_test_format(j); !format.empty()) {
            ++summary.skipped;
            ++summary.skip_reasons["not a state test (" + format + ")"];
            continue;
        }
        StateTest test;
        try {
            test = parse_state_test(name, j);
        } catch (const InputError& e) {
            // One malformed test does not hide the others of the file.
            ++summary.failed;
            err << "error: " << file.string() << ": " << e.what() << "\n";
            continue;
        }
        run_state_test(test, file.string(), options, summary, out);
    }
}

}  // namespace parevm
