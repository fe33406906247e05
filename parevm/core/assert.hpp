// SPDX-License-Identifier: Apache-2.0
// parevm: always-on invariant checks.
#pragma once

#include <cstdio>
#include <cstdlib>

/// Checks an invariant in every build type (Release included). A broken invariant means the
/// engine can no longer guarantee a correct result, so it stops with file, line and condition.
#define PAREVM_ASSERT(cond)                                                                     \
    do {                                                                                        \
        if (!(cond)) [[unlikely]] {                                                             \
            std::fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                       \
        }                                                                                       \
    } while (0)
