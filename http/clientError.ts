import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

const STATUS: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_URI_TOO_LONG: 414, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/**
 * Requests Node's HTTP parser refuses before Express sees them (headers or URL over the limit, malformed request
 * lines) are answered as problem+json too, instead of Node's bare status line.
 */
export function problemOnClientError(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = STATUS[err.code ?? ''] ?? 400;
    const body = JSON.stringify({
      type: 'about:blank',
      title: STATUS_CODES[status],
      status,
      detail: status === 431 ? 'The request headers (or the URL) are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request could not be parsed.',
    });
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
}
