import { HttpError } from 'ra-core';
import type { HttpClient } from './httpClient';

/** Bytes sent so far of the request body, and its size when known. */
export interface UploadProgress {
  loaded: number;
  total: number | null;
}

export type XhrOptions = Parameters<HttpClient>[1] & { onUploadProgress?: (p: UploadProgress) => void };

/**
 * fetchUtils.fetchJson over XMLHttpRequest: fetch() reports no upload progress, XHR does (`upload.onprogress`).
 * Same contract: resolves {status, headers, body, json}; a non-2xx status rejects with HttpError(message, status, json),
 * which the httpClient then maps from problem+json.
 */
export function xhrFetchJson(url: string, options: XhrOptions = {}): ReturnType<HttpClient> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(options.method ?? 'GET', url);
    new Headers(options.headers ?? undefined).forEach((value, name) => xhr.setRequestHeader(name, value));
    const onProgress = options.onUploadProgress;
    if (onProgress) {
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : null });
    }
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr.getAllResponseHeaders().trim().split(/[\r\n]+/)) {
        const i = line.indexOf(':');
        if (i > 0) headers.append(line.slice(0, i).trim(), line.slice(i + 1).trim());
      }
      const body = xhr.responseText;
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const message = (json as { message?: string } | undefined)?.message ?? xhr.statusText;
        reject(new HttpError(message, xhr.status, json));
        return;
      }
      resolve({ status: xhr.status, headers, body, json });
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send((options.body as XMLHttpRequestBodyInit | null | undefined) ?? null);
  });
}
