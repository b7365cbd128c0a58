// The chaos run's stand-in for a load balancer: a TCP proxy that hands each new connection to the next API in turn and,
// when that one refuses (killed, restarting), to the next. A connection in flight when its API dies is cut, as a real
// balancer's would be; the client retries (scripts/terminal/client.ts retryingFetch).
import net from 'node:net';

/**
 * @param {number} port where clients connect
 * @param {number[]} backends the APIs' ports
 * @returns {Promise<{ close: () => Promise<void>, connections: () => number }>}
 */
export function startProxy(port, backends) {
  let next = 0;
  let connections = 0;
  /** @type {Set<net.Socket>} */
  const open = new Set();
  const server = net.createServer((client) => {
    connections += 1;
    open.add(client);
    client.once('close', () => open.delete(client));
    client.pause();
    const first = next;
    next = (next + 1) % backends.length;
    /** @param {number} tried */
    const connect = (tried) => {
      if (tried >= backends.length) {
        client.destroy();
        return;
      }
      const upstream = net.connect({ host: '127.0.0.1', port: backends[(first + tried) % backends.length] });
      open.add(upstream);
      upstream.once('close', () => open.delete(upstream));
      const refused = () => connect(tried + 1);
      upstream.once('error', refused);
      upstream.once('connect', () => {
        upstream.off('error', refused);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    connect(0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({
      connections: () => connections,
      close: () => new Promise((done) => {
        for (const s of open) s.destroy();
        server.close(() => done());
      }),
    }));
  });
}
