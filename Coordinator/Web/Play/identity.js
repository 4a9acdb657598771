// The gamer's identity in this browser: an ECDSA P-256 key pair made on the first visit and kept
// in IndexedDB, so the same account comes back (docs/PROTOCOL.md §2). The private key is not
// extractable: scripts can sign with it but never read it.

const DATABASE = 'p2c2r';
const STORE = 'identity';
const ENTRY = 'gamer';
const CONTEXT = new TextEncoder().encode('p2c2r-edge-v2\0');
export const GAMER_ROLE = 2;

export async function loadOrCreateIdentity() {
  const db = await open();
  try {
    const stored = await request(db.transaction(STORE).objectStore(STORE).get(ENTRY));
    if (stored && stored.privateKey && stored.publicKey) {
      return { privateKey: stored.privateKey, publicKey: new Uint8Array(stored.publicKey) };
    }
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey));
    const fresh = { privateKey: pair.privateKey, publicKey: publicKey.buffer };
    // Another tab may have made one meanwhile: `add` fails then, and that one is the identity.
    try {
      await request(db.transaction(STORE, 'readwrite').objectStore(STORE).add(fresh, ENTRY));
    } catch {
      return loadOrCreateIdentity();
    }
    return { privateKey: pair.privateKey, publicKey };
  } finally {
    db.close();
  }
}

// The Hello signature: ECDSA P-256 with SHA-256 over "p2c2r-edge-v2\0" ‖ role ‖ nonce ‖ SPKI, in
// IEEE P1363 form (r ‖ s, 64 bytes), which is what WebCrypto produces and the coordinator verifies.
export async function signHello(identity, nonce) {
  const proof = new Uint8Array(CONTEXT.length + 1 + nonce.length + identity.publicKey.length);
  proof.set(CONTEXT, 0);
  proof[CONTEXT.length] = GAMER_ROLE;
  proof.set(nonce, CONTEXT.length + 1);
  proof.set(identity.publicKey, CONTEXT.length + 1 + nonce.length);
  return new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, identity.privateKey, proof));
}

function open() {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
