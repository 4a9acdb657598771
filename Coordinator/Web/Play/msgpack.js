// MessagePack for the edge (docs/PROTOCOL.md §1): exactly the types edge messages use (nil,
// booleans, integers, float64, strings, bin, arrays), written with the smallest encodings as the
// coordinator writes them. Bytes from the network are hostile: every length is checked against
// what is left before anything is allocated, nesting is bounded, and one body is one value.

const MAX_DEPTH = 16;
const utf8 = new TextEncoder();
const strict = new TextDecoder('utf-8', { fatal: true });

export class MsgpackError extends Error {}

export function encode(value) {
  const out = new Writer();
  write(out, value);
  return out.bytes();
}

export function decode(bytes) {
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.offset !== bytes.length) {
    throw new MsgpackError(`${bytes.length - reader.offset} bytes after the value`);
  }
  return value;
}

function write(out, value) {
  if (value === null || value === undefined) {
    out.byte(0xc0);
  } else if (value === true || value === false) {
    out.byte(value ? 0xc3 : 0xc2);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new MsgpackError(`${value} is not an integer the edge sends`);
    }
    writeInt(out, value);
  } else if (typeof value === 'bigint') {
    writeBigInt(out, value);
  } else if (typeof value === 'string') {
    const bytes = utf8.encode(value);
    header(out, bytes.length, 0xa0, 31, 0xd9, 0xda, 0xdb);
    out.raw(bytes);
  } else if (value instanceof Uint8Array) {
    header(out, value.length, null, 0, 0xc4, 0xc5, 0xc6);
    out.raw(value);
  } else if (Array.isArray(value)) {
    if (value.length < 16) {
      out.byte(0x90 | value.length);
    } else if (value.length < 0x10000) {
      out.byte(0xdc); out.u16(value.length);
    } else {
      out.byte(0xdd); out.u32(value.length);
    }
    for (const item of value) {
      write(out, item);
    }
  } else {
    throw new MsgpackError(`cannot encode ${typeof value}`);
  }
}

function header(out, length, fix, fixMax, h8, h16, h32) {
  if (fix !== null && length <= fixMax) {
    out.byte(fix | length);
  } else if (length < 0x100) {
    out.byte(h8); out.byte(length);
  } else if (length < 0x10000) {
    out.byte(h16); out.u16(length);
  } else {
    out.byte(h32); out.u32(length);
  }
}

function writeInt(out, n) {
  if (n >= 0) {
    if (n < 0x80) { out.byte(n); }
    else if (n < 0x100) { out.byte(0xcc); out.byte(n); }
    else if (n < 0x10000) { out.byte(0xcd); out.u16(n); }
    else if (n < 0x100000000) { out.byte(0xce); out.u32(n); }
    else { writeBigInt(out, BigInt(n)); }
  } else if (n >= -32) { out.byte(0xe0 | (n + 32)); }
  else if (n >= -0x80) { out.byte(0xd0); out.byte(n & 0xff); }
  else if (n >= -0x8000) { out.byte(0xd1); out.u16(n & 0xffff); }
  else if (n >= -0x80000000) { out.byte(0xd2); out.u32(n >>> 0); }
  else { writeBigInt(out, BigInt(n)); }
}

function writeBigInt(out, n) {
  if (n >= -0x80000000n && n < 0x100000000n) {
    writeInt(out, Number(n));
  } else if (n >= 0n && n < 1n << 64n) {
    out.byte(0xcf); out.u64(n);
  } else if (n < 0n && n >= -(1n << 63n)) {
    out.byte(0xd3); out.u64(BigInt.asUintN(64, n));
  } else {
    throw new MsgpackError(`${n} does not fit 64 bits`);
  }
}

class Writer {
  constructor() { this.buffer = new Uint8Array(256); this.length = 0; }
  reserve(n) {
    if (this.length + n > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
  }
  byte(b) { this.reserve(1); this.buffer[this.length++] = b; }
  u16(n) { this.byte(n >>> 8); this.byte(n & 0xff); }
  u32(n) { this.reserve(4); new DataView(this.buffer.buffer).setUint32(this.length, n); this.length += 4; }
  u64(n) { this.reserve(8); new DataView(this.buffer.buffer).setBigUint64(this.length, n); this.length += 8; }
  raw(bytes) { this.reserve(bytes.length); this.buffer.set(bytes, this.length); this.length += bytes.length; }
  bytes() { return this.buffer.slice(0, this.length); }
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offset = 0;
  }

  need(n) {
    if (n > this.bytes.length - this.offset) {
      throw new MsgpackError(`truncated: ${n} bytes needed at ${this.offset}, ${this.bytes.length - this.offset} left`);
    }
    const at = this.offset;
    this.offset += n;
    return at;
  }

  u8() { return this.view.getUint8(this.need(1)); }
  u16() { return this.view.getUint16(this.need(2)); }
  u32() { return this.view.getUint32(this.need(4)); }

  value(depth) {
    if (depth > MAX_DEPTH) {
      throw new MsgpackError(`nested deeper than ${MAX_DEPTH}`);
    }
    const b = this.u8();
    if (b < 0x80) return b;
    if (b >= 0xe0) return b - 0x100;
    if ((b & 0xf0) === 0x90) return this.array(b & 0x0f, depth);
    if ((b & 0xe0) === 0xa0) return this.str(b & 0x1f);
    switch (b) {
      case 0xc0: return null;
      case 0xc2: return false;
      case 0xc3: return true;
      case 0xc4: return this.bin(this.u8());
      case 0xc5: return this.bin(this.u16());
      case 0xc6: return this.bin(this.u32());
      case 0xca: return this.view.getFloat32(this.need(4));
      case 0xcb: return this.view.getFloat64(this.need(8));
      case 0xcc: return this.u8();
      case 0xcd: return this.u16();
      case 0xce: return this.u32();
      case 0xcf: return integer(this.view.getBigUint64(this.need(8)));
      case 0xd0: return this.view.getInt8(this.need(1));
      case 0xd1: return this.view.getInt16(this.need(2));
      case 0xd2: return this.view.getInt32(this.need(4));
      case 0xd3: return integer(this.view.getBigInt64(this.need(8)));
      case 0xd9: return this.str(this.u8());
      case 0xda: return this.str(this.u16());
      case 0xdb: return this.str(this.u32());
      case 0xdc: return this.array(this.u16(), depth);
      case 0xdd: return this.array(this.u32(), depth);
      default: throw new MsgpackError(`type 0x${b.toString(16)} is not used on the edge`);
    }
  }

  bin(length) {
    const at = this.need(length);
    return this.bytes.slice(at, at + length);
  }

  str(length) {
    const at = this.need(length);
    try {
      return strict.decode(this.bytes.subarray(at, at + length));
    } catch {
      throw new MsgpackError('a string is not UTF-8');
    }
  }

  array(length, depth) {
    // Every element takes at least one byte: a length beyond what is left is a lie.
    if (length > this.bytes.length - this.offset) {
      throw new MsgpackError(`an array of ${length} elements in ${this.bytes.length - this.offset} bytes`);
    }
    const items = new Array(length);
    for (let i = 0; i < length; i++) {
      items[i] = this.value(depth + 1);
    }
    return items;
  }
}

// A 64-bit integer as a Number when it is exact, else as a BigInt (a seed, say).
function integer(big) {
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}
