// Draws the extension's icon, images/icon.png (128×128): a table sheet with a header row and grid lines on a blue
// tile, and a green check mark in a disc over its lower right corner — "a table, checked". Drawn from shapes with
// 4×4 supersampling for smooth edges and written as a PNG by hand (chunks, CRC-32, node's zlib), so no image
// library or native dependency is needed. `npm run icon` rewrites the file; test/unit/extension-page.test.ts
// checks that the committed PNG holds exactly these pixels.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ICON_SIZE = 128;
type RGB = [number, number, number];

const BLUE: RGB = [31, 95, 168];
const WHITE: RGB = [255, 255, 255];
const HEADER: RGB = [205, 222, 243];
const LINE: RGB = [150, 172, 199];
const GREEN: RGB = [46, 158, 91];

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): number {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment a–b. */
function segment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

// the sheet, its rows and columns, and the badge with the check mark
const SHEET = { x0: 20, y0: 18, x1: 100, y1: 104, r: 7 };
const ROWS = [38, 55, 72, 89];
const COLUMNS = [48, 74];
const BADGE = { cx: 94, cy: 94, r: 25 };
const CHECK: [number, number][] = [
  [82, 95],
  [91, 104],
  [107, 85],
];

/** The colour painted at one sample point, layers in order (last wins), undefined where nothing is painted. */
function sample(x: number, y: number): RGB | undefined {
  let colour: RGB | undefined;
  if (roundedRect(x, y, 0, 0, ICON_SIZE, ICON_SIZE, 26) <= 0) colour = BLUE;
  if (roundedRect(x, y, SHEET.x0, SHEET.y0, SHEET.x1, SHEET.y1, SHEET.r) <= 0) {
    colour = y < ROWS[0] ? HEADER : WHITE;
    const inside = x > SHEET.x0 + 4 && x < SHEET.x1 - 4;
    if (inside && ROWS.some((r) => Math.abs(y - r) <= 1.1)) colour = LINE;
    if (y > SHEET.y0 + 4 && y < SHEET.y1 - 4 && COLUMNS.some((c) => Math.abs(x - c) <= 1.1)) colour = LINE;
  }
  const fromBadge = Math.hypot(x - BADGE.cx, y - BADGE.cy);
  if (fromBadge <= BADGE.r + 4) colour = WHITE; // a white ring lifts the badge off the sheet
  if (fromBadge <= BADGE.r) colour = GREEN;
  const fromCheck = Math.min(
    segment(x, y, CHECK[0][0], CHECK[0][1], CHECK[1][0], CHECK[1][1]),
    segment(x, y, CHECK[1][0], CHECK[1][1], CHECK[2][0], CHECK[2][1]),
  );
  if (fromCheck <= 4) colour = WHITE;
  return colour;
}

/** RGBA pixels, row by row: each pixel the average of 4×4 samples (colour premultiplied by coverage). */
export function iconPixels(): Uint8Array {
  const n = 4;
  const out = new Uint8Array(ICON_SIZE * ICON_SIZE * 4);
  for (let py = 0; py < ICON_SIZE; py++) {
    for (let px = 0; px < ICON_SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = sample(px + (sx + 0.5) / n, py + (sy + 0.5) / n);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          covered++;
        }
      const i = (py * ICON_SIZE + px) * 4;
      if (covered) {
        out[i] = Math.round(r / covered);
        out[i + 1] = Math.round(g / covered);
        out[i + 2] = Math.round(b / covered);
      }
      out[i + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks carry it (ISO 3309, over the chunk type and data). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The scanlines as PNG filters them: a filter byte (0, none) before each row. */
export function scanlines(rgba: Uint8Array, width: number, height: number): Buffer {
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) Buffer.from(rgba.subarray(y * width * 4, (y + 1) * width * 4)).copy(raw, y * (width * 4 + 1) + 1);
  return raw;
}

/** An 8-bit RGBA PNG. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines(rgba, width, height), { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

export const ICON_PATH = join(__dirname, '..', 'images', 'icon.png');

if (require.main === module) {
  mkdirSync(dirname(ICON_PATH), { recursive: true });
  writeFileSync(ICON_PATH, encodePng(iconPixels(), ICON_SIZE, ICON_SIZE));
  console.log(`wrote ${ICON_PATH}`);
}
