// The burst of bench:audit-burst, in a process of its own (bench/auditBurst.ts forks it): on each 'go', one anonymous
// POST on each of BURST connections at once, written as raw bytes so that making the burst costs the shared CPUs
// little next to answering it. Connections are kept open between bursts, as fetch's pool kept them; with `fresh`
// each burst opens new ones (and asks the server to close them). Answers the statuses once every POST is answered.
import net from 'node:net';

const [port, burst, fresh] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4] === 'fresh'];
const body = '{"customerAccountNo":"4210000001"}';
const request = Buffer.from(
  `POST /api/cases HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${fresh ? 'Connection: close\r\n' : ''}\r\n${body}`,
);

/** One socket that sends a request and resolves with the answer's status once its body is read whole. */
class Conn {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  readonly socket: net.Socket;
  constructor(onError: () => void) {
    this.socket = net.connect({ port, host: '127.0.0.1', noDelay: true });
    this.socket.on('data', (chunk) => this.read(chunk));
    this.socket.on('error', onError);
    this.socket.on('close', () => this.waiting?.(0));
  }

  send(): Promise<number> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.socket.write(request);
    });
  }

  private read(chunk: Buffer) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buf.length < end + 4 + length) return;
    this.buf = this.buf.subarray(end + 4 + length);
    const done = this.waiting;
    this.waiting = null;
    done?.(Number(head.slice(9, 12)));
  }
}

let conns: Conn[] = [];
let errors = 0;
process.on('message', async () => {
  if (fresh || !conns.length) conns = Array.from({ length: burst }, () => new Conn(() => (errors += 1)));
  const statuses: Record<string, number> = {};
  for (const status of await Promise.all(conns.map((c) => c.send()))) statuses[status || 'error'] = (statuses[status || 'error'] ?? 0) + 1;
  if (fresh) for (const c of conns) c.socket.destroy();
  process.send!({ statuses, errors });
});
process.send!('ready');
