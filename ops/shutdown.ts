import type { Server } from 'node:http';

/**
 * Stops accepting connections and resolves once every in-flight request has been answered.
 * Idle keep-alive sockets are closed at once and again as requests finish (a socket that just answered its
 * last request would otherwise be held open by the client). After `graceMs` the remaining sockets are cut
 * and the promise resolves with `false`.
 */
export function closeGracefully(server: Server, graceMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const sweep = setInterval(() => server.closeIdleConnections(), 200);
    const force = setTimeout(() => {
      server.closeAllConnections();
      finish(false);
    }, graceMs);
    force.unref();
    function finish(clean: boolean) {
      if (settled) return;
      settled = true;
      clearInterval(sweep);
      clearTimeout(force);
      resolve(clean);
    }
    // Responses written while closing tell the client not to reuse the socket.
    server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
    server.close(() => finish(true));
    server.closeIdleConnections();
  });
}
