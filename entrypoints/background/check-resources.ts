import { loadLanguageModel } from './language-model';
import { loadSegmenter } from './segmenter';
import { loadSpeller } from './speller';

/**
 * What the checks need besides the page, awaited, for a run over pages the background fetched itself (复查, 全站巡检):
 * each check must see what it sees in the reviewer's tab, so the model (typo-context) and the English dictionary
 * (typo-english) are loaded, not skipped. A resource that fails to load is left out (its checks report nothing).
 */
export async function loadCheckResources() {
  const [segmenter, languageModel, speller] = await Promise.all([
    loadSegmenter().catch(() => undefined),
    loadLanguageModel().catch(() => undefined),
    loadSpeller().catch(() => undefined),
  ]);
  return { segmenter, languageModel, speller };
}
