/**
 * The word branch's candidates of every vocabulary word, computed once at build time: for each word of 2–4
 * characters, the words of its length one confusable character away (lib/lm/confusion-index.ts `around`).
 * A pass meets some 8,000 distinct rare words on the 1.12 M characters of work reports, and finding their
 * neighbours there took a twentieth of the pass; a service worker, which starts empty after 30 s idle, paid
 * it again on every page. The table is built by scripts/build-word-neighbours.ts from the model file and the
 * confusion data into lib/data/lm/zh-lm-neighbours.bin (0.9 MB), read beside the model (Node: cli/
 * node-language-model.ts, the background: entrypoints/background/language-model.ts) and attached to it;
 * without it the detector finds the same neighbours itself, word by word (lib/lm/detect.ts).
 *
 * Layout (little-endian):
 *
 *   "GRWN"  u32 version  u32 model fingerprint  u32 vocabulary size  u32 entry count
 *   u16[vocabulary size] entries per word (padded to 4 bytes)   u32[entry count] entries
 *
 * An entry is the neighbour's word id (bits 0–19), the offset of the changed character (20–21) and the
 * kind of the change (22–24: 1 same sound, 2 other tone, 3 similar shape, 4 alike as rendered); a word's
 * entries are in the order `around` finds them, which decides between proposals of equal gain.
 */
import { MAX_LEN, type WildcardIndex } from './confusion-index';
import type { LanguageModel } from './model';

const MAGIC = 'GRWN';
const VERSION = 1;
const HEADER_BYTES = 20;
const ID_BITS = 20;

/**
 * The neighbours of word `id` as quads (offset of the changed character, word id, kind, the new character),
 * in the order `around` finds them.
 */
export function computeWordNeighbours(model: LanguageModel, idx: WildcardIndex, id: number): number[] {
  const w = model.words[id];
  const out: number[] = [];
  const whole = (s: number, e: number) => s === 0 && e === w.length;
  for (let at = 0; at < w.length; at++) idx.around(w, at, 0, w.length, whole, (_s, _e, wid, kind, code) => out.push(at, wid, kind, code));
  return out;
}

/**
 * A fingerprint of the model a table belongs to: FNV-1a of its header (source, counts, quantisation tables
 * and the sections' places), so that a table built for another model file is refused.
 */
export function modelFingerprint(model: LanguageModel): number {
  const s = JSON.stringify(model.header);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The table file of `model`: every word of 2–4 characters with its neighbours (scripts/build-word-neighbours.ts). */
export function buildWordNeighbours(model: LanguageModel, idx: WildcardIndex): Uint8Array {
  if (model.size >= 1 << ID_BITS) throw new Error(`vocabulary of ${model.size} words does not fit ${ID_BITS}-bit ids`);
  const counts = new Uint16Array(model.size);
  const entries: number[] = [];
  for (let id = 0; id < model.size; id++) {
    const len = model.words[id].length;
    if (len < 2 || len > MAX_LEN) continue;
    const quads = computeWordNeighbours(model, idx, id);
    if (quads.length / 4 > 0xffff) throw new Error(`word ${model.words[id]} has more than 65,535 neighbours`);
    counts[id] = quads.length / 4;
    for (let q = 0; q < quads.length; q += 4) entries.push(quads[q + 1] | (quads[q] << ID_BITS) | (quads[q + 2] << (ID_BITS + 2)));
  }
  const countBytes = (model.size * 2 + 3) & ~3;
  const out = new Uint8Array(HEADER_BYTES + countBytes + entries.length * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, VERSION, true);
  dv.setUint32(8, modelFingerprint(model), true);
  dv.setUint32(12, model.size, true);
  dv.setUint32(16, entries.length, true);
  for (let id = 0; id < model.size; id++) dv.setUint16(HEADER_BYTES + 2 * id, counts[id], true);
  const base = HEADER_BYTES + countBytes;
  for (let i = 0; i < entries.length; i++) dv.setUint32(base + 4 * i, entries[i] >>> 0, true);
  return out;
}

/** A table read from its file: word `id`'s quads are quads[4 * start[id], 4 * start[id + 1]). */
interface Table {
  start: Int32Array;
  quads: Int32Array;
}

const tables = new WeakMap<LanguageModel, Table>();

/**
 * Reads a table file and attaches it to `model`, whose word branch then reads each word's neighbours from
 * it. Throws, and attaches nothing, for a file that is not such a table, is cut short, or belongs to
 * another model.
 */
export function attachWordNeighbours(model: LanguageModel, bytes: Uint8Array): void {
  if (bytes.length < HEADER_BYTES || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a GovReview word-neighbour table (bad magic)');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== VERSION) throw new Error(`word-neighbour table version ${version}, expected ${VERSION}`);
  if (dv.getUint32(8, true) !== modelFingerprint(model) || dv.getUint32(12, true) !== model.size)
    throw new Error('word-neighbour table built for another language model (rebuild it: scripts/build-word-neighbours.ts)');
  const total = dv.getUint32(16, true);
  const countBytes = (model.size * 2 + 3) & ~3;
  const base = HEADER_BYTES + countBytes;
  if (bytes.length !== base + total * 4) throw new Error('word-neighbour table truncated');
  const start = new Int32Array(model.size + 1);
  for (let id = 0; id < model.size; id++) start[id + 1] = start[id] + dv.getUint16(HEADER_BYTES + 2 * id, true);
  if (start[model.size] !== total) throw new Error('word-neighbour table inconsistent (counts and entries differ)');
  const quads = new Int32Array(total * 4);
  const { words } = model;
  for (let i = 0; i < total; i++) {
    const e = dv.getUint32(base + 4 * i, true);
    const wid = e & ((1 << ID_BITS) - 1);
    const at = (e >>> ID_BITS) & 3;
    if (wid >= model.size || at >= words[wid].length) throw new Error('word-neighbour table inconsistent (entry out of range)');
    quads[4 * i] = at;
    quads[4 * i + 1] = wid;
    quads[4 * i + 2] = (e >>> (ID_BITS + 2)) & 7;
    quads[4 * i + 3] = words[wid].charCodeAt(at);
  }
  tables.set(model, { start, quads });
}

/**
 * The attached table itself, or undefined without one: word `id`'s neighbours are quads[4 × start[id], 4 ×
 * start[id + 1]) (for a loop over many words without a view made per word).
 */
export function wordNeighbourTable(model: LanguageModel): { start: Int32Array; quads: Int32Array } | undefined {
  return tables.get(model);
}

/** Word `id`'s neighbours from the attached table (quads, see computeWordNeighbours), or undefined without one. */
export function tabledNeighbours(model: LanguageModel, id: number): Int32Array | undefined {
  const t = tables.get(model);
  return t?.quads.subarray(4 * t.start[id], 4 * t.start[id + 1]);
}
