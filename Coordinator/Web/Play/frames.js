// Streamed frames back to RGB exactly as GamerClient's FrameDecoder does: inflate the raw DEFLATE
// stream, which must give exactly width × height × 3 bytes and end there; for a delta, add the
// previous frame byte by byte (mod 256). A delta without its base (after a resume) waits for the
// next key frame; a malformed frame is refused and the next delta waits too.

export const MAX_PIXELS = 4096 * 4096;

export class FrameDecoder {
  constructor() {
    this.current = null;
  }

  // The frame's RGB bytes, or null when it cannot be shown.
  async decode(frame) {
    const { width, height, keyFrame, deflate } = frame;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || width * height > MAX_PIXELS || !(deflate instanceof Uint8Array)) {
      this.current = null;
      return null;
    }
    const size = width * height * 3;
    if (!keyFrame && (this.current === null || this.current.length !== size)) {
      return null;
    }
    const rgb = await inflate(deflate, size);
    if (rgb === null) {
      this.current = null;
      return null;
    }
    if (!keyFrame) {
      const previous = this.current;
      for (let i = 0; i < size; i++) {
        rgb[i] = (rgb[i] + previous[i]) & 0xff;
      }
    }
    this.current = rgb;
    return rgb;
  }
}

// Exactly `size` bytes inflated from a raw DEFLATE stream, or null: more, fewer or a broken stream.
async function inflate(deflate, size) {
  const target = new Uint8Array(size);
  let filled = 0;
  const reader = new Blob([deflate]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      if (filled + value.length > size) {
        await reader.cancel();
        return null;
      }
      target.set(value, filled);
      filled += value.length;
    }
  } catch {
    return null;
  }
  return filled === size ? target : null;
}
