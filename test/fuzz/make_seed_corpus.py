#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# parevm: writes the seed corpora under test/fuzz/corpus/<target>/ (run once; the output is
# committed). Inputs: a few small fixtures from $PAREVM_FIXTURES (transactions, state tests,
# mainnet blocks), the t8n example, and hand-made inputs for the other targets. Usage:
#   test/fuzz/make_seed_corpus.py [FIXTURES_DIR]
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = (sys.argv[1] if len(sys.argv) > 1 else
            os.environ.get("PAREVM_FIXTURES", os.path.join(ROOT, "..", "shared", "fixtures")))
CORPUS = os.path.join(ROOT, "test", "fuzz", "corpus")


def put(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def rlp(x):
    if isinstance(x, list):
        p = b"".join(rlp(i) for i in x)
        return length_prefix(len(p), 0xC0) + p
    if len(x) == 1 and x[0] < 0x80:
        return x
    return length_prefix(len(x), 0x80) + x


def length_prefix(n, base):
    if n < 56:
        return bytes([base + n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([base + 55 + len(b)]) + b


# --- transactions: txbytes of real state-test post entries, one per type ---
tx_sources = {
    "legacy": "static/state_tests/stExample/add11.json",
    "access_list": "berlin/eip2930_access_list/test_repeated_address_acl.json",
    "dynamic_fee": "london/eip1559_fee_market_change/*.json",
    "blob": "cancun/eip4844_blobs/test_blob_tx_attribute_opcodes.json",
    "set_code": "prague/eip7702_set_code_tx/test_pointer_to_static.json",
}
txs = []
for name, pattern in tx_sources.items():
    files = sorted(glob.glob(os.path.join(FIXTURES, "eest", "state_tests", pattern)))
    for f in files[:1]:
        doc = json.load(open(f))
        for test in doc.values():
            for entries in test["post"].values():
                for e in entries:
                    if "txbytes" in e:
                        raw = bytes.fromhex(e["txbytes"][2:])
                        put("tx_decode", name, raw)
                        txs.append(raw)
                        break
                break
            break
print("tx seeds:", len(txs))

# --- RLP: small shapes plus the real transactions ---
rlp_seeds = {
    "empty_string": rlp(b""), "byte": b"\x01", "short": rlp(b"dog"),
    "long": rlp(b"x" * 60), "list": rlp([b"cat", b"dog"]), "nested": rlp([[], [[]], [[], [[]]]]),
    "int": rlp(b"\x04\x00"), "empty_list": rlp([]), "long_list": rlp([b"y" * 30, b"z" * 30]),
}
for k, v in rlp_seeds.items():
    put("rlp_decode", k, v)
for i, t in enumerate(txs):
    put("rlp_decode", "tx%d" % i, t if t[0] >= 0xC0 else t[1:])

# --- state tests: a few of the smallest files ---
small = sorted(glob.glob(os.path.join(FIXTURES, "eest", "state_tests", "**", "*.json"),
                         recursive=True), key=os.path.getsize)
for f in small[:4]:
    put("statetest_json", os.path.basename(f), open(f, "rb").read())
print("state test seeds:", [os.path.basename(f) for f in small[:4]])

# --- t8n: the built-in example (Cancun = fork index 11), JSON txs ---
t8n = os.path.join(ROOT, "test", "t8n")
parts = [open(os.path.join(t8n, n), "rb").read() for n in ("alloc.json", "env.json", "txs.json")]
put("t8n_json", "example_cancun", bytes([11]) + b"\0".join(parts))
put("t8n_json", "example_london_no_reward", bytes([8 | 0x10]) + b"\0".join(parts))
# the same alloc/env with the transactions as an RLP list of encodings
put("t8n_json", "example_rlp_txs", bytes([12]) + parts[0] + b"\0" + parts[1] + b"\0" +
    rlp([t if t[0] >= 0xC0 else t for t in txs[:3]]))

# --- mainnet blocks: the small ones without contract code (no bytecodes in the harness) ---
blocks = os.path.join(FIXTURES, "mainnet", "data", "ethereum", "blocks")
for n in ("46147", "2688148", "19910734"):
    b = open(os.path.join(blocks, n, "block.json"), "rb").read()
    p = open(os.path.join(blocks, n, "pre_state.json"), "rb").read()
    put("mainnet_block_json", "block_" + n, b + b"\0" + p)

# --- interpreter: [revision][flags][gas 3][calldata len][calldata][code] ---
def interp(rev, flags, gas, calldata, code):
    return bytes([rev, flags]) + gas.to_bytes(3, "big") + bytes([len(calldata)]) + calldata + code

OSAKA, LONDON, FRONTIER = 14, 9, 0
programs = {
    # PUSH1 2 PUSH1 3 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
    "add_return": bytes.fromhex("600260030160005260206000f3"),
    # loop: JUMPDEST PUSH1 0 JUMP
    "loop": bytes.fromhex("5b600056"),
    # SSTORE(1, CALLDATALOAD(0)), LOG1, TSTORE, SLOAD
    "storage_logs": bytes.fromhex("6000356001556001600052600160206000a1600260035d60015450"),
    # CALL(gas, 0xee, 0, 0, 0, 0, 0) then RETURNDATACOPY beyond the end
    "call_returndata": bytes.fromhex("6000600060006000600060ee5af1506020600060003e"),
    # CREATE2 of 1 byte, STATICCALL, DELEGATECALL
    "create_calls": bytes.fromhex("60ff6000536000600160006000f5506000600060006000600060ee5afa50"
                                  "6000600060006000600060ee5af450"),
    # MCOPY, CLZ, EXP, SIGNEXTEND, SAR, KECCAK256
    "misc_ops": bytes.fromhex("6020600060105e60ff1e600360020a600160ff0b600160ff1d60206000205000"),
    # SELFDESTRUCT to caller
    "selfdestruct": bytes.fromhex("33ff"),
    "revert": bytes.fromhex("60006000fd"),
    "invalid": bytes.fromhex("fe"),
    "stack_underflow": bytes.fromhex("01"),
    "bad_jump": bytes.fromhex("600356"),
}
for i, (k, code) in enumerate(programs.items()):
    put("interpreter", k, interp(OSAKA, 0, 100000, b"\x00" * 31 + b"\x07", code))
put("interpreter", "static_storage", interp(OSAKA, 1, 100000, b"", programs["storage_logs"]))
put("interpreter", "frontier_create", interp(FRONTIER, 4, 100000, b"", programs["create_calls"]))
put("interpreter", "london_depth_limit",
    interp(LONDON, 2, 100000, b"", programs["call_returndata"]))

# --- uint256: three 32-byte words ---
def w(x):
    return (x % 2**256).to_bytes(32, "big")
u = {
    "zeros": w(0) * 3, "max": w(-1) * 3, "min_neg": w(2**255) + w(-1) + w(7),
    "mixed": w(0x123456789abcdef0fedcba9876543210 << 64) + w(3**100) + w(2**128 + 1),
    "small": w(10) + w(3) + w(4), "shift_big": w(-5) + w(255) + w(256),
}
for k, v in u.items():
    put("uint256", k, v)

# --- precompiles: [address index][revision][gas 3][input] ---
def pc(index, data, gas=0x0FFFFF, big=False):
    return bytes([index | (0x80 if big else 0), OSAKA]) + gas.to_bytes(3, "big") + data

H = bytes.fromhex
ecrec = H("38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
          "000000000000000000000000000000000000000000000000000000000000001b"
          "38d18acb67d25c8bb9942764b62f18e17054f66a817bd4295423adf9ed98873e"
          "789d1dd423d25f0772d2748d60f7e4b81bb14d086eba8e8e8efb6dcff8a4ae02")
bn_g1 = w(1) + w(2)
bn_g2 = H("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
          "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
          "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
          "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa")
# BLAKE2b compression of "abc" (EIP-152 vector 5 layout): rounds, h, m, t, f
iv = [0x6A09E667F3BCC908, 0xBB67AE8584CAA73B, 0x3C6EF372FE94F82B, 0xA54FF53A5F1D36F1,
      0x510E527FADE682D1, 0x9B05688C2B3E6C1F, 0x1F83D9ABFB41BD6B, 0x5BE0CD19137E2179]
h = [iv[0] ^ 0x01010040] + iv[1:]
blake = ((12).to_bytes(4, "big") + b"".join(x.to_bytes(8, "little") for x in h) +
         b"abc".ljust(128, b"\0") + (3).to_bytes(16, "little") + b"\x01")
def fp(h48):
    return b"\0" * 16 + H(h48)
bls_g1 = (fp("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83f"
             "f97a1aeffb3af00adb22c6bb") +
          fp("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744"
             "a2888ae40caa232946c5e7e1"))
bls_g2 = (fp("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac03"
             "26a805bbefd48056c8c121bdb8") +
          fp("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf1"
             "1213945d57e5ac7d055d042b7e") +
          fp("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc"
             "3baca289e193548608b82801") +
          fp("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d27"
             "5cec1da1aaa9075ff05f79be"))
kzg = H("018156b94fe9735e573bab36dad05d60feb720d424ccd20aaf719343c31e4246"
        "019123bcb9d06356701f7be08b4494625b87a7b02edc566126fb81f6306e915f"
        "6c2eb1e94c2532935b8465351ba1bd88eabe2b3fa1aadff7d1cd816e8315bd38"
        "a9546d41993e10df2a7429b8490394ea9ee62807bae6f326d1044a51581306f5"
        "8d4b9dfd5931e044688855280ff3799e"
        "a2ea83d9391e0ee42e0c650acc7a1f842a7d385189485ddb4fd54ade3d9fd50d"
        "608167dca6c776aad4b8ad5c20691bfe")
p256 = H("bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
         "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
         "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
         "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
         "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e")
pre = {
    "01_ecrecover": pc(0, ecrec), "02_sha256": pc(1, b"abc"), "03_ripemd160": pc(2, b"abc"),
    "04_identity": pc(3, b"hello"),
    "05_modexp": pc(4, w(1) + w(1) + w(1) + b"\x03\x05\x07"),
    "06_bn254_add": pc(5, bn_g1 + bn_g1), "07_bn254_mul": pc(6, bn_g1 + w(5)),
    "08_bn254_pairing": pc(7, bn_g1 + bn_g2, big=True), "09_blake2f": pc(8, blake),
    "0a_point_evaluation": pc(9, kzg), "0b_bls_g1add": pc(10, bls_g1 + bls_g1),
    "0c_bls_g1msm": pc(11, bls_g1 + w(3)), "0d_bls_g2add": pc(12, bls_g2 + bls_g2),
    "0e_bls_g2msm": pc(13, bls_g2 + w(3)), "0f_bls_pairing": pc(14, bls_g1 + bls_g2, big=True),
    "10_bls_map_fp_to_g1": pc(15, fp("00" * 47 + "05")),
    "11_bls_map_fp2_to_g2": pc(16, fp("00" * 47 + "05") + fp("00" * 47 + "07")),
    "100_p256verify": pc(17, p256), "not_a_precompile": pc(19, b"\x01"),
}
for k, v in pre.items():
    put("precompiles", k, v)

# --- parallel: byte strings that the target turns into blocks ---
for i in range(6):
    seed = hashlib.sha256(b"parevm parallel seed %d" % i).digest()
    put("parallel", "block%d" % i, seed * (i + 1))
put("parallel", "all_kinds",
    bytes([0x82, 4, 3]) + b"".join(bytes([k | (k << 4), k * 37 % 256, 1, 2]) for k in range(11)))
print("done:", CORPUS)
