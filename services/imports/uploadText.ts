/**
 * Upload bytes → text, chunk by chunk. Exports of Chinese marketing systems are often GBK / GB18030 and arrive without a
 * charset, so the encoding is decided here rather than assumed:
 *  - an explicit `charset` in the Content-Type is honoured (any label the WHATWG decoder knows: utf-8, gbk, gb18030,
 *    gb2312, utf-16le…); bytes it cannot decode refuse the upload;
 *  - else a BOM decides (UTF-8, UTF-16 LE, UTF-16 BE);
 *  - else UTF-8, and when the bytes are not UTF-8 and everything before them was ASCII (the same bytes in GB18030),
 *    GB18030 from the start; bytes GB18030 cannot decode either refuse the upload.
 * Multi-byte characters split across chunks are carried over, never decoded half.
 */

import { TextDecoder } from 'node:util';

export type EncodingRefusalCode = 'import.encoding.unknown' | 'import.encoding.invalid' | 'import.encoding.unsupported';

export class EncodingRefusal extends Error {
  constructor(readonly code: EncodingRefusalCode, readonly params: Record<string, string>) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

/** The charset parameter of a Content-Type header, lower case, or undefined. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

/** How many bytes at the end of `b` start a UTF-8 sequence that the next chunk completes (0..3). */
function incompleteUtf8Tail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back += 1) {
    const x = b[b.length - back];
    if ((x & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : x >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i += 1) if (b[i] >= 0x80) return true;
  return false;
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  if (!a.length) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

export class UploadDecoder {
  /** The encoding decided on ('utf-8', 'utf-16le', 'utf-16be', 'gb18030', or the explicit charset's name); undefined before the first bytes. */
  encoding: string | undefined;
  private decoder: TextDecoder | undefined;
  private head: Uint8Array = new Uint8Array(0); // the first bytes, until a BOM can be told (4 bytes)
  private carry: Uint8Array = new Uint8Array(0); // a UTF-8 sequence cut by the chunk's end (detecting mode only)
  private detecting = false; // UTF-8 by default: may still turn into GB18030
  private sawNonAscii = false;

  constructor(private readonly charset?: string) {
    if (charset) {
      try {
        this.decoder = new TextDecoder(charset, { fatal: true });
      } catch {
        throw new EncodingRefusal('import.encoding.unsupported', { charset });
      }
      this.encoding = this.decoder.encoding;
    }
  }

  write(chunk: Uint8Array): string {
    if (this.decoder && !this.detecting) return this.decodeWith(chunk, true);
    if (!this.decoder) {
      this.head = concat(this.head, chunk);
      if (this.head.length < 4) return '';
      const head = this.head;
      this.head = new Uint8Array(0);
      this.start(head);
      return this.detecting ? this.detect(head, false) : this.decodeWith(head, true);
    }
    return this.detect(chunk, false);
  }

  end(): string {
    if (!this.decoder) {
      const head = this.head;
      this.head = new Uint8Array(0);
      this.start(head);
      return this.detecting ? this.detect(head, true) : this.decodeWith(head, false);
    }
    return this.detecting ? this.detect(new Uint8Array(0), true) : this.decodeWith(new Uint8Array(0), false);
  }

  /** Decides by BOM; without one, UTF-8 while watching for bytes that are not. */
  private start(head: Uint8Array) {
    const [a, b, c] = head;
    if (a === 0xef && b === 0xbb && c === 0xbf) this.use('utf-8');
    else if (a === 0xff && b === 0xfe) this.use('utf-16le');
    else if (a === 0xfe && b === 0xff) this.use('utf-16be');
    else {
      this.use('utf-8', true);
      this.detecting = true;
    }
  }

  private use(label: string, ignoreBOM = false) {
    // With a BOM, the decoder drops it; while detecting, each chunk is decoded afresh, so a U+FEFF inside stays.
    this.decoder = new TextDecoder(label, { fatal: true, ignoreBOM });
    this.encoding = this.decoder.encoding;
  }

  private decodeWith(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.decoder!.decode(bytes, { stream });
    } catch {
      throw this.charset
        ? new EncodingRefusal('import.encoding.invalid', { charset: this.charset })
        : new EncodingRefusal('import.encoding.unknown', { tried: this.encoding ?? 'utf-8' });
    }
  }

  /** UTF-8 until bytes that are not; then GB18030 if nothing but ASCII came before, else refused. */
  private detect(chunk: Uint8Array, last: boolean): string {
    const bytes = concat(this.carry, chunk);
    const cut = last ? 0 : incompleteUtf8Tail(bytes);
    const whole = bytes.subarray(0, bytes.length - cut);
    try {
      const text = this.decoder!.decode(whole); // complete sequences only: no state kept in the decoder
      this.carry = bytes.slice(bytes.length - cut);
      if (!this.sawNonAscii && hasNonAscii(whole)) this.sawNonAscii = true;
      return text;
    } catch {
      if (this.sawNonAscii) throw new EncodingRefusal('import.encoding.unknown', { tried: 'utf-8' });
      // Everything so far was ASCII, which GB18030 reads alike: these bytes on are GB18030.
      this.detecting = false;
      this.carry = new Uint8Array(0);
      this.use('gb18030');
      return this.decodeWith(bytes, !last);
    }
  }
}

/** A whole byte array as text by the same rules (tests, small bodies). */
export function decodeUpload(bytes: Uint8Array, charset?: string): { text: string; encoding: string } {
  const d = new UploadDecoder(charset);
  const text = d.write(bytes) + d.end();
  return { text, encoding: d.encoding ?? 'utf-8' };
}
