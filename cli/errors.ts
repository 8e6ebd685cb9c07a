/** Bad input (missing file, unreachable URL, HTTP error, binary, empty or huge): exit 2 with one line. */
export class InputError extends Error {
  override name = 'InputError';
}
