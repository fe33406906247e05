// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: the state-test JSON format through the io loader and the runner. Malformed
// input must surface as InputError (any other exception escapes and is a finding); a test that
// loads runs without crashing when its gas is small enough to keep an execution short.

#include "fuzz_check.hpp"

#include <parevm/io/json_util.hpp>
#include <parevm/io/state_test.hpp>
#include <parevm/io/state_test_runner.hpp>

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string_view>

using namespace parevm;

namespace {

/// An execution is bounded by the transaction's gas; larger limits only slow the fuzzer down.
constexpr uint64_t max_run_gas = 4'000'000;

bool small_enough(const StateTest& t) {
    for (const uint64_t g : t.tx.gas_limits)
        if (g > max_run_gas) return false;
    size_t cases = 0;
    for (const auto& fork : t.post) cases += fork.expectations.size();
    return cases <= 16;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    std::vector<StateTest> tests;
    try {
        tests = parse_state_tests(parse_json_text(text, "fuzz input"));
    } catch (const InputError&) {
        return 0;  // rejected with a message: the expected outcome for malformed input
    }
    for (const StateTest& t : tests) {
        if (!small_enough(t)) continue;
        StateTestSummary summary;
        std::ostringstream out;
        try {
            run_state_test(t, "fuzz input", StateTestOptions{}, summary, out);
        } catch (const InputError&) {
            // e.g. a post index outside the transaction's arrays
        }
    }
    return 0;
}
