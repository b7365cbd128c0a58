import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

// Prometheus's /metrics on a listener of its own (METRICS_HOST:METRICS_PORT), never on the public port: the series
// name routes, users' activity and the read model's figures, which are nobody's business outside the operators'
// network. Locally it binds 127.0.0.1; in compose the port stays on the internal network, unpublished.

/** Answers GET /metrics with the registry's text; anything else 404. */
export function metricsHandler(registry: Registry): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  };
}

/** Starts the metrics listener; resolves with it once it listens (port 0: any free port, for tests). */
export function listenMetrics(registry: Registry, host: string, port: number): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(metricsHandler(registry));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address() as AddressInfo;
      const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({ server, url: `http://${h}:${a.port}/metrics` });
    });
  });
}
