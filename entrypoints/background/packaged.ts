import browser from 'webextension-polyfill';

/**
 * One of the extension's own files (copied into the build by wxt.config.ts's build:publicAssets hook), as a
 * response known to be ok: the language model, its word-neighbour table, the English dictionary.
 */
export async function packagedFile(path: string): Promise<Response> {
  const response = await fetch(browser.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}
