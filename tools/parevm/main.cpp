// SPDX-License-Identifier: Apache-2.0
// parevm command-line interface: dispatches to one subcommand per file.
#include <cstdio>

int main() {
    std::fputs("parevm: no subcommands yet\n", stderr);
    return 2;
}
