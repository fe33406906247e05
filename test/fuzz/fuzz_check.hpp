// SPDX-License-Identifier: Apache-2.0
// parevm: helpers shared by the libFuzzer targets: a property check that aborts with a message.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace parevm::fuzz {

/// A violated property is a finding: print what and where, then abort so libFuzzer saves the
/// input as a crash artifact (a plain return would hide it).
[[noreturn]] inline void fail(const char* file, int line, const std::string& what) {
    std::fprintf(stderr, "%s:%d: fuzz property violated: %s\n", file, line, what.c_str());
    std::abort();
}

}  // namespace parevm::fuzz

/// Checks a property of the code under test; `msg` (a std::string expression) says what broke.
#define FUZZ_CHECK(cond, msg)                                       \
    do {                                                            \
        if (!(cond)) ::parevm::fuzz::fail(__FILE__, __LINE__, msg); \
    } while (0)
