// Keyboard to the game's key bits of session.input (docs/PROTOCOL.md §4), as GamerClient maps a
// terminal's keys: WASD or the arrows move and turn, space jumps, E digs, F places. A browser
// reports releases too, so a key is held exactly as long as it is down.

const BITS = {
  KeyW: 1, ArrowUp: 1,
  KeyA: 2, ArrowLeft: 2,
  KeyS: 4, ArrowDown: 4,
  KeyD: 8, ArrowRight: 8,
  Space: 16,
  KeyE: 32,
  KeyF: 64,
};

// Calls `changed(keys)` with the bit set of held keys whenever it changes.
export function watchKeys(target, changed) {
  const down = new Set();
  const held = () => [...down].reduce((keys, code) => keys | BITS[code], 0);
  let last = 0;
  const report = () => {
    const keys = held();
    if (keys !== last) {
      last = keys;
      changed(keys);
    }
  };
  target.addEventListener('keydown', event => {
    if (event.code in BITS && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      down.add(event.code);
      report();
    }
  });
  target.addEventListener('keyup', event => {
    if (event.code in BITS) {
      event.preventDefault();
      down.delete(event.code);
      report();
    }
  });
  // A key released while the page had no focus never reports its release.
  window.addEventListener('blur', () => {
    down.clear();
    report();
  });
}
