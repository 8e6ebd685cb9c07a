/**
 * The binary layout of GovReview's language model file (lib/data/lm/zh-lm.bin), shared by the writer
 * (scripts/build-lm.ts) and the reader (lib/lm/model.ts). Little-endian throughout.
 *
 *   "GRLM"  u32 version  u32 headerBytes  header (UTF-8 JSON, LmHeader)  sections…
 *
 * Each section starts on a 4-byte boundary at `offset` (from the start of the file). Word ids are the
 * line numbers of the vocabulary section. Probabilities are log10, quantised to one byte each against a
 * 256-entry table in the header; id lists are sorted and stored as LEB128 varints of their differences,
 * so that the file is small and decodes into sorted typed arrays (binary search) in one pass.
 */
export const MAGIC = 'GRLM';
/** The layout version after the magic: the reader refuses any other, so a new layout means a new version and a rebuilt file. */
export const VERSION = 1;

/** The sections of the file, in order. */
export type SectionName =
  | 'vocab' // UTF-8 words joined by '\n'; word id = line
  | 'uniP' // u8[V]: log10 P(w)
  | 'uniBo' // u8[V]: log10 backoff(w)
  | 'biCount' // varint[V]: bigrams (w, ·) per w
  | 'biNext' // varint[B]: successor ids, delta-coded within each w's run
  | 'biP' // u8[B]: log10 P(next | w)
  | 'biBo' // u8[B]: log10 backoff(w, next)
  | 'triCount' // varint[B]: trigrams (w, next, ·) per bigram
  | 'triNext' // varint[T]: third-word ids, delta-coded within each bigram's run
  | 'triP'; // u8[T]: log10 P(third | w, next)

/** The file's JSON header: where the model comes from, its sizes, the dequantisation tables and where each section lies. */
export interface LmHeader {
  /** Where the data comes from, its version and licence (also in lib/data/lm/NOTICE.md). */
  source: string;
  version: string;
  license: string;
  /** How it was derived (pruning thresholds, quantisation). */
  built: Record<string, string | number>;
  counts: { unigrams: number; bigrams: number; trigrams: number };
  /** log10 probability of a word outside the vocabulary (the ARPA's <unk>). */
  unk: number;
  /** Dequantisation tables: byte → log10 value. */
  quant: { uniP: number[]; uniBo: number[]; biP: number[]; biBo: number[]; triP: number[] };
  sections: Record<SectionName, { offset: number; length: number }>;
}

/** Appends the LEB128 varint of a non-negative integer. */
export function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  out.push(v);
}

/** Decodes `count` varints from `bytes` starting at `pos`, as running sums restarted by `restart`. */
export function readVarints(bytes: Uint8Array, pos: number, count: number, into: Uint32Array): number {
  let p = pos;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[p++];
      v |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    into[i] = v >>> 0;
  }
  return p;
}
