// SPDX-License-Identifier: Apache-2.0
// parevm bench: compiles bench/contracts/*.sol with a given soljson.js (raw solc-js, no wrapper
// dependencies), takes the Uniswap V2 bytecode from the @uniswap/v2-core build artifacts, and
// writes <Name>.runtime.hex / <Name>.creation.hex plus MANIFEST (keccak256 of each code).
// Usage: node compile.cjs SOLJSON_JS UNISWAP_BUILD_DIR SRC_DIR OUT_DIR
'use strict';
const fs = require('fs');
const path = require('path');

const [soljsonPath, uniswapBuild, srcDir, outDir] = process.argv.slice(2);
if (!outDir) {
    console.error('usage: node compile.cjs SOLJSON_JS UNISWAP_BUILD_DIR SRC_DIR OUT_DIR');
    process.exit(2);
}

// Keccak-256 (the original Keccak padding, as the EVM uses), on BigInt lanes: slow but the
// inputs are a few kilobytes.
function keccak256(bytes) {
    const mask = (1n << 64n) - 1n;
    const rotl = (x, n) => (n === 0 ? x : ((x << BigInt(n)) | (x >> BigInt(64 - n))) & mask);
    const rc = [];
    let lfsr = 1;
    for (let i = 0; i < 24; i++) {
        let c = 0n;
        for (let j = 0; j < 7; j++) {
            if (lfsr & 1) c |= 1n << BigInt((1 << j) - 1);
            lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : (lfsr << 1) & 0xff;
        }
        rc.push(c);
    }
    const rot = new Array(25).fill(0);
    for (let t = 0, x = 1, y = 0; t < 24; t++) {
        rot[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64;
        [x, y] = [y, (2 * x + 3 * y) % 5];
    }
    const s = new Array(25).fill(0n);
    const f = () => {
        for (let round = 0; round < 24; round++) {
            const c = [0, 1, 2, 3, 4].map((x) => s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20]);
            for (let x = 0; x < 5; x++) {
                const d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
                for (let y = 0; y < 25; y += 5) s[x + y] ^= d;
            }
            const b = new Array(25);
            for (let x = 0; x < 5; x++)
                for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(s[x + 5 * y], rot[x + 5 * y]);
            for (let x = 0; x < 5; x++)
                for (let y = 0; y < 5; y++)
                    s[x + 5 * y] = b[x + 5 * y] ^ (~b[((x + 1) % 5) + 5 * y] & mask & b[((x + 2) % 5) + 5 * y]);
            s[0] ^= rc[round];
        }
    };
    const rate = 136;
    const padded = Buffer.alloc(Math.floor(bytes.length / rate) * rate + rate);
    Buffer.from(bytes).copy(padded);
    padded[bytes.length] ^= 0x01;
    padded[padded.length - 1] ^= 0x80;
    for (let off = 0; off < padded.length; off += rate) {
        for (let i = 0; i < rate / 8; i++) s[i] ^= padded.readBigUInt64LE(off + 8 * i);
        f();
    }
    const out = Buffer.alloc(32);
    for (let i = 0; i < 4; i++) out.writeBigUInt64LE(s[i], 8 * i);
    return out.toString('hex');
}
if (keccak256(Buffer.alloc(0)) !== 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470') {
    throw new Error('keccak256 self-test failed');
}

const soljson = require(path.resolve(soljsonPath));
const compile = soljson.cwrap('solidity_compile', 'string', ['string', 'number', 'number']);
const version = soljson.cwrap('solidity_version', 'string', [])();

const sources = {};
const names = fs.readdirSync(srcDir).filter((f) => f.endsWith('.sol')).sort();
for (const f of names) sources[f] = { content: fs.readFileSync(path.join(srcDir, f), 'utf8') };
const input = {
    language: 'Solidity',
    sources,
    settings: {
        optimizer: { enabled: true, runs: 200 },
        evmVersion: 'cancun',
        outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
};
const output = JSON.parse(compile(JSON.stringify(input), 0, 0));
const errors = (output.errors || []).filter((e) => e.severity === 'error');
if (errors.length) {
    for (const e of errors) console.error(e.formattedMessage);
    process.exit(1);
}

const artifacts = {};
for (const f of names) {
    for (const [name, c] of Object.entries(output.contracts[f])) {
        if (!c.evm.bytecode.object) continue;  // interfaces
        artifacts[name] = { creation: c.evm.bytecode.object, runtime: c.evm.deployedBytecode.object };
    }
}
for (const name of ['UniswapV2Factory', 'UniswapV2Pair']) {
    const j = JSON.parse(fs.readFileSync(path.join(uniswapBuild, name + '.json'), 'utf8'));
    artifacts[name] = { creation: j.evm.bytecode.object, runtime: j.evm.deployedBytecode.object };
}

fs.mkdirSync(outDir, { recursive: true });
const manifest = [
    '# keccak256 of each artifact\'s bytecode; regenerate with scripts/gen_contracts.sh',
    `# solc ${version} --optimize --optimize-runs 200 --evm-version cancun; @uniswap/v2-core 1.0.1`,
];
for (const name of Object.keys(artifacts).sort()) {
    for (const kind of ['creation', 'runtime']) {
        const hex = artifacts[name][kind].toLowerCase();
        if (!/^([0-9a-f]{2})+$/.test(hex)) throw new Error(`${name}.${kind}: not plain hex (unlinked?)`);
        const file = `${name}.${kind}.hex`;
        fs.writeFileSync(path.join(outDir, file), hex + '\n');
        manifest.push(`${keccak256(Buffer.from(hex, 'hex'))}  ${file}`);
    }
}
fs.writeFileSync(path.join(outDir, 'MANIFEST'), manifest.join('\n') + '\n');
console.log(`wrote ${Object.keys(artifacts).length} contracts to ${outDir} (solc ${version})`);
