#!/usr/bin/env node
// Draws the app icon (build/icon.png, 512x512 RGBA) with code, so it needs no image tools or assets:
// a dark rounded square with a lens (a ring and its handle) over a hook-shaped arc. electron-builder
// converts this PNG to .icns/.ico when packaging. Run: node scripts/make-icon.mjs [out.png]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const SUPERSAMPLE = 4; // per axis: 16 samples per pixel for smooth edges

const BACKGROUND = [17, 20, 24];
const LENS = [94, 234, 212];
const HOOK = [250, 204, 21];

/** Signed distances (negative inside) of the shapes, in pixels of a 512 canvas. */
function roundedSquare(x, y) {
  const half = 232;
  const radius = 96;
  const qx = Math.abs(x - 256) - (half - radius);
  const qy = Math.abs(y - 256) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function ring(x, y, cx, cy, r, width) {
  return Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2;
}

function segment(x, y, ax, ay, bx, by, width) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - width / 2;
}

function hook(x, y) {
  // A "J": a shaft, the lower half of a ring, and a barb pointing back up.
  const bend = y >= 262 ? ring(x, y, 236, 262, 70, 26) : Infinity;
  const shaft = segment(x, y, 306, 262, 306, 160, 26);
  const barb = segment(x, y, 166, 262, 196, 226, 26);
  return Math.min(bend, shaft, barb);
}

function colourAt(x, y) {
  if (roundedSquare(x, y) > 0) return null;
  if (segment(x, y, 330, 330, 420, 420, 44) <= 0) return LENS;
  if (ring(x, y, 236, 236, 140, 36) <= 0) return LENS;
  if (hook(x, y) <= 0) return HOOK;
  return BACKGROUND;
}

function render() {
  const rowBytes = 1 + SIZE * 4;
  const raw = Buffer.alloc(rowBytes * SIZE);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < SIZE; py++) {
    raw[py * rowBytes] = 0; // filter: none
    for (let px = 0; px < SIZE; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = colourAt(px + (sx + 0.5) / SUPERSAMPLE, py + (sy + 0.5) / SUPERSAMPLE);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const o = py * rowBytes + 1 + px * 4;
      if (covered === 0) continue;
      raw[o] = Math.round(r / covered);
      raw[o + 1] = Math.round(g / covered);
      raw[o + 2] = Math.round(b / covered);
      raw[o + 3] = Math.round((255 * covered) / samples);
    }
  }
  return raw;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng() {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(render(), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2] ?? fileURLToPath(new URL('../build/icon.png', import.meta.url));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, iconPng());
  console.log(`wrote ${out}`);
}
