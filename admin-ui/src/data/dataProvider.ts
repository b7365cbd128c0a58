import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'ra-core';
import type { HttpClient } from './httpClient';

/** Same-origin API; lists are answered with a JSON array + `Content-Range: cases 0-24/123`. */
export const API_URL = '/api';

export function createDataProvider(httpClient: HttpClient): DataProvider {
  return simpleRestProvider(API_URL, httpClient);
}
