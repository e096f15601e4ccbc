/**
 * Real bytes from Go peers, kept as fixtures in spec/fixtures/captures/*.json (format and provenance:
 * spec/fixtures/captures/README.md). Each file says which peers, versions and options produced it and
 * lists the captured packets and stream messages with their hex.
 */
import { readFileSync } from 'node:fs';
import { fixturePath } from '../../../support/fixtures';

export interface Capture {
  file: string;
  /** The record's number in its capture (packet number of the original pcap where there was one). */
  id: number;
  transport: 'UDP' | 'TCP';
  fromPort: number;
  toPort: number;
  bytes: Uint8Array;
  /** What the record holds, as ts-doudou's decoder summarised it when the fixture was made. */
  contains: string;
}

/** One capture file as stored. */
export interface CaptureFile {
  what: string;
  captured: { on: string; with: string; os?: string };
  software: Record<string, string>;
  packets: Array<{ id: number; transport: 'udp' | 'tcp'; fromPort: number; toPort: number; bytes: number; contains: string; hex: string }>;
  [fact: string]: unknown;
}

export function capturesDir(): string {
  return fixturePath('captures');
}

/** Checks and converts one file's records; throws naming the record when one is malformed. */
export function parseCaptureFile(file: CaptureFile, name = '<json>'): Capture[] {
  if (!Array.isArray(file.packets)) throw new Error(`${name}: no packets`);
  return file.packets.map((p) => {
    if (!/^(?:[0-9a-f]{2})+$/.test(p.hex ?? '')) throw new Error(`${name}: record #${p.id} has no hex`);
    const bytes = Uint8Array.from(Buffer.from(p.hex, 'hex'));
    if (bytes.length !== p.bytes) throw new Error(`${name}: record #${p.id} has ${bytes.length} bytes of hex, says ${p.bytes}`);
    if (p.transport !== 'udp' && p.transport !== 'tcp') throw new Error(`${name}: record #${p.id} transport ${String(p.transport)}`);
    return {
      file: name,
      id: p.id,
      transport: p.transport === 'udp' ? 'UDP' : 'TCP',
      fromPort: p.fromPort,
      toPort: p.toPort,
      bytes,
      contains: p.contains,
    };
  });
}

const cache = new Map<string, Capture[]>();

/** The whole stored file, facts included. */
export function readCaptureFile(name: string): CaptureFile {
  return JSON.parse(readFileSync(`${capturesDir()}/${name}`, 'utf8')) as CaptureFile;
}

/** All records of one fixture (`memberlist-0.2.2.json`, `memberlist-0.2.2-nocompress.json`, …). */
export function loadCaptures(name: string): Capture[] {
  let list = cache.get(name);
  if (list === undefined) {
    list = parseCaptureFile(readCaptureFile(name), name);
    cache.set(name, list);
  }
  return list;
}

/** One record by its number; throws if absent. */
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
