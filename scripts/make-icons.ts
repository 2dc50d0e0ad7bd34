// Owns the Teams app icons: draws manifest/color.png (192x192, a full square: Teams wants a full-bleed
// background with no transparent pixels, and rounds the corners itself where it shows the icon) and
// manifest/outline.png (32x32, white on transparent) from a few shapes and writes them with a minimal PNG encoder, so the icons are reproducible
// from source without an image editor or an image library.
// Run: npx tsx scripts/make-icons.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

type Point = readonly [x: number, y: number];
type Polygon = readonly Point[];
type Rgb = readonly [r: number, g: number, b: number];

const PNG_SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const COLOUR_TYPE_RGBA = 6;
// Each pixel is sampled on a grid of this many points per axis, which gives smooth edges on the
// diagonals without a rasteriser.
const SUPERSAMPLING = 8;

const BRAND_BLUE_TOP: Rgb = [0x2a, 0x6c, 0xc4];
const BRAND_BLUE_BOTTOM: Rgb = [0x1a, 0x4f, 0x96];
const WHITE: Rgb = [0xff, 0xff, 0xff];

// The letter K in a unit box (x to the right, y downwards): a stem and two slanted strokes.
// The strokes are parallelograms with horizontal ends, like the terminals of a sans-serif K.
const LETTER_K: readonly Polygon[] = [
  [[0, 0], [0.25, 0], [0.25, 1], [0, 1]],
  [[0.25, 0.52], [0.7, 0], [1, 0], [0.25, 0.86]],
  [[0.4, 0.6], [0.58, 0.39], [1, 1], [0.69, 1]],
];

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

function isInsidePolygon(polygon: Polygon, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function isInsideLetter(letterBox: Box, x: number, y: number): boolean {
  const u = (x - letterBox.left) / letterBox.width;
  const v = (y - letterBox.top) / letterBox.height;
  return LETTER_K.some((polygon) => isInsidePolygon(polygon, u, v));
}

/** Fraction (0..1) of the pixel at (px, py) covered by a shape. */
function coverage(px: number, py: number, isInside: (x: number, y: number) => boolean): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLING; sy++) {
    for (let sx = 0; sx < SUPERSAMPLING; sx++) {
      if (isInside(px + (sx + 0.5) / SUPERSAMPLING, py + (sy + 0.5) / SUPERSAMPLING)) hits++;
    }
  }
  return hits / (SUPERSAMPLING * SUPERSAMPLING);
}

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(from[i]! + (to[i]! - from[i]!) * amount)) as unknown as Rgb;
}

function drawColorIcon(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  // Teams keeps the symbol inside the central half of the colour icon; the K stays within it.
  const letterHeight = size * 0.5;
  const letterWidth = letterHeight * 0.8;
  const letterBox: Box = {
    left: (size - letterWidth) / 2 + size * 0.01,
    top: (size - letterHeight) / 2,
    width: letterWidth,
    height: letterHeight,
  };
  for (let py = 0; py < size; py++) {
    const background = mix(BRAND_BLUE_TOP, BRAND_BLUE_BOTTOM, py / (size - 1));
    for (let px = 0; px < size; px++) {
      const letterAlpha = coverage(px, py, (x, y) => isInsideLetter(letterBox, x, y));
      const [r, g, b] = mix(background, WHITE, letterAlpha);
      rgba.set([r, g, b, 255], (py * size + px) * 4);
    }
  }
  return rgba;
}

function drawOutlineIcon(size: number): Uint8Array {
  const rgba = new Uint8Array(size * size * 4);
  // Whole-pixel box edges keep the stem crisp at 32 px.
  const letterBox: Box = { left: 6, top: 4, width: 20, height: 24 };
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const letterAlpha = coverage(px, py, (x, y) => isInsideLetter(letterBox, x, y));
      rgba.set([...WHITE, Math.round(letterAlpha * 255)], (py * size + px) * 4);
    }
  }
  return rgba;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const chunk = Buffer.alloc(8 + data.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  typeAndData.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return chunk;
}

function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = COLOUR_TYPE_RGBA;
  // Bytes 10-12 stay 0: deflate compression, adaptive filtering, no interlace.

  const stride = width * 4;
  const scanlines = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter type 0 (None) per row: the icons are tiny, so better filtering is not worth the code.
    scanlines[y * (stride + 1)] = 0;
    scanlines.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }

  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanlines, { level: 9 })),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

function writeIcon(fileName: string, size: number, rgba: Uint8Array): void {
  const target = fileURLToPath(new URL(`../manifest/${fileName}`, import.meta.url));
  writeFileSync(target, encodePng(size, size, rgba));
  console.log(target);
}

writeIcon('color.png', 192, drawColorIcon(192));
writeIcon('outline.png', 32, drawOutlineIcon(32));
