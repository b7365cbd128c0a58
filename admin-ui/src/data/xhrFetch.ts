/** Bytes sent so far of the request body, and its size when known. */
export interface UploadProgress {
  loaded: number;
  total: number | null;
}

/**
 * A fetch over XMLHttpRequest, for the generated client's upload calls: fetch() reports no upload progress, XHR does
 * (`upload.onprogress`). Resolves with the Response whatever its status (the client maps a refusal); rejects on a
 * network failure (TypeError) or an abort (AbortError), as fetch does.
 */
export function xhrFetch(onUploadProgress?: (p: UploadProgress) => void): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      if (onUploadProgress) {
        xhr.upload.onprogress = (e) => onUploadProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
      }
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
          const i = line.indexOf(':');
          if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
        }
        const nullBody = xhr.status === 204 || xhr.status === 205 || xhr.status === 304;
        resolve(new Response(nullBody ? null : xhr.responseText, { status: xhr.status, statusText: xhr.statusText, headers }));
      };
      xhr.onerror = () => reject(new TypeError('Network request failed'));
      xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
      request.signal.addEventListener('abort', () => xhr.abort());
      xhr.send(body);
    });
  };
}
