// A helper written from docs/PROTOCOL.md alone: it associates with a coordinator, joins the
// cluster as a peer, heartbeats, and prints one JSON line per membership message it receives.
//   node helper.mjs <host> <port> <name> <token>
import net from "node:net";
import { encode, Decoder } from "@msgpack/msgpack";

const [host, port, name, token] = process.argv.slice(2);
const self = `p2c2r.tcp://${name}@127.0.0.1:0`;
const uid = 1000 + Math.floor(Math.random() * 1_000_000);
const decoder = new Decoder({ useBigInt64: true });
const Kind = { Associate: 1, AssociateAck: 2, AssociateRefused: 3, Message: 4, Heartbeat: 6 };

function frame(kind, body = new Uint8Array(0)) {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(body.length + 1, 0);
  header[4] = kind;
  return Buffer.concat([header, Buffer.from(body)]);
}

const socket = net.connect(Number(port), host, () => {
  socket.write(frame(Kind.Associate, encode([1, name, uid, self, "peer", token])));
});

let pending = Buffer.alloc(0);
let heartbeat;
socket.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  while (pending.length >= 5) {
    const length = pending.readUInt32BE(0);
    if (pending.length < 4 + length) break;
    const kind = pending[4];
    const body = pending.subarray(5, 4 + length);
    pending = pending.subarray(4 + length);
    onFrame(kind, body);
  }
});
socket.on("close", () => process.exit(0));

function onFrame(kind, body) {
  if (kind === Kind.AssociateRefused) {
    console.log(JSON.stringify({ refused: decoder.decode(body)[0] }));
    process.exit(1);
  }
  if (kind === Kind.AssociateAck) {
    const [, system] = decoder.decode(body);
    console.log(JSON.stringify({ associated: system }));
    const join = [self, uid, ["peer"]];
    socket.write(frame(Kind.Message, encode(["/system/cluster", 0, `${self}/user/helper`, 10, join])));
    heartbeat = setInterval(() => socket.write(frame(Kind.Heartbeat)), 100);
    return;
  }
  if (kind === Kind.Message) {
    const [recipient, , , typeId, message] = decoder.decode(body);
    if (typeId === 11 || typeId === 12) {
      const gossip = typeId === 11 ? message[0] : message;
      const members = gossip[2].map(([address, , status, roles]) => ({ address, status, roles }));
      console.log(JSON.stringify({ recipient, typeId, members }));
    }
  }
}
