// SPDX-License-Identifier: Apache-2.0
// parevm: the interpreter loop: per-block gas and stack checks, threaded dispatch.
#include <parevm/evm/interpreter.hpp>

#include <parevm/core/assert.hpp>
#include <parevm/crypto/keccak.hpp>
#include <parevm/evm/code_analysis.hpp>
#include <parevm/evm/instruction_traits.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

// GCC merges the per-instruction indirect jumps of the dispatch table into a few shared ones
// unless told not to; clang keeps them apart by itself and has no such attribute.
#if defined(__clang__)
#define PAREVM_DISPATCH_OPTIMIZE
#else
#define PAREVM_DISPATCH_OPTIMIZE [[gnu::optimize("no-gcse", "no-crossjumping")]]
#endif

namespace parevm {
namespace {

/// Memory offsets and sizes at or above this are out of gas: expanding to 2^32 bytes would cost
/// about 2^45 gas (YP eq. 326), so no gas limit can pay for it, and all further arithmetic
/// stays far from int64 overflow.
constexpr uint64_t max_memory_size = 0xffffffff;

constexpr int64_t num_words(uint64_t size) noexcept {
    return static_cast<int64_t>((size + 31) / 32);
}

/// YP eq. 326: C_mem(a) = G_memory * a + a^2 / 512 with a in words, G_memory = 3.
constexpr int64_t memory_cost(int64_t words) noexcept {
    return 3 * words + words * words / 512;
}

// EIP-2929 surcharges on top of the warm cost in the static table.
constexpr int64_t cold_account_surcharge = 2600 - 100;
constexpr int64_t cold_sload_surcharge = 2100 - 100;
constexpr int64_t cold_sstore_surcharge = 2100;        // SSTORE has no warm base cost
constexpr int64_t cold_selfdestruct_surcharge = 2600;  // SELFDESTRUCT: no warm cost
constexpr int64_t call_value_cost = 9000;              // YP G_callvalue
constexpr int64_t call_stipend = 2300;                 // YP G_callstipend
constexpr int64_t new_account_cost = 25000;            // YP G_newaccount
constexpr int64_t selfdestruct_refund = 24000;         // YP R_selfdestruct (pre EIP-3529)
constexpr int64_t warm_access_cost = 100;              // EIP-2929
constexpr int64_t cold_access_cost = 2600;             // EIP-2929
constexpr size_t max_initcode_size = 2 * 24576;        // EIP-3860
constexpr int32_t call_depth_limit = 1024;

inline uint64_t load_be64(const uint8_t* p) noexcept {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

inline void store_be64(uint8_t* p, uint64_t v) noexcept {
    v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

/// Reads 32 big-endian bytes.
inline uint256 load_word(const uint8_t* p) noexcept {
    return {load_be64(p + 24), load_be64(p + 16), load_be64(p + 8), load_be64(p)};
}

inline void store_word(uint8_t* p, const uint256& x) noexcept {
    store_be64(p, x.w[3]);
    store_be64(p + 8, x.w[2]);
    store_be64(p + 16, x.w[1]);
    store_be64(p + 24, x.w[0]);
}

/// PUSHn immediate: writes n big-endian bytes as a word to `dst`, limb by limb. Building the
/// word in a temporary first makes the compiler mix narrow stores with wide loads of the same
/// bytes, which stalls store forwarding on the hottest instruction.
template <size_t N>
inline void push_immediate(uint256* dst, const uint8_t* p) noexcept {
    const uint8_t* end = p + N;
    constexpr size_t full = N / 8;
    for (size_t i = 0; i < full; ++i) dst->w[i] = load_be64(end - 8 * (i + 1));
    if constexpr (N % 8 != 0) {
        uint64_t v = 0;
        for (size_t j = 0; j < N % 8; ++j) v = (v << 8) | p[j];
        dst->w[full] = v;
    }
    for (size_t i = (N + 7) / 8; i < 4; ++i) dst->w[i] = 0;
}

/// DUP and SWAP move words as four 64-bit limbs: the words were mostly just written limb by
/// limb (arithmetic results, PUSH), and 16-byte loads of 8-byte stores miss store forwarding.
/// The empty asm pins the limbs to general registers so the vectorizer cannot merge the loads.
inline void copy_word(uint256* dst, const uint256* src) noexcept {
    uint64_t w0 = src->w[0], w1 = src->w[1], w2 = src->w[2], w3 = src->w[3];
    asm("" : "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    dst->w[0] = w0;
    dst->w[1] = w1;
    dst->w[2] = w2;
    dst->w[3] = w3;
}

/// Reads a stack word as four 64-bit loads into general registers (see copy_word): the
/// vectorizer would otherwise read limbs just written one by one with 16-byte loads.
inline uint256 load_limbs(const uint256* src) noexcept {
    uint64_t w0 = src->w[0], w1 = src->w[1], w2 = src->w[2], w3 = src->w[3];
    asm("" : "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    return {w0, w1, w2, w3};
}

/// Writes a word as four 64-bit stores from general registers, so that the next instruction's
/// 64-bit loads of it are forwarded from the stores (see copy_word).
inline void store_limbs(uint256* dst, const uint256& v) noexcept {
    uint64_t w0 = v.w[0], w1 = v.w[1], w2 = v.w[2], w3 = v.w[3];
    asm("" : "+r"(w0), "+r"(w1), "+r"(w2), "+r"(w3));
    dst->w[0] = w0;
    dst->w[1] = w1;
    dst->w[2] = w2;
    dst->w[3] = w3;
}

inline void swap_words(uint256* x, uint256* y) noexcept {
    uint64_t a0 = x->w[0], a1 = x->w[1], a2 = x->w[2], a3 = x->w[3];
    uint64_t b0 = y->w[0], b1 = y->w[1], b2 = y->w[2], b3 = y->w[3];
    asm("" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3));
    asm("" : "+r"(b0), "+r"(b1), "+r"(b2), "+r"(b3));
    x->w[0] = b0;
    x->w[1] = b1;
    x->w[2] = b2;
    x->w[3] = b3;
    y->w[0] = a0;
    y->w[1] = a1;
    y->w[2] = a2;
    y->w[3] = a3;
}

/// The top bit of a word's highest limb: the sign in two's complement.
constexpr uint64_t sign_bit = uint64_t{1} << 63;

/// a < b for words given as limbs: the borrow out of a - b.
[[gnu::always_inline]] inline uint64_t limbs_less(uint64_t a0,
                                                  uint64_t a1,
                                                  uint64_t a2,
                                                  uint64_t a3,
                                                  uint64_t b0,
                                                  uint64_t b1,
                                                  uint64_t b2,
                                                  uint64_t b3) noexcept {
    uint64_t borrow = 0;
    detail::subb(a0, b0, borrow);
    detail::subb(a1, b1, borrow);
    detail::subb(a2, b2, borrow);
    detail::subb(a3, b3, borrow);
    return borrow;
}

/// A shift count given as limbs, saturated to 256 (every count >= 256 gives the same result).
[[gnu::always_inline]] inline unsigned shift_amount(uint64_t s0,
                                                    uint64_t s1,
                                                    uint64_t s2,
                                                    uint64_t s3) noexcept {
    return (s1 | s2 | s3) != 0 || s0 > 256 ? 256u : static_cast<unsigned>(s0);
}

/// SHL on limbs by 0 <= s <= 256: shift every limb by the bit count, then move whole limbs
/// with selects (no uint256 temporaries, see PAREVM_LIMB_BINOP).
[[gnu::always_inline]] inline void shift_left(uint64_t x0,
                                              uint64_t x1,
                                              uint64_t x2,
                                              uint64_t x3,
                                              unsigned s,
                                              uint64_t& r0,
                                              uint64_t& r1,
                                              uint64_t& r2,
                                              uint64_t& r3) noexcept {
    const unsigned bits = s % 64;
    const unsigned l = s / 64;  // 4 for s == 256: all zero
    const uint64_t t0 = x0 << bits;
    const uint64_t t1 = (x1 << bits) | detail::carry_bits(x0, bits);
    const uint64_t t2 = (x2 << bits) | detail::carry_bits(x1, bits);
    const uint64_t t3 = (x3 << bits) | detail::carry_bits(x2, bits);
    r0 = l == 0 ? t0 : 0;
    r1 = l == 0 ? t1 : l == 1 ? t0 : 0;
    r2 = l == 0 ? t2 : l == 1 ? t1 : l == 2 ? t0 : 0;
    r3 = l == 0 ? t3 : l == 1 ? t2 : l == 2 ? t1 : l == 3 ? t0 : 0;
}

/// SHR on limbs by 0 <= s <= 256 (see shift_left).
[[gnu::always_inline]] inline void shift_right(uint64_t x0,
                                               uint64_t x1,
                                               uint64_t x2,
                                               uint64_t x3,
                                               unsigned s,
                                               uint64_t& r0,
                                               uint64_t& r1,
                                               uint64_t& r2,
                                               uint64_t& r3) noexcept {
    const unsigned bits = s % 64;
    const unsigned l = s / 64;
    // x << (64 - bits) for the bits moving into the next lower limb; 0 when bits == 0.
    const auto down = [bits](uint64_t x) { return (x << 1) << (63 - bits); };
    const uint64_t t0 = (x0 >> bits) | down(x1);
    const uint64_t t1 = (x1 >> bits) | down(x2);
    const uint64_t t2 = (x2 >> bits) | down(x3);
    const uint64_t t3 = x3 >> bits;
    r0 = l == 0 ? t0 : l == 1 ? t1 : l == 2 ? t2 : l == 3 ? t3 : 0;
    r1 = l == 0 ? t1 : l == 1 ? t2 : l == 2 ? t3 : 0;
    r2 = l == 0 ? t2 : l == 1 ? t3 : 0;
    r3 = l == 0 ? t3 : 0;
}

/// The heavy arithmetic instructions, out of line on the top of the stack: inlined, their many
/// temporaries crowd the interpreter loop's register allocation, and GCC then keeps the loop's
/// own counters (sp, pc) on the stack. Each reads its operands from sp[-1], sp[-2], ... and
/// leaves the result where the last operand was.
[[gnu::noinline]] void op_mul(uint256* sp) noexcept {
    const uint256& a = sp[-1];
    const uint256& b = sp[-2];
    if ((a.w[1] | a.w[2] | a.w[3] | b.w[1] | b.w[2] | b.w[3]) == 0) {  // common: 64 x 64 bits
        uint64_t hi;
        const uint64_t lo = detail::umul(a.w[0], b.w[0], hi);
        sp[-2].w[0] = lo;
        sp[-2].w[1] = hi;
        return;  // the upper limbs are zero already
    }
    store_limbs(sp - 2, a * b);
}
[[gnu::noinline]] void op_div(uint256* sp) noexcept {
    store_limbs(sp - 2, load_limbs(sp - 1) / load_limbs(sp - 2));
}
/// True when x is the sign extension of its low limb: x fits int64_t.
inline bool fits_i64(const uint256& x) noexcept {
    const uint64_t ext = static_cast<uint64_t>(static_cast<int64_t>(x.w[0]) >> 63);
    return ((x.w[1] ^ ext) | (x.w[2] ^ ext) | (x.w[3] ^ ext)) == 0;
}

/// Writes the sign extension of v.
inline void store_i64(uint256* dst, int64_t v) noexcept {
    const uint64_t ext = static_cast<uint64_t>(v >> 63);
    dst->w[0] = static_cast<uint64_t>(v);
    dst->w[1] = ext;
    dst->w[2] = ext;
    dst->w[3] = ext;
}

[[gnu::noinline]] void op_sdiv(uint256* sp) noexcept {
    const uint256& a = sp[-1];
    const uint256& b = sp[-2];
    // Common case: both operands fit int64_t; C++ division truncates toward zero like SDIV.
    // Excluded: division by zero and INT64_MIN / -1 (whose quotient 2^63 needs two limbs).
    const auto x = static_cast<int64_t>(a.w[0]);
    const auto y = static_cast<int64_t>(b.w[0]);
    if (fits_i64(a) && fits_i64(b) && y != 0 && (y != -1 || x != INT64_MIN)) {
        store_i64(sp - 2, x / y);
        return;
    }
    // Next most common: |a| < 2^128 and 0 < |b| < 2^64, on magnitudes m = (v ^ s) - s with
    // s the sign mask (all ones for negative v).
    const uint64_t sa = -(a.w[3] >> 63);
    const uint64_t sb = -(b.w[3] >> 63);
    uint64_t borrow = 0;
    const uint64_t ma0 = detail::subb(a.w[0] ^ sa, sa, borrow);
    const uint64_t ma1 = detail::subb(a.w[1] ^ sa, sa, borrow);
    const uint64_t ma2 = detail::subb(a.w[2] ^ sa, sa, borrow);
    const uint64_t ma3 = detail::subb(a.w[3] ^ sa, sa, borrow);
    borrow = 0;
    const uint64_t mb0 = detail::subb(b.w[0] ^ sb, sb, borrow);
    const uint64_t mb1 = detail::subb(b.w[1] ^ sb, sb, borrow);
    const uint64_t mb2 = detail::subb(b.w[2] ^ sb, sb, borrow);
    const uint64_t mb3 = detail::subb(b.w[3] ^ sb, sb, borrow);
    if ((ma2 | ma3 | mb1 | mb2 | mb3) == 0 && mb0 != 0) {
        uint64_t q1 = 0;
        uint64_t r = ma1;
        if (ma1 >= mb0) {
            q1 = ma1 / mb0;
            r = ma1 % mb0;
        }
        const uint64_t q0 = detail::udiv128(r, ma0, mb0, r);
        const uint64_t sq = sa ^ sb;  // the quotient's sign
        borrow = 0;
        sp[-2].w[0] = detail::subb(q0 ^ sq, sq, borrow);
        sp[-2].w[1] = detail::subb(q1 ^ sq, sq, borrow);
        sp[-2].w[2] = detail::subb(sq, sq, borrow);
        sp[-2].w[3] = detail::subb(sq, sq, borrow);
        return;
    }
    store_limbs(sp - 2, sdiv(load_limbs(sp - 1), load_limbs(sp - 2)));
}
[[gnu::noinline]] void op_mod(uint256* sp) noexcept {
    store_limbs(sp - 2, load_limbs(sp - 1) % load_limbs(sp - 2));
}
[[gnu::noinline]] void op_smod(uint256* sp) noexcept {
    const uint256& a = sp[-1];
    const uint256& b = sp[-2];
    // As op_sdiv: C++'s remainder takes the sign of the dividend like SMOD.
    const auto x = static_cast<int64_t>(a.w[0]);
    const auto y = static_cast<int64_t>(b.w[0]);
    if (fits_i64(a) && fits_i64(b) && y != 0 && (y != -1 || x != INT64_MIN)) {
        store_i64(sp - 2, x % y);
        return;
    }
    store_limbs(sp - 2, smod(load_limbs(sp - 1), load_limbs(sp - 2)));
}
[[gnu::noinline]] void op_addmod(uint256* sp) noexcept {
    store_limbs(sp - 3, addmod(load_limbs(sp - 1), load_limbs(sp - 2), load_limbs(sp - 3)));
}
[[gnu::noinline]] void op_mulmod(uint256* sp) noexcept {
    store_limbs(sp - 3, mulmod(load_limbs(sp - 1), load_limbs(sp - 2), load_limbs(sp - 3)));
}
[[gnu::noinline]] void op_exp(uint256* sp) noexcept {
    store_limbs(sp - 2, exp(load_limbs(sp - 1), load_limbs(sp - 2)));
}

inline uint256 to_word(const Address& a) noexcept {
    uint8_t buf[32]{};
    std::memcpy(buf + 12, a.data(), 20);
    return load_word(buf);
}

inline uint256 to_word(const Hash256& h) noexcept {
    return load_word(h.data());
}

inline Address to_address(const uint256& x) noexcept {
    uint8_t buf[32];
    store_word(buf, x);
    Address a;
    std::memcpy(a.data(), buf + 12, 20);
    return a;
}

inline Hash256 to_hash(const uint256& x) noexcept {
    Hash256 h;
    store_word(h.data(), x);
    return h;
}

/// Per-frame buffers. Pooled per thread so a frame allocates nothing in the common case: the
/// stack, the memory capacity and the return data buffer are reused by later frames.
struct FrameState {
    alignas(32) uint256 stack[stack_limit];
    uint8_t* memory = nullptr;
    size_t memory_size = 0;  // always a multiple of 32
    size_t memory_capacity = 0;
    bytes return_data;

    FrameState() = default;
    FrameState(const FrameState&) = delete;
    FrameState& operator=(const FrameState&) = delete;
    ~FrameState() { std::free(memory); }
};

/// Buffers up to this size are kept in the pool when a frame ends.
constexpr size_t pooled_memory_limit = 1 << 20;
/// Larger buffers (up to this size) are kept too while the pool's large buffers stay within
/// `pooled_large_budget` in all: a frame that grows its memory to megabytes pays for fresh
/// pages (page faults, zeroing, copies on every doubling) each time it runs otherwise, and
/// such frames tend to repeat. The budget bounds what one thread keeps.
constexpr size_t pooled_large_limit = 16 << 20;
constexpr size_t pooled_large_budget = 32 << 20;

class FramePool {
public:
    std::unique_ptr<FrameState> acquire() {
        if (free_.empty()) return std::make_unique<FrameState>();
        auto f = std::move(free_.back());
        free_.pop_back();
        if (f->memory_capacity > pooled_memory_limit) large_bytes_ -= f->memory_capacity;
        return f;
    }
    void release(std::unique_ptr<FrameState> f) noexcept {
        if (f->memory_capacity > pooled_memory_limit) {
            if (f->memory_capacity <= pooled_large_limit && free_.size() < 64 &&
                large_bytes_ + f->memory_capacity <= pooled_large_budget) {
                large_bytes_ += f->memory_capacity;
            } else {
                std::free(f->memory);
                f->memory = nullptr;
                f->memory_capacity = 0;
            }
        }
        f->memory_size = 0;
        if (f->return_data.capacity() > pooled_memory_limit)
            bytes{}.swap(f->return_data);
        else
            f->return_data.clear();
        if (free_.size() < 64) free_.push_back(std::move(f));
    }

private:
    std::vector<std::unique_ptr<FrameState>> free_;
    size_t large_bytes_ = 0;  // capacity of the pooled buffers above pooled_memory_limit
};

thread_local FramePool frame_pool;

class FrameHandle {
public:
    FrameHandle() : f_(frame_pool.acquire()) {}
    ~FrameHandle() { frame_pool.release(std::move(f_)); }
    FrameHandle(const FrameHandle&) = delete;
    FrameHandle& operator=(const FrameHandle&) = delete;
    FrameState& operator*() const noexcept { return *f_; }

private:
    std::unique_ptr<FrameState> f_;
};

/// Everything an instruction may touch besides gas, stack and pc, which the loop keeps in
/// locals.
struct Context {
    Host& host;
    Revision rev;
    const Message& msg;
    const CodeAnalysis& code;
    FrameState& f;
    int64_t refund = 0;
    // Loop invariants kept here rather than in locals: the loop then reloads them from this
    // escaped struct instead of pinning registers, which leaves registers for pc, sp and gas.
    const OpEntry* table = nullptr;
    const uint8_t* code_begin = nullptr;
    const uint256* stack_base = nullptr;
};

[[gnu::noinline]] void reserve_memory(FrameState& f, size_t new_size) noexcept {
    size_t cap = std::max<size_t>(f.memory_capacity * 2, 4096);
    while (cap < new_size) cap *= 2;
    auto* p = static_cast<uint8_t*>(std::realloc(f.memory, cap));
    PAREVM_ASSERT(p != nullptr);
    f.memory = p;
    f.memory_capacity = cap;
}

/// Expands memory to cover [0, end) and charges the expansion (YP eq. 326). end <= 2^33.
/// Returns the gas left, negative when it does not suffice. Takes and returns gas by value so
/// that the loop's gas counter never has its address taken and stays in a register.
[[gnu::noinline]] int64_t grow_memory(FrameState& f, int64_t gas, uint64_t end) noexcept {
    const int64_t new_words = num_words(end);
    const int64_t old_words = static_cast<int64_t>(f.memory_size / 32);
    gas -= memory_cost(new_words) - memory_cost(old_words);
    if (gas < 0) return gas;
    const size_t new_size = static_cast<size_t>(new_words) * 32;
    if (new_size > f.memory_capacity) reserve_memory(f, new_size);
    std::memset(f.memory + f.memory_size, 0, new_size - f.memory_size);
    f.memory_size = new_size;
    return gas;
}

/// Makes [offset, offset+size) addressable, charging expansion. A zero size touches nothing
/// whatever the offset (YP eq. 327). False: out of gas.
[[gnu::always_inline]] inline bool check_memory(FrameState& f,
                                                int64_t& gas,
                                                const uint256& offset,
                                                const uint256& size) noexcept {
    if (!size) return true;
    if (!offset.fits_u64() || !size.fits_u64() || offset.w[0] > max_memory_size ||
        size.w[0] > max_memory_size)
        return false;
    const uint64_t end = offset.w[0] + size.w[0];
    if (end > f.memory_size) return (gas = grow_memory(f, gas, end)) >= 0;
    return true;
}

/// Fixed-size access (MLOAD/MSTORE/MSTORE8).
[[gnu::always_inline]] inline bool check_memory(FrameState& f,
                                                int64_t& gas,
                                                const uint256& offset,
                                                uint64_t size) noexcept {
    if (!offset.fits_u64() || offset.w[0] > max_memory_size) return false;
    const uint64_t end = offset.w[0] + size;
    if (end > f.memory_size) return (gas = grow_memory(f, gas, end)) >= 0;
    return true;
}

/// Copies src[src_offset, src_offset+size) to dst, zero-filling past the end of src
/// (CALLDATACOPY, CODECOPY, EXTCODECOPY semantics).
inline void copy_padded(uint8_t* dst,
                        bytes_view src,
                        const uint256& src_offset,
                        size_t size) noexcept {
    const size_t off = src_offset.fits_u64() && src_offset.w[0] < src.size()
                           ? static_cast<size_t>(src_offset.w[0])
                           : src.size();
    const size_t n = std::min(size, src.size() - off);
    if (n) std::memcpy(dst, src.data() + off, n);
    if (size > n) std::memset(dst + n, 0, size - n);
}

/// Charges the EIP-2929 cold account surcharge (Berlin+).
[[gnu::always_inline]] inline bool charge_account_access(Context& c,
                                                         int64_t& gas,
                                                         const Address& addr) noexcept {
    if (c.rev >= Revision::berlin && c.host.access_account(addr) == AccessStatus::cold)
        return (gas -= cold_account_surcharge) >= 0;
    return true;
}

inline StatusCode op_copy_to_memory(Context& c,
                                    int64_t& gas,
                                    uint256*& sp,
                                    bytes_view src) noexcept {
    const uint256 mem_off = load_limbs(&sp[-1]);
    const uint256 src_off = load_limbs(&sp[-2]);
    const uint256 size = load_limbs(&sp[-3]);
    sp -= 3;
    if (!check_memory(c.f, gas, mem_off, size)) return StatusCode::out_of_gas;
    if ((gas -= 3 * num_words(size.w[0])) < 0) return StatusCode::out_of_gas;  // YP G_copy
    if (size) copy_padded(c.f.memory + mem_off.w[0], src, src_off, size.w[0]);
    return StatusCode::success;
}

inline StatusCode op_extcodecopy(Context& c, int64_t& gas, uint256*& sp) noexcept {
    const Address addr = to_address(sp[-1]);
    const uint256 mem_off = load_limbs(&sp[-2]);
    const uint256 code_off = load_limbs(&sp[-3]);
    const uint256 size = load_limbs(&sp[-4]);
    sp -= 4;
    if (!check_memory(c.f, gas, mem_off, size)) return StatusCode::out_of_gas;
    if ((gas -= 3 * num_words(size.w[0])) < 0) return StatusCode::out_of_gas;  // YP G_copy
    if (!charge_account_access(c, gas, addr)) return StatusCode::out_of_gas;   // EIP-2929
    if (size) {
        uint8_t* dst = c.f.memory + mem_off.w[0];
        const size_t n = size.w[0];
        size_t copied = 0;
        if (code_off.fits_u64())
            copied = c.host.copy_code(addr, static_cast<size_t>(code_off.w[0]), dst, n);
        if (copied < n) std::memset(dst + copied, 0, n - copied);
    }
    return StatusCode::success;
}

inline StatusCode op_returndatacopy(Context& c, int64_t& gas, uint256*& sp) noexcept {
    const uint256 mem_off = load_limbs(&sp[-1]);
    const uint256 data_off = load_limbs(&sp[-2]);
    const uint256 size = load_limbs(&sp[-3]);
    sp -= 3;
    if (!check_memory(c.f, gas, mem_off, size)) return StatusCode::out_of_gas;
    // EIP-211: reading past the end of the return data buffer is an exceptional halt.
    const size_t len = c.f.return_data.size();
    if (!data_off.fits_u64() || data_off.w[0] > len) return StatusCode::invalid_memory_access;
    if (size.w[0] > len - data_off.w[0]) return StatusCode::invalid_memory_access;
    if ((gas -= 3 * num_words(size.w[0])) < 0) return StatusCode::out_of_gas;
    if (size)
        std::memcpy(c.f.memory + mem_off.w[0], c.f.return_data.data() + data_off.w[0], size.w[0]);
    return StatusCode::success;
}

inline StatusCode op_mcopy(Context& c, int64_t& gas, uint256*& sp) noexcept {
    const uint256 dst = load_limbs(&sp[-1]);
    const uint256 src = load_limbs(&sp[-2]);
    const uint256 size = load_limbs(&sp[-3]);
    sp -= 3;
    // EIP-5656: expansion covers both ranges, plus 3 gas per copied word.
    if (!check_memory(c.f, gas, src, size) || !check_memory(c.f, gas, dst, size))
        return StatusCode::out_of_gas;
    if ((gas -= 3 * num_words(size.w[0])) < 0) return StatusCode::out_of_gas;
    if (size) std::memmove(c.f.memory + dst.w[0], c.f.memory + src.w[0], size.w[0]);
    return StatusCode::success;
}

inline StatusCode op_keccak256(Context& c, int64_t& gas, uint256*& sp) noexcept {
    const uint256 off = load_limbs(&sp[-1]);
    const uint256 size = load_limbs(&sp[-2]);
    --sp;
    if (!check_memory(c.f, gas, off, size)) return StatusCode::out_of_gas;
    if ((gas -= 6 * num_words(size.w[0])) < 0) return StatusCode::out_of_gas;  // YP G_keccak256word
    const bytes_view data = size ? bytes_view{c.f.memory + off.w[0], size.w[0]} : bytes_view{};
    sp[-1] = to_word(keccak256(data));
    return StatusCode::success;
}

inline StatusCode op_sload(Context& c, int64_t& gas, uint256*& sp) noexcept {
    const uint256 key = load_limbs(&sp[-1]);
    if (c.rev >= Revision::berlin &&
        c.host.access_storage(c.msg.recipient, key) == AccessStatus::cold) {
        if ((gas -= cold_sload_surcharge) < 0) return StatusCode::out_of_gas;  // EIP-2929
    }
    store_limbs(sp - 1, c.host.get_storage(c.msg.recipient, key));
    return StatusCode::success;
}

constexpr std::array<StorageCostTable, revision_count> sstore_tables = [] {
    std::array<StorageCostTable, revision_count> t{};
    for (int r = 0; r < revision_count; ++r) t[r] = sstore_costs(static_cast<Revision>(r));
    return t;
}();

inline StatusCode op_sstore(Context& c, int64_t& gas, uint256*& sp) noexcept {
    if (c.msg.is_static) return StatusCode::static_mode_violation;
    // EIP-2200: SSTORE fails when no more than the call stipend is left.
    if (c.rev >= Revision::istanbul && gas <= call_stipend) return StatusCode::out_of_gas;
    const uint256 key = load_limbs(&sp[-1]);
    const uint256 value = load_limbs(&sp[-2]);
    sp -= 2;
    int64_t cost = 0;
    if (c.rev >= Revision::berlin &&
        c.host.access_storage(c.msg.recipient, key) == AccessStatus::cold)
        cost = cold_sstore_surcharge;  // EIP-2929
    const StorageStatus status = c.host.set_storage(c.msg.recipient, key, value);
    const StorageCost sc = sstore_tables[static_cast<size_t>(c.rev)][static_cast<size_t>(status)];
    if ((gas -= cost + sc.gas) < 0) return StatusCode::out_of_gas;
    c.refund += sc.refund;
    return StatusCode::success;
}

inline StatusCode op_log(Context& c, int64_t& gas, uint256*& sp, int num_topics) noexcept {
    if (c.msg.is_static) return StatusCode::static_mode_violation;
    const uint256 off = load_limbs(&sp[-1]);
    const uint256 size = load_limbs(&sp[-2]);
    Hash256 topics[4];
    for (int i = 0; i < num_topics; ++i) topics[i] = to_hash(sp[-3 - i]);
    sp -= 2 + num_topics;
    if (!check_memory(c.f, gas, off, size)) return StatusCode::out_of_gas;
    if ((gas -= 8 * static_cast<int64_t>(size.w[0])) < 0)
        return StatusCode::out_of_gas;  // G_logdata
    const bytes_view data = size ? bytes_view{c.f.memory + off.w[0], size.w[0]} : bytes_view{};
    c.host.emit_log(c.msg.recipient, data, {topics, static_cast<size_t>(num_topics)});
    return StatusCode::success;
}

/// EIP-7702: the 23-byte delegation designator 0xef0100 || address.
bool delegation_target(Host& host, const Address& addr, Address& target) noexcept {
    constexpr size_t designator_size = 23;
    if (host.get_code_size(addr) != designator_size) return false;
    uint8_t code[designator_size];
    if (host.copy_code(addr, 0, code, designator_size) != designator_size) return false;
    if (code[0] != 0xef || code[1] != 0x01 || code[2] != 0x00) return false;
    std::memcpy(target.data(), code + 3, 20);
    return true;
}

inline StatusCode op_call(Context& c, int64_t& gas, uint256*& sp, CallKind kind) noexcept {
    const bool has_value_arg = kind == CallKind::call || kind == CallKind::callcode;
    const uint256 gas_arg = load_limbs(&sp[-1]);
    const Address dst = to_address(sp[-2]);
    const uint256 value = has_value_arg ? sp[-3] : uint256{};
    const int a = has_value_arg ? 4 : 3;
    const uint256 in_off = load_limbs(&sp[-a]);
    const uint256 in_size = load_limbs(&sp[-a - 1]);
    const uint256 out_off = load_limbs(&sp[-a - 2]);
    const uint256 out_size = load_limbs(&sp[-a - 3]);
    sp -= a + 2;  // pops a + 3 arguments, pushes the success flag
    uint256& success_flag = sp[-1];
    success_flag = 0;

    const bool has_value = has_value_arg && static_cast<bool>(value);
    // EIP-214: no value transfer from a static frame.
    if (kind == CallKind::call && has_value && c.msg.is_static)
        return StatusCode::static_mode_violation;
    if (!charge_account_access(c, gas, dst)) return StatusCode::out_of_gas;  // EIP-2929
    if (!check_memory(c.f, gas, in_off, in_size) || !check_memory(c.f, gas, out_off, out_size))
        return StatusCode::out_of_gas;

    Message m;
    m.kind = kind;
    m.depth = c.msg.depth + 1;
    m.is_static = kind == CallKind::staticcall || c.msg.is_static;
    m.code_address = dst;
    switch (kind) {
        case CallKind::call:
        case CallKind::staticcall:
            m.recipient = dst;
            m.sender = c.msg.recipient;
            m.value = value;
            break;
        case CallKind::callcode:  // runs dst's code on our account, transferring value to ourselves
            m.recipient = c.msg.recipient;
            m.sender = c.msg.recipient;
            m.value = value;
            break;
        default:  // DELEGATECALL (EIP-7): keeps sender and value of the current frame
            m.kind = CallKind::delegatecall;
            m.recipient = c.msg.recipient;
            m.sender = c.msg.sender;
            m.value = c.msg.value;
            break;
    }
    if (in_size) m.input = {c.f.memory + in_off.w[0], in_size.w[0]};

    // EIP-7702: calling a delegated account runs the delegation target's code and pays for
    // accessing it.
    if (c.rev >= Revision::prague) {
        Address target;
        if (delegation_target(c.host, dst, target)) {
            const int64_t access = c.host.access_account(target) == AccessStatus::cold
                                       ? cold_access_cost
                                       : warm_access_cost;
            if ((gas -= access) < 0) return StatusCode::out_of_gas;
            m.code_address = target;
            m.delegated = true;  // a precompile there runs as empty code
        }
    }

    int64_t cost = has_value ? call_value_cost : 0;
    // EIP-161: after Spurious Dragon only a value transfer to an empty account creates it.
    if (kind == CallKind::call && (has_value || c.rev < Revision::spurious_dragon) &&
        !c.host.account_exists(dst))
        cost += new_account_cost;
    if ((gas -= cost) < 0) return StatusCode::out_of_gas;

    const int64_t requested = gas_arg.fits_u64() && gas_arg.w[0] <= uint64_t{INT64_MAX}
                                  ? static_cast<int64_t>(gas_arg.w[0])
                                  : std::numeric_limits<int64_t>::max();
    if (c.rev >= Revision::tangerine_whistle)
        m.gas = std::min(requested, gas - gas / 64);  // EIP-150: all but one 64th
    else if (requested > gas)
        return StatusCode::out_of_gas;  // YP before EIP-150: the caller pays the full request
    else
        m.gas = requested;
    if (has_value) {
        m.gas += call_stipend;  // the stipend is free for the caller and returned if unused
        gas += call_stipend;
    }

    c.f.return_data.clear();
    // Light failures: push 0 and the child's gas stays with the caller.
    if (c.msg.depth >= call_depth_limit) return StatusCode::success;
    if (has_value && c.host.get_balance(c.msg.recipient) < value) return StatusCode::success;

    Result r = c.host.call(m);
    if (out_size && !r.output.empty()) {
        const size_t n = std::min<size_t>(out_size.w[0], r.output.size());
        std::memcpy(c.f.memory + out_off.w[0], r.output.data(), n);
    }
    c.f.return_data = std::move(r.output);
    success_flag = r.status == StatusCode::success ? 1 : 0;
    gas -= m.gas - r.gas_left;
    if (r.status == StatusCode::success) c.refund += r.gas_refund;
    return StatusCode::success;
}

inline StatusCode op_create(Context& c, int64_t& gas, uint256*& sp, CallKind kind) noexcept {
    if (c.msg.is_static) return StatusCode::static_mode_violation;  // EIP-214
    const uint256 endowment = load_limbs(&sp[-1]);
    const uint256 off = load_limbs(&sp[-2]);
    const uint256 size = load_limbs(&sp[-3]);
    Message m;
    m.kind = kind;
    if (kind == CallKind::create2) {
        m.create2_salt = sp[-4];
        sp -= 3;
    } else {
        sp -= 2;
    }
    uint256& address_slot = sp[-1];
    address_slot = 0;

    if (!check_memory(c.f, gas, off, size)) return StatusCode::out_of_gas;
    const int64_t words = num_words(size.w[0]);
    int64_t cost = 0;
    if (c.rev >= Revision::shanghai) {
        if (size.w[0] > max_initcode_size) return StatusCode::out_of_gas;  // EIP-3860
        cost += 2 * words;                                                 // EIP-3860
    }
    if (kind == CallKind::create2) cost += 6 * words;  // EIP-1014: hashing the initcode
    if ((gas -= cost) < 0) return StatusCode::out_of_gas;

    c.f.return_data.clear();
    if (c.msg.depth >= call_depth_limit) return StatusCode::success;
    if (endowment && c.host.get_balance(c.msg.recipient) < endowment) return StatusCode::success;

    // EIP-150: the child gets all but one 64th; before it, all remaining gas.
    m.gas = c.rev >= Revision::tangerine_whistle ? gas - gas / 64 : gas;
    m.depth = c.msg.depth + 1;
    m.sender = c.msg.recipient;
    m.value = endowment;
    if (size) m.input = {c.f.memory + off.w[0], size.w[0]};

    Result r = c.host.call(m);
    gas -= m.gas - r.gas_left;
    // EIP-211: after a create the return data is the revert reason, or empty.
    if (r.status == StatusCode::revert) c.f.return_data = std::move(r.output);
    if (r.status == StatusCode::success) {
        address_slot = to_word(r.create_address);
        c.refund += r.gas_refund;
    }
    return StatusCode::success;
}

inline StatusCode op_selfdestruct(Context& c, int64_t& gas, uint256*& sp) noexcept {
    if (c.msg.is_static) return StatusCode::static_mode_violation;
    const Address beneficiary = to_address(sp[-1]);
    --sp;
    if (c.rev >= Revision::berlin && c.host.access_account(beneficiary) == AccessStatus::cold) {
        if ((gas -= cold_selfdestruct_surcharge) < 0) return StatusCode::out_of_gas;  // EIP-2929
    }
    // EIP-150 introduced the new-account charge; EIP-161 limits it to moving a non-zero balance
    // into an empty account.
    if (c.rev >= Revision::tangerine_whistle) {
        if (c.rev == Revision::tangerine_whistle ||
            static_cast<bool>(c.host.get_balance(c.msg.recipient))) {
            if (!c.host.account_exists(beneficiary)) {
                if ((gas -= new_account_cost) < 0) return StatusCode::out_of_gas;
            }
        }
    }
    if (c.host.selfdestruct(c.msg.recipient, beneficiary) && c.rev < Revision::london)
        c.refund += selfdestruct_refund;  // removed by EIP-3529
    return StatusCode::success;
}

struct OpResult {
    StatusCode status;
    int64_t gas;
    uint256* sp;
};

/// Out-of-line call of an instruction helper. gas and sp go in and come back by value: passing
/// the loop's counters by reference would take their address and pin them to memory.
template <auto Fn, typename... Args>
[[gnu::noinline]] OpResult invoke(Context& c, int64_t gas, uint256* sp, Args... args) noexcept {
    const StatusCode status = Fn(c, gas, sp, args...);
    return {status, gas, sp};
}

/// The interpreter loop. Careful = false: the fast path, with checks per basic block
/// (CodeAnalysis::blocks). When a block's checks fail the frame halts inside that block, and
/// the loop hands over for good to its Careful = true instance, which checks every instruction
/// as the YP describes and so finds the exact instruction and reason.
/// The optimize attribute keeps one indirect jump per instruction: GCC otherwise merges the
/// computed gotos into a shared tail, which defeats the branch predictor that threaded
/// dispatch is for.
template <bool Careful>
PAREVM_DISPATCH_OPTIMIZE Result
run(Context& c, const uint8_t* pc, uint256* sp, int64_t gas) noexcept {
    FrameState& f = c.f;
    StatusCode status = StatusCode::success;
    uint256 out_off;
    uint256 out_size;

#define PAREVM_HALT(s) \
    do {               \
        status = (s);  \
        goto halt;     \
    } while (0)
#define PAREVM_INVOKE(fn, ...)                                                 \
    do {                                                                       \
        const OpResult r_ = invoke<fn>(c, gas, sp __VA_OPT__(, ) __VA_ARGS__); \
        gas = r_.gas;                                                          \
        sp = r_.sp;                                                            \
        if (r_.status != StatusCode::success) PAREVM_HALT(r_.status);          \
    } while (0)
#define PAREVM_BINOP(expr)                    \
    {                                         \
        const uint256 a = load_limbs(sp - 1); \
        const uint256 b = load_limbs(sp - 2); \
        store_limbs(sp - 2, (expr));          \
        --sp;                                 \
        ++pc;                                 \
        PAREVM_NEXT;                          \
    }
    // Binary operations on scalar limbs a0..a3 (top) and b0..b3 (second), writing r0..r3 over
    // the second. uint256 locals in this loop keep stack slots that every use stores to (GCC
    // does not scalarize them across the computed gotos); plain scalars stay in registers.
#define PAREVM_LOAD_LIMBS(x, p)                                                      \
    uint64_t x##0 = (p)->w[0], x##1 = (p)->w[1], x##2 = (p)->w[2], x##3 = (p)->w[3]; \
    asm("" : "+r"(x##0), "+r"(x##1), "+r"(x##2), "+r"(x##3))
#define PAREVM_LIMB_BINOP(...)                            \
    {                                                     \
        PAREVM_LOAD_LIMBS(a, sp - 1);                     \
        PAREVM_LOAD_LIMBS(b, sp - 2);                     \
        uint64_t r0, r1, r2, r3;                          \
        __VA_ARGS__;                                      \
        asm("" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)); \
        sp[-2].w[0] = r0;                                 \
        sp[-2].w[1] = r1;                                 \
        sp[-2].w[2] = r2;                                 \
        sp[-2].w[3] = r3;                                 \
        --sp;                                             \
        ++pc;                                             \
        PAREVM_NEXT;                                      \
    }
#define PAREVM_CALL_OP(fn, pops) \
    {                            \
        fn(sp);                  \
        sp -= (pops);            \
        ++pc;                    \
        PAREVM_NEXT;             \
    }
#define PAREVM_CHARGE_VARIABLE()                                               \
    do {                                                                       \
        if ((gas -= c.table[op].gas) < 0) PAREVM_HALT(StatusCode::out_of_gas); \
    } while (0)
#define PAREVM_PUSH(v) \
    {                  \
        *sp++ = (v);   \
        ++pc;          \
        PAREVM_NEXT;   \
    }

    // Threaded dispatch: each instruction jumps straight to the next one's code (fast path)
    // or to the per-instruction checks (careful path). Undefined bytes only occur in blocks
    // that never run fast.
    // clang-format off
    static const void* const fast_table[256] = {
        &&l_STOP, &&l_ADD, &&l_MUL, &&l_SUB, &&l_DIV, &&l_SDIV, &&l_MOD, &&l_SMOD, &&l_ADDMOD,
        &&l_MULMOD, &&l_EXP, &&l_SIGNEXTEND, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&l_LT, &&l_GT, &&l_SLT, &&l_SGT, &&l_EQ, &&l_ISZERO, &&l_AND, &&l_OR,
        &&l_XOR, &&l_NOT, &&l_BYTE, &&l_SHL, &&l_SHR, &&l_SAR, &&l_CLZ, &&careful_top,
        &&l_KECCAK256, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&l_ADDRESS, &&l_BALANCE,
        &&l_ORIGIN, &&l_CALLER, &&l_CALLVALUE, &&l_CALLDATALOAD, &&l_CALLDATASIZE, &&l_CALLDATACOPY,
        &&l_CODESIZE, &&l_CODECOPY, &&l_GASPRICE, &&l_EXTCODESIZE, &&l_EXTCODECOPY,
        &&l_RETURNDATASIZE, &&l_RETURNDATACOPY, &&l_EXTCODEHASH, &&l_BLOCKHASH, &&l_COINBASE,
        &&l_TIMESTAMP, &&l_NUMBER, &&l_PREVRANDAO, &&l_GASLIMIT, &&l_CHAINID, &&l_SELFBALANCE,
        &&l_BASEFEE, &&l_BLOBHASH, &&l_BLOBBASEFEE, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&l_POP, &&l_MLOAD, &&l_MSTORE, &&l_MSTORE8, &&l_SLOAD,
        &&l_SSTORE, &&l_JUMP, &&l_JUMPI, &&l_PC, &&l_MSIZE, &&l_GAS, &&l_JUMPDEST, &&l_TLOAD,
        &&l_TSTORE, &&l_MCOPY, &&l_PUSH0, &&l_PUSH1, &&l_PUSH2, &&l_PUSH3, &&l_PUSH4, &&l_PUSH5,
        &&l_PUSH6, &&l_PUSH7, &&l_PUSH8, &&l_PUSH9, &&l_PUSH10, &&l_PUSH11, &&l_PUSH12, &&l_PUSH13,
        &&l_PUSH14, &&l_PUSH15, &&l_PUSH16, &&l_PUSH17, &&l_PUSH18, &&l_PUSH19, &&l_PUSH20,
        &&l_PUSH21, &&l_PUSH22, &&l_PUSH23, &&l_PUSH24, &&l_PUSH25, &&l_PUSH26, &&l_PUSH27,
        &&l_PUSH28, &&l_PUSH29, &&l_PUSH30, &&l_PUSH31, &&l_PUSH32, &&l_DUP1, &&l_DUP2, &&l_DUP3,
        &&l_DUP4, &&l_DUP5, &&l_DUP6, &&l_DUP7, &&l_DUP8, &&l_DUP9, &&l_DUP10, &&l_DUP11, &&l_DUP12,
        &&l_DUP13, &&l_DUP14, &&l_DUP15, &&l_DUP16, &&l_SWAP1, &&l_SWAP2, &&l_SWAP3, &&l_SWAP4,
        &&l_SWAP5, &&l_SWAP6, &&l_SWAP7, &&l_SWAP8, &&l_SWAP9, &&l_SWAP10, &&l_SWAP11, &&l_SWAP12,
        &&l_SWAP13, &&l_SWAP14, &&l_SWAP15, &&l_SWAP16, &&l_LOG0, &&l_LOG1, &&l_LOG2, &&l_LOG3,
        &&l_LOG4, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&careful_top, &&careful_top, &&l_CREATE, &&l_CALL,
        &&l_CALLCODE, &&l_RETURN, &&l_DELEGATECALL, &&l_CREATE2, &&careful_top, &&careful_top,
        &&careful_top, &&careful_top, &&l_STATICCALL, &&careful_top, &&careful_top, &&l_REVERT,
        &&l_INVALID, &&l_SELFDESTRUCT,
    };
    // clang-format on
    uint8_t op;
#define PAREVM_NEXT               \
    do {                          \
        if constexpr (Careful) {  \
            goto careful_top;     \
        } else {                  \
            op = *pc;             \
            goto* fast_table[op]; \
        }                         \
    } while (0)

    const BlockInfo* const blocks = c.code.blocks.data();
    const uint32_t* const block_index = c.code.block_index.get();
    const uint8_t rev_number = static_cast<uint8_t>(c.rev);

    constexpr uint32_t index_mask = ~CodeAnalysis::jumpdest_flag;

    // Block entry (fast path only): the checks of block `block_entry`, then dispatch. pc is
    // already past the block's JUMPDEST, if any, so that a jump's next dispatch depends on its
    // target alone, not on the block lookup; the careful path gets the block's first byte.
    // Jumps share this code: separate copies per jump measured slower.
    uint32_t block_entry = 0;
block_start:  // pc is at the start of a basic block
    if constexpr (Careful) PAREVM_NEXT;
    block_entry = block_index[pc - c.code_begin] & index_mask;
    pc += blocks[block_entry].skip;
enter_block:
    __attribute__((unused));
    if constexpr (!Careful) {
        const BlockInfo& b = blocks[block_entry];
        const auto height = sp - c.stack_base;
        // One branch for the three checks: they almost never fail.
        if ((rev_number < b.since) |
            (static_cast<uint64_t>(height - b.stack_required) >
             static_cast<uint64_t>(static_cast<int64_t>(b.stack_span))) |
            (gas < b.gas)) [[unlikely]]
            return run<true>(c, pc - b.skip, sp, gas);
        gas -= b.gas;
    }
    PAREVM_NEXT;

    for (;;) {
    careful_top:
        if constexpr (!Careful) return run<true>(c, pc, sp, gas);
        op = *pc;
        {
            const OpEntry e = c.table[op];
            if (e.gas < 0) PAREVM_HALT(StatusCode::undefined_instruction);
            const auto height = sp - c.stack_base;
            if (static_cast<uint64_t>(height - e.stack_required) > e.stack_span)
                PAREVM_HALT(height < e.stack_required ? StatusCode::stack_underflow
                                                      : StatusCode::stack_overflow);
            // Variable-cost instructions charge their table cost themselves, on both paths.
            if (!has_variable_gas(op) && (gas -= e.gas) < 0) PAREVM_HALT(StatusCode::out_of_gas);
        }

        switch (op) {
            case OP_STOP:
            l_STOP:
                PAREVM_HALT(StatusCode::success);
            case OP_ADD:
            l_ADD:
                PAREVM_LIMB_BINOP(uint64_t c = 0; r0 = detail::addc(a0, b0, c);
                                  r1 = detail::addc(a1, b1, c); r2 = detail::addc(a2, b2, c);
                                  r3 = detail::addc(a3, b3, c))
            case OP_MUL:
            l_MUL:
                PAREVM_CALL_OP(op_mul, 1)
            case OP_SUB:
            l_SUB:
                PAREVM_LIMB_BINOP(uint64_t c = 0; r0 = detail::subb(a0, b0, c);
                                  r1 = detail::subb(a1, b1, c); r2 = detail::subb(a2, b2, c);
                                  r3 = detail::subb(a3, b3, c))
            case OP_DIV:
            l_DIV:
                PAREVM_CALL_OP(op_div, 1)
            case OP_SDIV:
            l_SDIV:
                PAREVM_CALL_OP(op_sdiv, 1)
            case OP_MOD:
            l_MOD:
                PAREVM_CALL_OP(op_mod, 1)
            case OP_SMOD:
            l_SMOD:
                PAREVM_CALL_OP(op_smod, 1)
            case OP_ADDMOD:
            l_ADDMOD:
                PAREVM_CALL_OP(op_addmod, 2)
            case OP_MULMOD:
            l_MULMOD:
                PAREVM_CALL_OP(op_mulmod, 2)
            case OP_EXP:
            l_EXP : {
                // EIP-160: 10 + 50 per exponent byte (10 per byte before Spurious Dragon).
                const int64_t bytes_cost =
                    static_cast<int64_t>(count_significant_bytes(sp[-2])) * exp_byte_cost(c.rev);
                if ((gas -= bytes_cost) < 0) PAREVM_HALT(StatusCode::out_of_gas);
                PAREVM_CALL_OP(op_exp, 1)
            }
            case OP_SIGNEXTEND:
            l_SIGNEXTEND:
                PAREVM_BINOP(signextend(a, b))
            case OP_LT:
            l_LT:
                PAREVM_LIMB_BINOP(r0 = limbs_less(a0, a1, a2, a3, b0, b1, b2, b3); r1 = r2 = r3 = 0)
            case OP_GT:
            l_GT:
                PAREVM_LIMB_BINOP(r0 = limbs_less(b0, b1, b2, b3, a0, a1, a2, a3); r1 = r2 = r3 = 0)
            case OP_SLT:
            l_SLT:  // flipping both sign bits turns the signed order into the unsigned one
                PAREVM_LIMB_BINOP(
                    r0 = limbs_less(a0, a1, a2, a3 ^ sign_bit, b0, b1, b2, b3 ^ sign_bit);
                    r1 = r2 = r3 = 0)
            case OP_SGT:
            l_SGT:
                PAREVM_LIMB_BINOP(
                    r0 = limbs_less(b0, b1, b2, b3 ^ sign_bit, a0, a1, a2, a3 ^ sign_bit);
                    r1 = r2 = r3 = 0)
            case OP_EQ:
            l_EQ:
                PAREVM_LIMB_BINOP(r0 = ((a0 ^ b0) | (a1 ^ b1) | (a2 ^ b2) | (a3 ^ b3)) == 0;
                                  r1 = r2 = r3 = 0)
            case OP_ISZERO:
            l_ISZERO : {
                const uint64_t any = sp[-1].w[0] | sp[-1].w[1] | sp[-1].w[2] | sp[-1].w[3];
                sp[-1].w[0] = any == 0;
                sp[-1].w[1] = 0;
                sp[-1].w[2] = 0;
                sp[-1].w[3] = 0;
                ++pc;
                PAREVM_NEXT;
            }
            case OP_AND:
            l_AND:
                PAREVM_LIMB_BINOP(r0 = a0 & b0; r1 = a1 & b1; r2 = a2 & b2; r3 = a3 & b3)
            case OP_OR:
            l_OR:
                PAREVM_LIMB_BINOP(r0 = a0 | b0; r1 = a1 | b1; r2 = a2 | b2; r3 = a3 | b3)
            case OP_XOR:
            l_XOR:
                PAREVM_LIMB_BINOP(r0 = a0 ^ b0; r1 = a1 ^ b1; r2 = a2 ^ b2; r3 = a3 ^ b3)
            case OP_NOT:
            l_NOT : {
                PAREVM_LOAD_LIMBS(x, sp - 1);
                sp[-1].w[0] = ~x0;
                sp[-1].w[1] = ~x1;
                sp[-1].w[2] = ~x2;
                sp[-1].w[3] = ~x3;
                ++pc;
                PAREVM_NEXT;
            }
            case OP_BYTE:
            l_BYTE:
                PAREVM_BINOP(byte(a, b))
            case OP_SHL:
            l_SHL:  // EIP-145: shift = top, value = second
                PAREVM_LIMB_BINOP(
                    shift_left(b0, b1, b2, b3, shift_amount(a0, a1, a2, a3), r0, r1, r2, r3))
            case OP_SHR:
            l_SHR:
                PAREVM_LIMB_BINOP(
                    shift_right(b0, b1, b2, b3, shift_amount(a0, a1, a2, a3), r0, r1, r2, r3))
            case OP_SAR:
            l_SAR:
                PAREVM_BINOP(sar(b, a))
            case OP_CLZ:
            l_CLZ:  // EIP-7939
                sp[-1] = uint256{clz(sp[-1])};
                ++pc;
                PAREVM_NEXT;
            case OP_KECCAK256:
            l_KECCAK256:
                PAREVM_INVOKE(op_keccak256);
                ++pc;
                PAREVM_NEXT;

            case OP_ADDRESS:

            l_ADDRESS:
                PAREVM_PUSH(to_word(c.msg.recipient))
            case OP_BALANCE:
            l_BALANCE : {
                PAREVM_CHARGE_VARIABLE();
                const Address addr = to_address(sp[-1]);
                if (!charge_account_access(c, gas, addr)) PAREVM_HALT(StatusCode::out_of_gas);
                sp[-1] = c.host.get_balance(addr);
                ++pc;
                PAREVM_NEXT;
            }
            case OP_ORIGIN:
            l_ORIGIN:
                PAREVM_PUSH(to_word(c.host.get_tx_context().origin))
            case OP_CALLER:
            l_CALLER:
                PAREVM_PUSH(to_word(c.msg.sender))
            case OP_CALLVALUE:
            l_CALLVALUE:
                PAREVM_PUSH(c.msg.value)
            case OP_CALLDATALOAD:
            l_CALLDATALOAD : {
                const uint256 off = load_limbs(&sp[-1]);
                if (off.fits_u64() && off.w[0] < c.msg.input.size()) {
                    uint8_t buf[32];
                    copy_padded(buf, c.msg.input, off, 32);
                    sp[-1] = load_word(buf);
                } else {
                    sp[-1] = 0;
                }
                ++pc;
                PAREVM_NEXT;
            }
            case OP_CALLDATASIZE:
            l_CALLDATASIZE:
                PAREVM_PUSH(uint256{c.msg.input.size()})
            case OP_CALLDATACOPY:
            l_CALLDATACOPY:
                PAREVM_INVOKE(op_copy_to_memory, c.msg.input);
                ++pc;
                PAREVM_NEXT;
            case OP_CODESIZE:
            l_CODESIZE:
                PAREVM_PUSH(uint256{c.code.code_size})
            case OP_CODECOPY:
            l_CODECOPY:
                PAREVM_INVOKE(op_copy_to_memory, c.code.code());
                ++pc;
                PAREVM_NEXT;
            case OP_GASPRICE:
            l_GASPRICE:
                PAREVM_PUSH(c.host.get_tx_context().gas_price)
            case OP_EXTCODESIZE:
            l_EXTCODESIZE : {
                PAREVM_CHARGE_VARIABLE();
                const Address addr = to_address(sp[-1]);
                if (!charge_account_access(c, gas, addr)) PAREVM_HALT(StatusCode::out_of_gas);
                sp[-1] = uint256{c.host.get_code_size(addr)};
                ++pc;
                PAREVM_NEXT;
            }
            case OP_EXTCODECOPY:
            l_EXTCODECOPY:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_extcodecopy);
                ++pc;
                PAREVM_NEXT;
            case OP_RETURNDATASIZE:
            l_RETURNDATASIZE:
                PAREVM_PUSH(uint256{c.f.return_data.size()})
            case OP_RETURNDATACOPY:
            l_RETURNDATACOPY:
                PAREVM_INVOKE(op_returndatacopy);
                ++pc;
                goto block_start;
            case OP_EXTCODEHASH:
            l_EXTCODEHASH : {
                PAREVM_CHARGE_VARIABLE();
                const Address addr = to_address(sp[-1]);
                if (!charge_account_access(c, gas, addr)) PAREVM_HALT(StatusCode::out_of_gas);
                sp[-1] = to_word(c.host.get_code_hash(addr));
                ++pc;
                PAREVM_NEXT;
            }

            case OP_BLOCKHASH:

            l_BLOCKHASH : {
                // YP: only the 256 most recent complete blocks are available.
                const int64_t current = c.host.get_tx_context().block_number;
                const uint256 n = load_limbs(&sp[-1]);
                const int64_t lower = current > 256 ? current - 256 : 0;
                const bool in_range = n.fits_u64() && n.w[0] < static_cast<uint64_t>(current) &&
                                      n.w[0] >= static_cast<uint64_t>(lower);
                sp[-1] = in_range ? to_word(c.host.get_block_hash(static_cast<int64_t>(n.w[0])))
                                  : uint256{};
                ++pc;
                PAREVM_NEXT;
            }
            case OP_COINBASE:
            l_COINBASE:
                PAREVM_PUSH(to_word(c.host.get_tx_context().coinbase))
            case OP_TIMESTAMP:
            l_TIMESTAMP:
                PAREVM_PUSH(uint256{static_cast<uint64_t>(c.host.get_tx_context().timestamp)})
            case OP_NUMBER:
            l_NUMBER:
                PAREVM_PUSH(uint256{static_cast<uint64_t>(c.host.get_tx_context().block_number)})
            case OP_PREVRANDAO:
            l_PREVRANDAO:  // DIFFICULTY before Paris, EIP-4399 PREVRANDAO after
                PAREVM_PUSH(c.host.get_tx_context().prev_randao)
            case OP_GASLIMIT:
            l_GASLIMIT:
                PAREVM_PUSH(uint256{static_cast<uint64_t>(c.host.get_tx_context().gas_limit)})
            case OP_CHAINID:
            l_CHAINID:
                PAREVM_PUSH(c.host.get_tx_context().chain_id)
            case OP_SELFBALANCE:
            l_SELFBALANCE:
                PAREVM_PUSH(c.host.get_balance(c.msg.recipient))
            case OP_BASEFEE:
            l_BASEFEE:
                PAREVM_PUSH(c.host.get_tx_context().base_fee)
            case OP_BLOBHASH:
            l_BLOBHASH : {  // EIP-4844
                const auto& hashes = c.host.get_tx_context().blob_hashes;
                const uint256 i = load_limbs(&sp[-1]);
                sp[-1] =
                    i.fits_u64() && i.w[0] < hashes.size() ? to_word(hashes[i.w[0]]) : uint256{};
                ++pc;
                PAREVM_NEXT;
            }
            case OP_BLOBBASEFEE:
            l_BLOBBASEFEE:  // EIP-7516
                PAREVM_PUSH(c.host.get_tx_context().blob_base_fee)

            case OP_POP:

            l_POP:
                --sp;
                ++pc;
                PAREVM_NEXT;
            case OP_MLOAD:
            l_MLOAD:
                if (!check_memory(c.f, gas, sp[-1], 32)) PAREVM_HALT(StatusCode::out_of_gas);
                sp[-1] = load_word(c.f.memory + sp[-1].w[0]);
                ++pc;
                PAREVM_NEXT;
            case OP_MSTORE:
            l_MSTORE:
                if (!check_memory(c.f, gas, sp[-1], 32)) PAREVM_HALT(StatusCode::out_of_gas);
                store_word(c.f.memory + sp[-1].w[0], sp[-2]);
                sp -= 2;
                ++pc;
                PAREVM_NEXT;
            case OP_MSTORE8:
            l_MSTORE8:
                if (!check_memory(c.f, gas, sp[-1], 1)) PAREVM_HALT(StatusCode::out_of_gas);
                c.f.memory[sp[-1].w[0]] = static_cast<uint8_t>(sp[-2].w[0]);
                sp -= 2;
                ++pc;
                PAREVM_NEXT;
            case OP_SLOAD:
            l_SLOAD:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_sload);
                ++pc;
                PAREVM_NEXT;
            case OP_SSTORE:
            l_SSTORE:
                PAREVM_INVOKE(op_sstore);
                ++pc;
                goto block_start;
            case OP_JUMP:
            l_JUMP : {
                PAREVM_LOAD_LIMBS(d, sp - 1);
                --sp;
                // Scalars, not a uint256 local (see PAREVM_LIMB_BINOP).
                const bool small = (d1 | d2 | d3) == 0;
                if constexpr (Careful) {
                    if (!small || !c.code.is_jumpdest(d0))
                        PAREVM_HALT(StatusCode::bad_jump_destination);
                    pc = c.code_begin + d0;
                    PAREVM_NEXT;
                } else {
                    // One lookup: the JUMPDEST flag and the block index of the target.
                    if (!small || d0 >= c.code.code_size)
                        PAREVM_HALT(StatusCode::bad_jump_destination);
                    const uint32_t e = block_index[d0];
                    if ((e & CodeAnalysis::jumpdest_flag) == 0)
                        PAREVM_HALT(StatusCode::bad_jump_destination);
                    pc = c.code_begin + d0 + 1;  // past the JUMPDEST
                    block_entry = e & index_mask;
                    goto enter_block;
                }
            }
            case OP_JUMPI:
            l_JUMPI : {
                PAREVM_LOAD_LIMBS(d, sp - 1);
                const uint256* cond_word = sp - 2;
                const bool cond =
                    (cond_word->w[0] | cond_word->w[1] | cond_word->w[2] | cond_word->w[3]) != 0;
                sp -= 2;
                const bool small = (d1 | d2 | d3) == 0;
                if constexpr (Careful) {
                    if (cond) {
                        if (!small || !c.code.is_jumpdest(d0))
                            PAREVM_HALT(StatusCode::bad_jump_destination);
                        pc = c.code_begin + d0;
                    } else {
                        ++pc;
                    }
                    PAREVM_NEXT;
                } else {
                    if (cond) {
                        if (!small || d0 >= c.code.code_size)
                            PAREVM_HALT(StatusCode::bad_jump_destination);
                        const uint32_t e = block_index[d0];
                        if ((e & CodeAnalysis::jumpdest_flag) == 0)
                            PAREVM_HALT(StatusCode::bad_jump_destination);
                        pc = c.code_begin + d0 + 1;  // past the JUMPDEST
                        block_entry = e & index_mask;
                        goto enter_block;
                    }
                    ++pc;  // a JUMPI ends its block: the next one starts here
                    goto block_start;
                }
            }
            case OP_PC:
            l_PC:
                PAREVM_PUSH(uint256{static_cast<uint64_t>(pc - c.code_begin)})
            case OP_MSIZE:
            l_MSIZE:
                PAREVM_PUSH(uint256{c.f.memory_size})
            case OP_GAS:
            l_GAS:
                *sp++ = uint256{static_cast<uint64_t>(gas)};
                ++pc;
                goto block_start;
            case OP_JUMPDEST:
            l_JUMPDEST:
                if constexpr (!Careful) {
                    // Falling into the block that this JUMPDEST starts (and whose gas includes
                    // it): enter it past the JUMPDEST, as a jump does.
                    block_entry = block_index[pc - c.code_begin] & index_mask;
                    ++pc;
                    goto enter_block;
                }
                ++pc;
                PAREVM_NEXT;
            case OP_TLOAD:
            l_TLOAD:  // EIP-1153
                sp[-1] = c.host.get_transient_storage(c.msg.recipient, sp[-1]);
                ++pc;
                PAREVM_NEXT;
            case OP_TSTORE:
            l_TSTORE:
                if (c.msg.is_static) PAREVM_HALT(StatusCode::static_mode_violation);
                c.host.set_transient_storage(c.msg.recipient, sp[-1], sp[-2]);
                sp -= 2;
                ++pc;
                goto block_start;
            case OP_MCOPY:
            l_MCOPY:
                PAREVM_INVOKE(op_mcopy);
                ++pc;
                PAREVM_NEXT;
            case OP_PUSH0:
            l_PUSH0:  // EIP-3855
                PAREVM_PUSH(uint256{})

#define PAREVM_PUSH_CASE(n)                            \
    case OP_PUSH1 + (n)-1:                             \
        l_PUSH##n : push_immediate<(n)>(sp++, pc + 1); \
        pc += (n) + 1;                                 \
        PAREVM_NEXT;
                PAREVM_PUSH_CASE(1)
                PAREVM_PUSH_CASE(2)
                PAREVM_PUSH_CASE(3)
                PAREVM_PUSH_CASE(4)
                PAREVM_PUSH_CASE(5)
                PAREVM_PUSH_CASE(6)
                PAREVM_PUSH_CASE(7)
                PAREVM_PUSH_CASE(8)
                PAREVM_PUSH_CASE(9)
                PAREVM_PUSH_CASE(10)
                PAREVM_PUSH_CASE(11)
                PAREVM_PUSH_CASE(12)
                PAREVM_PUSH_CASE(13)
                PAREVM_PUSH_CASE(14)
                PAREVM_PUSH_CASE(15)
                PAREVM_PUSH_CASE(16)
                PAREVM_PUSH_CASE(17)
                PAREVM_PUSH_CASE(18)
                PAREVM_PUSH_CASE(19)
                PAREVM_PUSH_CASE(20)
                PAREVM_PUSH_CASE(21)
                PAREVM_PUSH_CASE(22)
                PAREVM_PUSH_CASE(23)
                PAREVM_PUSH_CASE(24)
                PAREVM_PUSH_CASE(25)
                PAREVM_PUSH_CASE(26)
                PAREVM_PUSH_CASE(27)
                PAREVM_PUSH_CASE(28)
                PAREVM_PUSH_CASE(29)
                PAREVM_PUSH_CASE(30)
                PAREVM_PUSH_CASE(31)
                PAREVM_PUSH_CASE(32)
#undef PAREVM_PUSH_CASE

#define PAREVM_DUP_SWAP_CASE(n)                     \
    case OP_DUP1 + (n)-1:                           \
        l_DUP##n : copy_word(sp, sp - (n));         \
        ++sp;                                       \
        ++pc;                                       \
        PAREVM_NEXT;                                \
    case OP_SWAP1 + (n)-1:                          \
        l_SWAP##n : swap_words(sp - 1, sp - (n)-1); \
        ++pc;                                       \
        PAREVM_NEXT;
                PAREVM_DUP_SWAP_CASE(1)
                PAREVM_DUP_SWAP_CASE(2)
                PAREVM_DUP_SWAP_CASE(3)
                PAREVM_DUP_SWAP_CASE(4)
                PAREVM_DUP_SWAP_CASE(5)
                PAREVM_DUP_SWAP_CASE(6)
                PAREVM_DUP_SWAP_CASE(7)
                PAREVM_DUP_SWAP_CASE(8)
                PAREVM_DUP_SWAP_CASE(9)
                PAREVM_DUP_SWAP_CASE(10)
                PAREVM_DUP_SWAP_CASE(11)
                PAREVM_DUP_SWAP_CASE(12)
                PAREVM_DUP_SWAP_CASE(13)
                PAREVM_DUP_SWAP_CASE(14)
                PAREVM_DUP_SWAP_CASE(15)
                PAREVM_DUP_SWAP_CASE(16)
#undef PAREVM_DUP_SWAP_CASE

            case OP_LOG0:

            l_LOG0:
            case OP_LOG1:
            l_LOG1:
            case OP_LOG2:
            l_LOG2:
            case OP_LOG3:
            l_LOG3:
            case OP_LOG4:
            l_LOG4:
                PAREVM_INVOKE(op_log, op - OP_LOG0);
                ++pc;
                goto block_start;

            case OP_CREATE:

            l_CREATE:
                PAREVM_INVOKE(op_create, CallKind::create);
                ++pc;
                goto block_start;
            case OP_CREATE2:
            l_CREATE2:
                PAREVM_INVOKE(op_create, CallKind::create2);
                ++pc;
                goto block_start;
            case OP_CALL:
            l_CALL:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_call, CallKind::call);
                ++pc;
                goto block_start;
            case OP_CALLCODE:
            l_CALLCODE:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_call, CallKind::callcode);
                ++pc;
                goto block_start;
            case OP_DELEGATECALL:
            l_DELEGATECALL:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_call, CallKind::delegatecall);
                ++pc;
                goto block_start;
            case OP_STATICCALL:
            l_STATICCALL:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_call, CallKind::staticcall);
                ++pc;
                goto block_start;
            case OP_RETURN:
            l_RETURN:
            case OP_REVERT:
            l_REVERT:
                out_off = sp[-1];
                out_size = sp[-2];
                if (!check_memory(c.f, gas, out_off, out_size)) PAREVM_HALT(StatusCode::out_of_gas);
                PAREVM_HALT(op == OP_RETURN ? StatusCode::success : StatusCode::revert);
            case OP_INVALID:
            l_INVALID:
                PAREVM_HALT(StatusCode::invalid_instruction);
            case OP_SELFDESTRUCT:
            l_SELFDESTRUCT:
                PAREVM_CHARGE_VARIABLE();
                PAREVM_INVOKE(op_selfdestruct);
                PAREVM_HALT(StatusCode::success);
            default:
                // Every opcode with a cost in the table has a case above.
                PAREVM_ASSERT(false);
        }
    }

#undef PAREVM_HALT
#undef PAREVM_INVOKE
#undef PAREVM_BINOP
#undef PAREVM_CALL_OP
#undef PAREVM_LOAD_LIMBS
#undef PAREVM_LIMB_BINOP
#undef PAREVM_PUSH
#undef PAREVM_CHARGE_VARIABLE
#undef PAREVM_NEXT

halt:
    Result r;
    r.status = status;
    if (status == StatusCode::success || status == StatusCode::revert) {
        r.gas_left = gas;
        if (out_size) r.output.assign(f.memory + out_off.w[0], out_size.w[0]);
    }
    if (status == StatusCode::success) r.gas_refund = c.refund;
    return r;
}

}  // namespace

Result execute(Host& host,
               Revision rev,
               const Message& msg,
               const CodeAnalysis& analysis) noexcept {
    FrameHandle handle;
    FrameState& f = *handle;
    Context c{host, rev, msg, analysis, f};
    c.table = op_table(rev).data();
    c.code_begin = analysis.padded_code.get();
    c.stack_base = f.stack;
    return run<false>(c, c.code_begin, f.stack, msg.gas);
}

Result execute(Host& host, Revision rev, const Message& msg, bytes_view code) noexcept {
    const auto analysis = analyze(code);
    return execute(host, rev, msg, *analysis);
}

}  // namespace parevm
