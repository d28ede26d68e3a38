// The extension's icons, drawn at build time: a white envelope on a blue
// rounded square, with an amber dot (the finding). Chrome wants PNG at 16,
// 32, 48 and 128 pixels (the Web Store shows the 128 one); drawing them here
// keeps the repository free of binary files. Each pixel is the average of
// 4×4 samples of the shapes, so edges are smooth at every size.
import { deflateSync, crc32 } from 'node:zlib';

export const ICON_SIZES = [16, 32, 48, 128];

const BLUE = [11, 61, 92];
const WHITE = [255, 255, 255];
const AMBER = [245, 166, 35];

// Shapes in a unit square; each returns true when (x, y) is inside.
const roundedSquare = (r) => (x, y) => {
  const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
  const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
  return dx * dx + dy * dy <= r * r;
};

function segmentDistance(x, y, [ax, ay], [bx, by]) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

// The envelope: its outline and the flap's two strokes, `w` wide.
function envelope(w) {
  const [l, t, r, b] = [0.17, 0.3, 0.83, 0.74];
  const corners = [[l, t], [r, t], [r, b], [l, b]];
  const strokes = [
    [corners[0], corners[1]], [corners[1], corners[2]], [corners[2], corners[3]], [corners[3], corners[0]],
    [[l, t], [0.5, 0.55]], [[0.5, 0.55], [r, t]],
  ];
  return (x, y) => strokes.some(([a, c]) => segmentDistance(x, y, a, c) <= w / 2);
}

const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** The icon as RGBA pixels, `size`×`size`. */
export function drawIcon(size) {
  // Strokes no thinner than 1.5 pixels, or the 16-pixel icon loses its lines.
  const layers = [
    [roundedSquare(0.2), BLUE],
    [envelope(Math.max(0.075, 1.5 / size)), WHITE],
    [circle(0.78, 0.27, 0.16), BLUE],
    [circle(0.78, 0.27, 0.12), AMBER],
  ];
  const n = 4;
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour = null;
          for (const [inside, c] of layers) if (inside(x, y)) colour = c;
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const o = (py * size + px) * 4;
      // Colour un-premultiplied: the average of the covered samples.
      if (a) [rgba[o], rgba[o + 1], rgba[o + 2]] = [Math.round(r / a), Math.round(g / a), Math.round(b / a)];
      rgba[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA pixels as a PNG file (ISO/IEC 15948: 8-bit RGBA, no interlace, filter 0 on every row). */
export function encodePng(rgba, width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(rows, y * (width * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** {16: Buffer, 32: …}: each size's PNG. */
export function iconFiles() {
  return Object.fromEntries(ICON_SIZES.map((s) => [s, encodePng(drawIcon(s), s, s)]));
}
