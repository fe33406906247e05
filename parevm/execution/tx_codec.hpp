// SPDX-License-Identifier: Apache-2.0
// parevm: transaction encoding (EIP-2718 envelopes), signing hashes, strict decoding, recovery.
#pragma once

#include <parevm/core/bytes.hpp>
#include <parevm/core/uint256.hpp>
#include <parevm/evm/revision.hpp>
#include <parevm/execution/transaction.hpp>

#include <optional>
#include <string>

namespace parevm {

/// The canonical (network) encoding: the RLP list for legacy transactions, `type || rlp(payload)`
/// for typed ones (EIP-2718). This is what the transactions trie stores and what tx_hash hashes.
bytes encode_transaction(const Transaction& tx);

/// The hash the sender signs. Legacy: keccak(rlp([nonce, gasPrice, gas, to, value, data])), plus
/// [chainId, 0, 0] when chain_id is set (EIP-155); typed: keccak(type || rlp(payload without the
/// signature)).
Hash256 signing_hash(const Transaction& tx);

/// The transaction hash: keccak256 of the canonical encoding.
Hash256 tx_hash(const Transaction& tx);

/// Either a decoded transaction or why the input is not one. Decoding is strict so that
/// malformed network or fixture bytes are rejected rather than silently normalised.
struct TxDecodeResult {
    std::optional<Transaction> tx;
    std::string error;  // set exactly when `tx` is empty

    explicit operator bool() const noexcept { return tx.has_value(); }
};

/// Decodes a legacy RLP list or a typed envelope (types 1-4). Rejects non-canonical RLP, wrong
/// field counts, trailing bytes, unknown types, addresses that are not 20 bytes, integers with
/// leading zeros or out of range (nonce, gas and authorization nonces are 64-bit), and blob
/// transactions without a recipient. For legacy transactions chain_id is derived from v when
/// v >= 35 (EIP-155: v = 35/36 + 2 * chainId). The sender is NOT recovered here.
TxDecodeResult decode_transaction(bytes_view encoded);

/// Recovers and stores tx.sender. Returns false for an invalid signature: r or s zero or not below
/// the curve order, s above n/2 from Homestead on (EIP-2), a legacy v that is neither 27/28 nor
/// 35/36 + 2 * chain_id (the latter only from Spurious Dragon, EIP-155), a typed y_parity above 1,
/// or a failed recovery. Whether chain_id matches the block's is a separate validation step.
bool recover_sender(Transaction& tx, Revision revision);

/// EIP-7702: the hash an authority signs, keccak(0x05 || rlp([chain_id, address, nonce])).
Hash256 authorization_signing_hash(const Authorization& auth);

/// EIP-7702: fills `signer` of every authorization; nullopt when y_parity > 1, s > n/2, r or s is
/// out of range, or recovery fails (such a tuple is skipped at execution, the tx stays valid).
void recover_authorities(Transaction& tx);

/// Signs `tx` with `secret` (t8n and tests): sets v/r/s (legacy v per EIP-155 when chain_id is
/// set, else 27/28; typed: y_parity) and sender. Aborts on an invalid secret key.
Transaction sign_transaction(Transaction tx, const Hash256& secret);

}  // namespace parevm
