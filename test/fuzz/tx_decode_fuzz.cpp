// SPDX-License-Identifier: Apache-2.0
// parevm fuzz target: transaction decoding (legacy RLP and EIP-2718 envelopes, types 1-4).
// Decoding never crashes; a decoded transaction re-encodes to exactly its input (decoding is
// strict), hashes, and recovers a sender or reports an invalid signature without crashing.

#include "fuzz_check.hpp"

#include <parevm/core/hex.hpp>
#include <parevm/execution/tx_codec.hpp>

#include <cstddef>
#include <cstdint>

using namespace parevm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const bytes_view in{data, size};
    TxDecodeResult r = decode_transaction(in);
    FUZZ_CHECK(r.tx.has_value() == r.error.empty(), "error set exactly when there is no tx");
    if (!r) return 0;
    Transaction& tx = *r.tx;
    const bytes again = encode_transaction(tx);
    FUZZ_CHECK(again == bytes{in}, "re-encoding differs: " + to_hex(in) + " -> " + to_hex(again));
    (void)tx_hash(tx);
    (void)signing_hash(tx);
    // Recovery under the oldest and the newest rules (EIP-2 and EIP-155 differ).
    for (const Revision rev : {Revision::frontier, Revision::osaka}) {
        Transaction copy = tx;
        if (recover_sender(copy, rev)) {
            // Recovery is deterministic.
            Transaction again_tx = tx;
            FUZZ_CHECK(recover_sender(again_tx, rev) && again_tx.sender == copy.sender,
                       "recovery is not deterministic");
        }
    }
    recover_authorities(tx);
    return 0;
}
