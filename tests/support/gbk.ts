/**
 * GB18030 bytes of text (tests and benches: Node decodes GBK / GB18030 but has no encoder). Two-byte codes come from the
 * decoder's own table, so what this writes is what a GBK export holds; characters outside GBK are refused.
 */
let table: Map<string, number[]> | undefined;

export function toGbk(text: string): Buffer {
  if (!table) {
    const decoder = new TextDecoder('gb18030');
    table = new Map();
    for (let lead = 0x81; lead <= 0xfe; lead += 1) {
      for (let trail = 0x40; trail <= 0xfe; trail += 1) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
      }
    }
  }
  const codes = table;
  return Buffer.from([...text].flatMap((ch) => {
    if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
    const code = codes.get(ch);
    if (!code) throw new Error(`no GBK code for ${ch}`);
    return code;
  }));
}
