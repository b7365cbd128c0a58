// The terminal app's icons (terminal-app/public/icons/): a magnifier (稽查) with a lightning bolt (供电) on the brand
// blue of styles.css. Drawn here with plain geometry and written as PNG by hand (zlib + CRC-32), so no image library
// and no font is needed; the generated files are committed. Run after changing the drawing:
//   node scripts/make-terminal-icons.mjs          writes the icons
//   node scripts/make-terminal-icons.mjs --check  fails when the committed icons differ from what this draws
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'terminal-app', 'public', 'icons');

/** @typedef {[number, number, number, number]} Rgba  straight (not premultiplied) 0–255 */
const BRAND = /** @type {Rgba} */ ([0x0b, 0x53, 0x94, 255]); // --brand
const WHITE = /** @type {Rgba} */ ([255, 255, 255, 255]);
const AMBER = /** @type {Rgba} */ ([0xf9, 0xa8, 0x25, 255]); // the focus ring's amber: reads as "power" on blue

// The mark in unit coordinates (0..1, y down), as drawn on the "any" icon.
const LENS = { cx: 0.44, cy: 0.42, r: 0.22, width: 0.07 }; // ring: centre radius and stroke width
const HANDLE = { x1: 0.605, y1: 0.585, x2: 0.78, y2: 0.76, halfWidth: 0.06 };
/** @type {[number, number][]} */
const BOLT = [[0.43, 0.27], [0.515, 0.27], [0.47, 0.385], [0.53, 0.385], [0.4, 0.575], [0.44, 0.43], [0.375, 0.43]];
const CORNER = 0.22; // rounded square of the "any" icons
// Maskable icons are cropped by the launcher to any shape inside the central circle of radius 0.4: full-bleed
// background, mark shrunk so its farthest point (the handle's end, 0.44 from the centre) stays inside.
const MASKABLE_SCALE = 0.8;

/** @param {number} px @param {number} py @param {number} x1 @param {number} y1 @param {number} x2 @param {number} y2 */
function distToSegment(px, py, x1, y1, x2, y2) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Even-odd point in polygon. @param {number} x @param {number} y @param {[number, number][]} poly */
function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i, i += 1) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** @param {number} x @param {number} y */
function inRoundedSquare(x, y) {
  const qx = Math.max(CORNER - x, 0, x - (1 - CORNER));
  const qy = Math.max(CORNER - y, 0, y - (1 - CORNER));
  return x >= 0 && x <= 1 && y >= 0 && y <= 1 && qx * qx + qy * qy <= CORNER * CORNER;
}

/**
 * The colour of one sample point, top layer first; null where the icon is transparent.
 * @param {number} x @param {number} y @param {boolean} maskable
 * @returns {Rgba | null}
 */
function sample(x, y, maskable) {
  if (!maskable && !inRoundedSquare(x, y)) return null;
  // the mark's coordinates: the maskable icon shows it smaller around the centre
  const s = maskable ? MASKABLE_SCALE : 1;
  const mx = 0.5 + (x - 0.5) / s;
  const my = 0.5 + (y - 0.5) / s;
  if (inPolygon(mx, my, BOLT)) return AMBER;
  if (Math.abs(Math.hypot(mx - LENS.cx, my - LENS.cy) - LENS.r) <= LENS.width / 2) return WHITE;
  if (distToSegment(mx, my, HANDLE.x1, HANDLE.y1, HANDLE.x2, HANDLE.y2) <= HANDLE.halfWidth) return WHITE;
  return BRAND;
}

/**
 * RGBA pixels, 4×4 samples per pixel averaged in premultiplied form so edges against transparency stay clean.
 * @param {number} size @param {boolean} maskable
 */
export function drawIcon(size, maskable) {
  const N = 4;
  const px = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < N; sy += 1) {
        for (let sx = 0; sx < N; sx += 1) {
          const c = sample((x + (sx + 0.5) / N) / size, (y + (sy + 0.5) / N) / size, maskable);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a += 255;
        }
      }
      const o = (y * size + x) * 4;
      if (a > 0) {
        px[o] = Math.round((r * 255) / a);
        px[o + 1] = Math.round((g * 255) / a);
        px[o + 2] = Math.round((b * 255) / a);
      }
      px[o + 3] = Math.round(a / (N * N));
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as PNG defines it (ISO 3309, the same as zlib's). @param {Buffer} buf */
export function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A PNG of 8-bit RGBA pixels (colour type 6), every row with filter 0. @param {number} size @param {Buffer} rgba */
export function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  ihdr[10] = 0; // deflate
  ihdr[11] = 0; // adaptive filtering
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The same drawing as a scalable SVG (the "any" icon: rounded square). */
export function iconSvg() {
  const u = (/** @type {number} */ v) => +(v * 512).toFixed(2);
  const hex = (/** @type {Rgba} */ c) => `#${c.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" role="img" aria-label="智能稽查 移动作业终端">',
    `  <rect width="512" height="512" rx="${u(CORNER)}" fill="${hex(BRAND)}"/>`,
    `  <circle cx="${u(LENS.cx)}" cy="${u(LENS.cy)}" r="${u(LENS.r)}" fill="none" stroke="${hex(WHITE)}" stroke-width="${u(LENS.width)}"/>`,
    `  <line x1="${u(HANDLE.x1)}" y1="${u(HANDLE.y1)}" x2="${u(HANDLE.x2)}" y2="${u(HANDLE.y2)}" stroke="${hex(WHITE)}" stroke-width="${u(HANDLE.halfWidth * 2)}" stroke-linecap="round"/>`,
    `  <polygon points="${BOLT.map(([x, y]) => `${u(x)},${u(y)}`).join(' ')}" fill="${hex(AMBER)}"/>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Every icon file: name → bytes. */
export function allIcons() {
  /** @type {Map<string, Buffer>} */
  const files = new Map();
  for (const size of [192, 512]) {
    files.set(`icon-${size}.png`, encodePng(size, drawIcon(size, false)));
    files.set(`maskable-${size}.png`, encodePng(size, drawIcon(size, true)));
  }
  files.set('icon.svg', Buffer.from(iconSvg(), 'utf8'));
  return files;
}

function main() {
  const check = process.argv.includes('--check');
  const stale = [];
  fs.mkdirSync(OUT, { recursive: true });
  for (const [name, bytes] of allIcons()) {
    const file = path.join(OUT, name);
    if (check) {
      if (!fs.existsSync(file) || !fs.readFileSync(file).equals(bytes)) stale.push(name);
    } else {
      fs.writeFileSync(file, bytes);
      console.log(`${path.relative(ROOT, file)}  ${bytes.length} bytes`);
    }
  }
  if (check) {
    if (stale.length) {
      console.error(`terminal icons out of date: ${stale.join(', ')} — run node scripts/make-terminal-icons.mjs`);
      process.exit(1);
    }
    console.log('terminal icons match their drawing');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
