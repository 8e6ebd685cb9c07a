/**
 * jieba-wasm for Node hosts, imported on first use: its Node build compiles a 4 MB WebAssembly module (its
 * dictionary) as it is imported, so commands that never segment text (`export`, `--help`, bad arguments)
 * must not import it. jieba-wasm stays outside the CLI bundle (it reads its .wasm next to its own file).
 */
import { jiebaSegmenter } from '../lib/engine/segmenter';
import type { Segmenter } from '../lib/engine/types';
import { timeLoadAsync } from './timings';

let loading: Promise<Segmenter> | undefined;

/** The process's jieba segmenter, importing jieba-wasm the first time. */
export function loadNodeJieba(): Promise<Segmenter> {
  loading ??= timeLoadAsync('jieba', async () => {
    const jieba = await import('jieba-wasm');
    // jieba builds its dictionary on the first cut: do it here, so that the load is timed as a load.
    jieba.cut('中文', false);
    return jiebaSegmenter(jieba);
  });
  return loading;
}
