// A helper written from docs/PROTOCOL.md alone. It connects to a coordinator's edge (from
// [localAddress] when given), proves its identity with a fresh ECDSA P-256 key, registers, and
// answers every task it is given the way <mode> says, printing one JSON line per event on
// standard output:
//   node helper.mjs <host> <port> <name> <mode> [localAddress]
//   mode "honest": computes render.upscale (§9, the reference's integer taps), fetching the blobs
//                  a task names (§7), and refuses the task types it does not implement (status 1);
//   mode "refuse": every task is handed back (status 3), so the coordinator must reassign it;
//   mode "wrong":  every task is answered "ok" with an output that is not the task's result.
import net from "node:net";
import crypto from "node:crypto";
import { encode, Decoder } from "@msgpack/msgpack";

const [host, port, name, mode, localAddress] = process.argv.slice(2);
const decoder = new Decoder({ useBigInt64: true });
const Code = {
  Challenge: 1, Hello: 2, Welcome: 3, Goodbye: 4, Ping: 5, Pong: 6,
  Register: 20, Accepted: 21, Load: 22, Assign: 23, Result: 24, Credit: 25, BlobRequest: 26, BlobData: 27,
};
const Status = { Ok: 0, InvalidInput: 1, Failed: 2, HandedBack: 3 };
const say = (event) => console.log(JSON.stringify(event, (_, v) => (typeof v === "bigint" ? Number(v) : v)));

// §1: u32 length (code + body), u16 code, MessagePack body; both big-endian.
function frame(code, fields) {
  const body = encode(fields, { useBigInt64: true });
  const header = Buffer.alloc(6);
  header.writeUInt32BE(body.length + 2, 0);
  header.writeUInt16BE(code, 4);
  return Buffer.concat([header, Buffer.from(body)]);
}

// §2: the key pair, its SubjectPublicKeyInfo, and the signed proof.
const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const spki = publicKey.export({ type: "spki", format: "der" });
const account = crypto.createHash("sha256").update(spki).digest().subarray(0, 16).toString("hex");

function hello(nonce) {
  const role = 1;
  const proof = Buffer.concat([Buffer.from("p2c2r-edge-v2\0", "ascii"), Buffer.from([role]), nonce, spki]);
  const signature = crypto.sign("sha256", proof, { key: privateKey, dsaEncoding: "ieee-p1363" });
  return frame(Code.Hello, [2, role, spki, signature, name, null]);
}

// §9, render.upscale: separable integer taps (Q14), each set summing to exactly 2^14, computed in
// IEEE double in the reference's order; .NET's Math.Round rounds halves to even.
const WeightBits = 14;
const Half = 1 << (WeightBits - 1);
const roundHalfEven = (x) => {
  const floor = Math.floor(x);
  const fraction = x - floor;
  return fraction > 0.5 ? floor + 1 : fraction < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
};
const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));

function sinPi(x) {
  const n = roundHalfEven(x);
  const r = x - n;
  const t = r * r;
  const y = r * Math.PI * (1.0 + t * (-1.6449340668482264 + t * (0.8117424252833535 + t * (-0.1907518241220842
    + t * (0.02614784781765479 + t * (-0.0023460810354558226 + t * (0.00014842879303107092
    + t * (-6.975873661656377e-06 + t * (2.531217404137026e-07 + t * -7.304711822217769e-09)))))))));
  return Math.abs(n % 2) === 1 ? -y : y;
}
const sinc = (x) => (x === 0.0 ? 1.0 : sinPi(x) / (Math.PI * x));

function filter(quality, x) {
  const d = Math.abs(x);
  if (quality === 1) return Math.max(0.0, 1.0 - d);
  if (quality === 2) {
    const a = -0.5;
    return d <= 1 ? ((a + 2) * d - (a + 3)) * d * d + 1 : d < 2 ? ((a * d - 5 * a) * d + 8 * a) * d - 4 * a : 0.0;
  }
  return d < 3 ? sinc(d) * sinc(d / 3) : 0.0;
}

function kernel(source, target, quality) {
  const scale = source / target;
  const radius = [0, 1, 2, 3][quality];
  const taps = Math.max(1, 2 * radius);
  const first = new Int32Array(target);
  const weights = new Int16Array(target * taps);
  const raw = new Float64Array(taps);
  for (let i = 0; i < target; i++) {
    const centre = (i + 0.5) * scale - 0.5;
    if (quality === 0) {
      first[i] = Math.floor(centre + 0.5);
      weights[i] = 1 << WeightBits;
      continue;
    }
    const start = Math.floor(centre) - radius + 1;
    first[i] = start;
    let sum = 0.0;
    for (let k = 0; k < taps; k++) {
      raw[k] = filter(quality, centre - (start + k));
      sum += raw[k];
    }
    let total = 0;
    let largest = 0;
    for (let k = 0; k < taps; k++) {
      const w = roundHalfEven(raw[k] / sum * (1 << WeightBits));
      weights[i * taps + k] = w;
      total += w;
      if (Math.abs(w) > Math.abs(weights[i * taps + largest])) largest = k;
    }
    weights[i * taps + largest] += (1 << WeightBits) - total;
  }
  return { taps, first, weights };
}

function upscale([sourceWidth, sourceHeight, sourceField, targetWidth, targetHeight, quality, rowStart, rowCount]) {
  // §9: the source is one bin, or an array of strips (bins) whose concatenation is the image.
  const source = Array.isArray(sourceField) ? Buffer.concat(sourceField.map((strip) => Buffer.from(strip))) : sourceField;
  if (!(quality >= 0 && quality <= 3) || rowStart < 0 || rowCount < 1 || rowStart + rowCount > targetHeight
    || source.length !== sourceWidth * sourceHeight * 3) {
    return null;
  }
  const horizontal = kernel(sourceWidth, targetWidth, quality);
  const vertical = kernel(sourceHeight, targetHeight, quality);
  const firstSource = Math.max(0, vertical.first[rowStart]);
  const lastSource = Math.min(sourceHeight - 1, vertical.first[rowStart + rowCount - 1] + vertical.taps - 1);
  const rowBytes = targetWidth * 3;
  const filtered = new Int32Array((lastSource - firstSource + 1) * rowBytes);
  for (let sy = firstSource; sy <= lastSource; sy++) {
    const sourceRow = sy * sourceWidth * 3;
    for (let x = 0; x < targetWidth; x++) {
      let r = 0, g = 0, b = 0;
      for (let k = 0; k < horizontal.taps; k++) {
        const sx = sourceRow + clamp(horizontal.first[x] + k, 0, sourceWidth - 1) * 3;
        const w = horizontal.weights[x * horizontal.taps + k];
        r += w * source[sx];
        g += w * source[sx + 1];
        b += w * source[sx + 2];
      }
      const at = (sy - firstSource) * rowBytes + x * 3;
      filtered[at] = (r + Half) >> WeightBits;
      filtered[at + 1] = (g + Half) >> WeightBits;
      filtered[at + 2] = (b + Half) >> WeightBits;
    }
  }
  const output = new Uint8Array(rowCount * rowBytes);
  for (let y = rowStart; y < rowStart + rowCount; y++) {
    for (let x = 0; x < rowBytes; x++) {
      let sum = 0;
      for (let k = 0; k < vertical.taps; k++) {
        const sy = clamp(vertical.first[y] + k, 0, sourceHeight - 1);
        sum += vertical.weights[y * vertical.taps + k] * filtered[(sy - firstSource) * rowBytes + x];
      }
      output[(y - rowStart) * rowBytes + x] = clamp((sum + Half) >> WeightBits, 0, 255);
    }
  }
  return output;
}

function answer(taskId, taskType, input) {
  if (mode === "refuse") return [taskId, Status.HandedBack, null, "this helper hands every task back", 0];
  if (mode === "wrong") return [taskId, Status.Ok, encode([Buffer.from("not the result")]), null, 1000];
  if (taskType !== "render.upscale") return [taskId, Status.InvalidInput, null, `${taskType} is not implemented by this helper`, 0];
  const started = process.hrtime.bigint();
  const rgb = upscale(decoder.decode(input));
  const micros = Number((process.hrtime.bigint() - started) / 1000n);
  if (rgb === null) return [taskId, Status.InvalidInput, null, "the input breaks a documented range", micros];
  // §7: a helper keeps the large bins of its outputs; the next task may name them.
  keep(Buffer.from(encode(rgb)));
  return [taskId, Status.Ok, encode([rgb]), null, micros];
}

// §7: blobs by SHA-256, a task's input is its inline bytes with each splice's blob inserted.
const blobs = new Map();
const waiting = [];
const hex = (digest) => Buffer.from(digest).toString("hex");
function keep(content) {
  if (content.length < 1024) return;
  if (blobs.size > 512) blobs.delete(blobs.keys().next().value);
  blobs.set(crypto.createHash("sha256").update(content).digest("hex"), content);
}
function missing(splices) {
  return (splices ?? []).filter(([, digest]) => !blobs.has(hex(digest))).map(([, digest]) => digest);
}
function assemble(inline, splices) {
  const parts = [];
  let taken = 0;
  for (const [offset, digest] of splices ?? []) {
    parts.push(Buffer.from(inline).subarray(taken, offset), blobs.get(hex(digest)));
    taken = offset;
  }
  parts.push(Buffer.from(inline).subarray(taken));
  return Buffer.concat(parts);
}
function run([taskId, taskType, inline, , splices]) {
  const result = answer(taskId, taskType, assemble(inline, splices));
  say({ task: taskId, type: taskType, status: result[1] });
  socket.write(frame(Code.Result, result));
}

const taskTypes = mode === "honest" ? ["render.upscale"] : ["render.raytrace", "render.upscale", "codec.deflate"];
const socket = net.connect({ port: Number(port), host, localAddress });
let pending = Buffer.alloc(0);
let load;
socket.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 6) {
    const length = pending.readUInt32BE(0);
    if (pending.length < 4 + length) break;
    const code = pending.readUInt16BE(4);
    const body = decoder.decode(pending.subarray(6, 4 + length));
    pending = pending.subarray(4 + length);
    onMessage(code, body);
  }
});
socket.on("error", (error) => say({ error: error.message }));
socket.on("close", () => {
  clearInterval(load);
  say({ closed: true });
  process.exit(0);
});

function onMessage(code, body) {
  switch (code) {
    case Code.Challenge:
      socket.write(hello(Buffer.from(body[1])));
      break;
    case Code.Welcome:
      say({ welcome: body[0], account });
      // §5: what the helper offers: [name, cores, memoryBytes, taskTypes, frameMs, concurrency, donate].
      socket.write(frame(Code.Register, [[name, 1, 1 << 30, taskTypes, 1.0, 4, false]]));
      load = setInterval(() => socket.write(frame(Code.Load, [0, 4])), 1000);
      break;
    case Code.Accepted:
      say({ accepted: body[0] });
      break;
    case Code.Assign: {
      const lacking = mode === "honest" ? missing(body[4]) : [];
      if (lacking.length === 0) {
        run(body);
      } else {
        waiting.push(body);
        socket.write(frame(Code.BlobRequest, [lacking]));
      }
      break;
    }
    case Code.BlobData: {
      const [digest, content] = body;
      if (crypto.createHash("sha256").update(content).digest("hex") !== hex(digest)) {
        socket.write(frame(Code.Goodbye, [12, "a blob does not hash to its digest"]));
        break;
      }
      blobs.set(hex(digest), Buffer.from(content));
      for (const task of waiting.splice(0)) {
        if (missing(task[4]).length === 0) run(task);
        else waiting.push(task);
      }
      break;
    }
    case Code.Credit:
      say({ credits: body[0], validated: body[1], rejected: body[2] });
      break;
    case Code.Ping:
      socket.write(frame(Code.Pong, body));
      break;
    case Code.Goodbye:
      say({ goodbye: body[0], reason: body[1] });
      break;
  }
}
