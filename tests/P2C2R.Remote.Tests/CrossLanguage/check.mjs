// Reads {decode: [{name, hex}], encode: [{name, tree}]} on stdin and answers
// {decoded: [{name, tree}], encoded: [{name, hex}]} using @msgpack/msgpack, so the C# test can
// compare both directions. A "tree" is MessagePack with its types spelled out:
//   {t:"nil"} {t:"bool",v} {t:"num",v:"decimal"} {t:"num",bits:"ieee754 hex"} {t:"str",v}
//   {t:"bin",v:base64} {t:"arr",v:[...]} {t:"map",v:[[k,v],...]} {t:"ext",type,v:base64}
//   {t:"ts",sec:"decimal",nsec}
import { Decoder, Encoder, ExtensionCodec, ExtData, EXT_TIMESTAMP, decodeTimestampToTimeSpec, encodeTimeSpecToTimestamp } from "@msgpack/msgpack";

const codec = new ExtensionCodec();
codec.register({
  type: EXT_TIMESTAMP,
  encode: () => null,
  decode: (data) => ({ timestamp: decodeTimestampToTimeSpec(data) }),
});
const decoder = new Decoder({ extensionCodec: codec, useBigInt64: true });
const encoder = new Encoder({ useBigInt64: true });

const hex = (bytes) => Buffer.from(bytes).toString("hex");
const base64 = (bytes) => Buffer.from(bytes).toString("base64");

function floatBits(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  return hex(new Uint8Array(view.buffer));
}

function tag(value) {
  if (value === null || value === undefined) return { t: "nil" };
  if (typeof value === "boolean") return { t: "bool", v: value };
  if (typeof value === "bigint") return { t: "num", v: value.toString() };
  if (typeof value === "number") {
    return Number.isSafeInteger(value) && !Object.is(value, -0) ? { t: "num", v: String(value) } : { t: "num", bits: floatBits(value) };
  }
  if (typeof value === "string") return { t: "str", v: value };
  if (value instanceof Uint8Array) return { t: "bin", v: base64(value) };
  if (Array.isArray(value)) return { t: "arr", v: value.map(tag) };
  if (value instanceof ExtData) return { t: "ext", type: value.type, v: base64(value.data) };
  if (value.timestamp) return { t: "ts", sec: String(value.timestamp.sec), nsec: value.timestamp.nsec };
  return { t: "map", v: Object.entries(value).map(([k, v]) => [tag(k), tag(v)]) };
}

function untag(tree) {
  switch (tree.t) {
    case "nil": return null;
    case "bool": return tree.v;
    case "num": {
      if (tree.bits !== undefined) return new DataView(Uint8Array.from(Buffer.from(tree.bits, "hex")).buffer).getFloat64(0);
      // The encoder writes Numbers beyond 32 bits as float64; BigInts take the 64-bit integer formats.
      const big = BigInt(tree.v);
      return big >= -(2n ** 31n) && big < 2n ** 32n ? Number(big) : big;
    }
    case "str": return tree.v;
    case "bin": return Uint8Array.from(Buffer.from(tree.v, "base64"));
    case "arr": return tree.v.map(untag);
    case "map": return Object.fromEntries(tree.v.map(([k, v]) => [untag(k), untag(v)]));
    case "ext": return new ExtData(tree.type, Uint8Array.from(Buffer.from(tree.v, "base64")));
    case "ts": return new ExtData(EXT_TIMESTAMP, encodeTimeSpecToTimestamp({ sec: Number(tree.sec), nsec: tree.nsec }));
    default: throw new Error(`unknown tag ${tree.t}`);
  }
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const answer = {
  decoded: request.decode.map(({ name, hex: h }) => ({ name, tree: tag(decoder.decode(Buffer.from(h, "hex"))) })),
  encoded: request.encode.map(({ name, tree }) => ({ name, hex: hex(encoder.encode(untag(tree))) })),
};
process.stdout.write(JSON.stringify(answer));
