/**
 * Reads the annotated capture files in ../shared/interop/captures/*.txt (real bytes from Go memberlist
 * nodes, see ../shared/interop/captures.md). Each record is a header line
 * `#11 t=0.078 UDP 7980 -> 7981 (148 bytes)` or `#4 t=0.001 TCP stream 52774 -> 7980 (130 bytes)`,
 * then `  hex: …`, then indented decode notes (kept as text).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface Capture {
  file: string;
  /** The packet number in the pcap (#11). */
  id: number;
  transport: 'UDP' | 'TCP';
  fromPort: number;
  toPort: number;
  bytes: Uint8Array;
  /** The decode notes under the hex line. */
  notes: string[];
}

const HEADER = /^#(\d+) t=[\d.]+ (UDP|TCP stream) (\d+) -> (\d+) \((\d+) bytes\)$/;

export function capturesDir(): string {
  return path.resolve(process.cwd(), '../shared/interop/captures');
}

/** Parses capture text; throws naming the line when a record is malformed (so a format change is loud). */
export function parseCaptures(text: string, file = '<text>'): Capture[] {
  const out: Capture[] = [];
  let current: Capture | undefined;
  let declared = 0;
  text.split('\n').forEach((line, i) => {
    const h = HEADER.exec(line);
    if (h) {
      current = {
        file,
        id: Number(h[1]),
        transport: h[2] === 'UDP' ? 'UDP' : 'TCP',
        fromPort: Number(h[3]),
        toPort: Number(h[4]),
        bytes: new Uint8Array(0),
        notes: [],
      };
      declared = Number(h[5]);
      out.push(current);
      return;
    }
    if (line.trim() === '') return;
    if (current === undefined) throw new Error(`${file}:${i + 1}: text before the first record`);
    const hex = /^\s+hex: ([0-9a-f]+)$/.exec(line);
    if (hex) {
      current.bytes = Uint8Array.from(Buffer.from(hex[1], 'hex'));
      if (current.bytes.length !== declared) {
        throw new Error(`${file}:${i + 1}: hex has ${current.bytes.length} bytes, header says ${declared}`);
      }
      return;
    }
    current.notes.push(line.trim());
  });
  for (const c of out) if (c.bytes.length === 0) throw new Error(`${file}: record #${c.id} has no hex`);
  return out;
}

const cache = new Map<string, Capture[]>();

/** All records of one capture file (`plain.txt`, `nocompress.txt`, `enc-label.txt`). */
export function loadCaptures(name: string): Capture[] {
  let list = cache.get(name);
  if (list === undefined) {
    list = parseCaptures(readFileSync(path.join(capturesDir(), name), 'utf8'), name);
    cache.set(name, list);
  }
  return list;
}

/** One record by its pcap number; throws if absent. */
export function capture(name: string, id: number): Capture {
  const c = loadCaptures(name).find((x) => x.id === id);
  if (c === undefined) throw new Error(`${name}: no record #${id}`);
  return c;
}

export function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}
