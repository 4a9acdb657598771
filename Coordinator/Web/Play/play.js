// /play: a gamer's session in the browser. It proves the browser's key to the coordinator's edge
// over a WebSocket, starts a session (or resumes the one it played last, or the one named by
// ?session=ID), draws every frame in the canvas and sends the held keys. What it decoded is
// exposed on window.p2c2r: framesDigest is SHA-256 over the decoded RGB frames of ticks
// firstTick..lastTick in order (empty after a gap), the digest `GamerClient replay` prints for
// those ticks.

import { FrameReader, frameOf, EdgeError } from './edge.js';
import { FrameDecoder } from './frames.js';
import { loadOrCreateIdentity, signHello, GAMER_ROLE } from './identity.js';
import { watchKeys } from './keys.js';
import { Sha256 } from './sha256.js';

const PROTOCOL_VERSION = 2;
const LAST_SESSION = 'p2c2r.session';
const canvas = document.getElementById('screen');
const context = canvas.getContext('2d');
const show = (id, text) => { document.getElementById(id).textContent = text; };

let hashing = { sha: new Sha256(), gap: false };
const state = {
  status: 'starting',
  account: '',
  credits: null,
  sessionId: '',
  tick: -1,
  frames: 0,
  firstTick: -1,
  lastTick: -1,
  keys: 0,
  inputsSent: 0,
  reconnects: 0,
  error: '',
  get framesDigest() {
    return hashing.gap || this.firstTick < 0 ? '' : hashing.sha.hex();
  },
};
window.p2c2r = state;

let socket = null;
let attached = false;
let lastSequence = 0;
let backoffMs = 100;
let wanted = new URLSearchParams(location.search).get('session') || localStorage.getItem(LAST_SESSION) || '';

function setStatus(status) {
  state.status = status;
  show('status', status);
}

function send(name, values) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(frameOf(name, values));
  }
}

// A sequence above every one sent before, across reloads too: the session ignores older ones.
function sendKeys() {
  if (attached) {
    lastSequence = Math.max(lastSequence + 1, Date.now() * 1000);
    send('input', [lastSequence, state.keys]);
    state.inputsSent++;
  }
}

async function main() {
  let identity;
  try {
    identity = await loadOrCreateIdentity();
  } catch (error) {
    setStatus(`no identity: this browser cannot keep a key here (${error.message})`);
    return;
  }
  watchKeys(window, keys => {
    state.keys = keys;
    sendKeys();
  });
  document.getElementById('end').addEventListener('click', () => {
    if (attached && state.sessionId) send('end', [state.sessionId]);
  });
  document.getElementById('start').addEventListener('click', () => {
    wanted = '';
    attached = false;
    send('start', [0]);
  });
  connect(identity);
}

function connect(identity) {
  const edgePath = document.querySelector('meta[name="p2c2r-edge"]').content;
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${edgePath}`;
  const reader = new FrameReader();
  const decoder = new FrameDecoder();
  let decoding = Promise.resolve();
  let phase = 'challenge';
  attached = false;
  setStatus('connecting');
  socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';
  const mine = socket;

  const fail = (code, reason) => {
    state.error = reason;
    send('goodbye', [code, reason]);
    mine.close();
  };

  mine.onmessage = event => {
    if (mine !== socket) return;
    reader.push(new Uint8Array(event.data));
    try {
      for (let message = reader.next(); message !== null; message = reader.next()) {
        phase = receive(message, phase, identity, reader, frame => {
          decoding = decoding.then(() => showFrame(decoder, frame));
        });
      }
    } catch (error) {
      fail(error instanceof EdgeError ? error.code : 5, error.message);
    }
  };
  mine.onclose = () => {
    if (mine !== socket) return;
    attached = false;
    setStatus(`disconnected${state.error ? ': ' + state.error : ''}; reconnecting`);
    setTimeout(() => {
      state.reconnects++;
      connect(identity);
    }, backoffMs * (0.5 + Math.random()));
    backoffMs = Math.min(backoffMs * 2, 5000);
  };
}

// Handles one message; returns the handshake phase after it.
function receive(message, phase, identity, reader, queueFrame) {
  if (phase === 'challenge') {
    if (message.name !== 'challenge') throw new EdgeError(5, `expected edge.challenge, got code ${message.code}`);
    if (message.protocolVersion !== PROTOCOL_VERSION) throw new EdgeError(1, `the coordinator speaks protocol version ${message.protocolVersion}, this page ${PROTOCOL_VERSION}`);
    if (!(message.nonce instanceof Uint8Array) || message.nonce.length !== 32) throw new EdgeError(5, "the challenge's nonce is not 32 bytes");
    setStatus('proving the key');
    signHello(identity, message.nonce).then(signature =>
      send('hello', [PROTOCOL_VERSION, GAMER_ROLE, identity.publicKey, signature, 'browser', null]));
    return 'welcome';
  }
  if (message.name === 'goodbye') {
    state.error = `${message.reason} (code ${message.code})`;
    return phase;
  }
  if (phase === 'welcome') {
    if (message.name !== 'welcome') throw new EdgeError(5, `expected edge.welcome, got code ${message.code}`);
    reader.maxFrameBytes = message.maxFrameBytes;
    state.account = message.account;
    backoffMs = 100;
    show('account', message.account);
    send('balanceQuery', []);
    if (wanted) {
      setStatus(`resuming ${wanted}`);
      send('resume', [wanted]);
    } else {
      setStatus('starting a session');
      send('start', [0]);
    }
    return 'open';
  }
  switch (message.name) {
    case 'ping':
      send('pong', [message.sequence, message.sentMicros]);
      break;
    case 'started':
      if (message.sessionId !== state.sessionId) {
        // Another session: its frames are hashed from its first one shown here.
        hashing = { sha: new Sha256(), gap: false };
        state.firstTick = state.lastTick = -1;
        state.frames = 0;
      }
      attached = true;
      wanted = message.sessionId;
      state.sessionId = message.sessionId;
      state.error = '';
      localStorage.setItem(LAST_SESSION, message.sessionId);
      history.replaceState(null, '', `${location.pathname}?session=${encodeURIComponent(message.sessionId)}`);
      show('session', message.sessionId);
      setStatus(`playing at ${message.ticksPerSecond} ticks/s`);
      if (state.keys !== 0) sendKeys();
      break;
    case 'notFound':
      if (message.sessionId === wanted && !attached) {
        // The session remembered here is over (or another account's): start a new one.
        localStorage.removeItem(LAST_SESSION);
        wanted = '';
        send('start', [0]);
      }
      break;
    case 'frame':
      queueFrame(message);
      break;
    case 'ended':
      attached = false;
      localStorage.removeItem(LAST_SESSION);
      wanted = '';
      setStatus(`session ${message.sessionId} ended`);
      break;
    case 'balance':
      state.credits = message.credits;
      show('credits', String(message.credits));
      break;
    default:
      break;
  }
  return phase;
}

async function showFrame(decoder, frame) {
  const rgb = await decoder.decode(frame);
  if (rgb === null) return;
  hashing.gap ||= state.lastTick >= 0 && frame.tick !== state.lastTick + 1;
  if (state.firstTick < 0) state.firstTick = frame.tick;
  state.lastTick = frame.tick;
  hashing.sha.update(rgb);
  draw(rgb, frame.width, frame.height);
  state.tick = frame.tick;
  state.frames++;
  show('tick', String(frame.tick));
  show('caption', frame.caption || '');
  const counters = Array.isArray(frame.counters) ? frame.counters : [];
  show('helpers', String(counters[6] ?? ''));
}

function draw(rgb, width, height) {
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const image = context.createImageData(width, height);
  const rgba = image.data;
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
    rgba[j + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

main();
