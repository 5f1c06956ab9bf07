// PeerJS server (npm package `peer`) as the benchmark runs it: the library's PeerServer, not its CLI,
// so no per-connection logging (the CLI prints a line per connect and disconnect).
// Changed from the defaults, and why:
//   concurrent_limit 5000 -> 100000: the idle scenario holds 15,000 sockets;
//   host :: -> 127.0.0.1: loopback only, like everything the benchmark starts.
// Everything else is PeerJS's default (alive_timeout 90 s, expire_timeout 5 s, key "peerjs", path "/").
import { PeerServer } from "peer";

const port = Number(process.env.PORT);
PeerServer({ port, host: "127.0.0.1", concurrent_limit: 100000 }, () => console.log(`PeerJS server listening on ${port}`));
