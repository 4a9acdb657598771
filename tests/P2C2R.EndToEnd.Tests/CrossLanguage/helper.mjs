// A helper written from docs/PROTOCOL.md alone. It connects to a coordinator's edge, proves its
// identity with a fresh ECDSA P-256 key, registers, and answers every task it is given the way
// <mode> says, printing one JSON line per event on standard output:
//   node helper.mjs <host> <port> <name> <mode>
//   mode "refuse": every task is handed back (status 3), so the coordinator must reassign it;
//   mode "wrong":  every task is answered "ok" with an output that is not the task's result.
import net from "node:net";
import crypto from "node:crypto";
import { encode, Decoder } from "@msgpack/msgpack";

const [host, port, name, mode] = process.argv.slice(2);
const decoder = new Decoder({ useBigInt64: true });
const Code = {
  Challenge: 1, Hello: 2, Welcome: 3, Goodbye: 4, Ping: 5, Pong: 6,
  Register: 20, Accepted: 21, Load: 22, Assign: 23, Result: 24, Credit: 25,
};
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

const socket = net.connect(Number(port), host);
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
      socket.write(frame(Code.Register, [[name, 1, 1 << 30, ["render.raytrace", "render.upscale", "codec.deflate"], 1.0, 4, false]]));
      load = setInterval(() => socket.write(frame(Code.Load, [0, 4])), 1000);
      break;
    case Code.Accepted:
      say({ accepted: body[0] });
      break;
    case Code.Assign: {
      const [taskId, taskType] = body;
      say({ task: taskId, type: taskType });
      const result = mode === "refuse"
        ? [taskId, 3, null, "this helper hands every task back", 0]
        : [taskId, 0, encode([Buffer.from("not the result")]), null, 1000];
      socket.write(frame(Code.Result, result));
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
