// The edge protocol over a WebSocket (docs/PROTOCOL.md §1-§4, §10): the socket's binary messages
// carry the same byte stream a TCP connection does, so frames are cut from the stream, never
// from message boundaries. Frames are checked as the coordinator checks them: a length below 2
// or above the limit (4096 bytes until Welcome, then Welcome's maxFrameBytes) closes the
// connection before its body is waited for.

import { encode, decode } from './msgpack.js';

export const HANDSHAKE_MAX_FRAME_BYTES = 4096;

// What a gamer sends and receives, by code: the body's fields in order.
export const Messages = {
  challenge: { code: 1, fields: ['protocolVersion', 'nonce', 'coordinator'] },
  hello: { code: 2, fields: ['protocolVersion', 'role', 'publicKey', 'signature', 'name', 'admissionToken'] },
  welcome: { code: 3, fields: ['account', 'heartbeatMs', 'maxFrameBytes'] },
  goodbye: { code: 4, fields: ['code', 'reason'] },
  ping: { code: 5, fields: ['sequence', 'sentMicros'] },
  pong: { code: 6, fields: ['sequence', 'sentMicros'] },
  start: { code: 40, fields: ['ticksPerSecond'] },
  resume: { code: 41, fields: ['sessionId'] },
  started: { code: 42, fields: ['sessionId', 'ticksPerSecond'] },
  input: { code: 43, fields: ['sequence', 'keys'] },
  frame: { code: 44, fields: ['tick', 'width', 'height', 'keyFrame', 'deflate', 'tickStartedUnixMicros', 'counters', 'caption'] },
  end: { code: 45, fields: ['sessionId'] },
  ended: { code: 46, fields: ['sessionId', 'counters'] },
  query: { code: 47, fields: ['sessionId'] },
  list: { code: 48, fields: [] },
  info: { code: 49, fields: ['sessionId', 'account', 'active', 'tick', 'counters', 'worldDigest', 'node'] },
  listReply: { code: 50, fields: ['sessions'] },
  notFound: { code: 51, fields: ['sessionId'] },
  balanceQuery: { code: 52, fields: [] },
  balance: { code: 53, fields: ['account', 'credits'] },
};

const byCode = new Map(Object.entries(Messages).map(([name, type]) => [type.code, { name, ...type }]));
// Codes of the protocol a gamer never receives: known, so not malformed, but of no use here.
const OTHER_CODES = new Set([20, 21, 22, 23, 24, 25, 26, 27, 28, 54, 55]);

export class EdgeError extends Error {
  constructor(code, reason) {
    super(reason);
    this.code = code;
  }
}

export function frameOf(name, values) {
  const type = Messages[name];
  const body = encode(values);
  const frame = new Uint8Array(6 + body.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, body.length + 2);
  view.setUint16(4, type.code);
  frame.set(body, 6);
  return frame;
}

// Cuts whole frames off the front of a byte stream arriving in pieces; a frame's pieces are
// joined once, when it is whole.
export class FrameReader {
  constructor() {
    this.chunks = [];
    this.total = 0;
    this.maxFrameBytes = HANDSHAKE_MAX_FRAME_BYTES;
  }

  push(chunk) {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.total += chunk.length;
    }
  }

  // The next whole message as { name, code, ...fields }, or null while incomplete.
  next() {
    if (this.total < 4) return null;
    const start = this.take(Math.min(this.total, 6), false);
    const header = new DataView(start.buffer, start.byteOffset, start.byteLength);
    const length = header.getUint32(0);
    if (length < 2) throw new EdgeError(5, `frame length ${length} is below 2`);
    if (length > this.maxFrameBytes) throw new EdgeError(6, `frame length ${length} is above the maximum ${this.maxFrameBytes}`);
    if (this.total < 6) return null;
    const code = header.getUint16(4);
    if (!byCode.has(code) && !OTHER_CODES.has(code)) throw new EdgeError(5, `unknown message code ${code}`);
    if (this.total < 4 + length) return null;
    const frame = this.take(4 + length, true);
    return messageOf(code, frame.subarray(6));
  }

  // The first n bytes of the stream (n ≤ total), removed from it when `consume`.
  take(n, consume) {
    const first = this.chunks[0];
    let out = first.subarray(0, n);
    if (first.length < n) {
      out = new Uint8Array(n);
      let filled = 0;
      for (const chunk of this.chunks) {
        const part = chunk.subarray(0, n - filled);
        out.set(part, filled);
        filled += part.length;
        if (filled === n) break;
      }
    }
    if (consume) {
      let left = n;
      while (left > 0) {
        const first = this.chunks[0];
        if (first.length <= left) {
          this.chunks.shift();
          left -= first.length;
        } else {
          this.chunks[0] = first.subarray(left);
          left = 0;
        }
      }
      this.total -= n;
    }
    return out;
  }
}

function messageOf(code, body) {
  let values;
  try {
    values = decode(body);
  } catch (error) {
    throw new EdgeError(5, `code ${code}: ${error.message}`);
  }
  if (!Array.isArray(values)) throw new EdgeError(5, `code ${code}: the body is not an array`);
  const type = byCode.get(code);
  if (!type) return { name: 'other', code };
  const message = { name: type.name, code };
  type.fields.forEach((field, i) => { message[field] = i < values.length ? values[i] : null; });
  return message;
}
