/**
 * The reviewer's keyboard shortcuts: extension commands (chrome://extensions/shortcuts lets the reviewer change
 * the keys; Chrome leaves a suggested key unassigned when the browser uses it, which is why J / K / L), also run
 * from the popup's list, and the same actions by single keys while a finding's card is open in the page (J or N,
 * K or P, L or R, I; never while typing in a field).
 */
export const COMMANDS = ['next-finding', 'previous-finding', 'record-finding', 'ignore-finding'] as const;
/** The id of one shortcut action (as the manifest and chrome.commands name it): go to the next or previous finding, record it (记录), ignore it (忽略). */
export type Command = (typeof COMMANDS)[number];

/** The manifest's `commands`: suggested keys (Chrome allows four) and the descriptions from _locales. */
export const MANIFEST_COMMANDS: Record<Command, { suggested_key: { default: string }; description: string }> = {
  'next-finding': { suggested_key: { default: 'Alt+Shift+J' }, description: '__MSG_cmdNext__' },
  'previous-finding': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmdPrevious__' },
  'record-finding': { suggested_key: { default: 'Alt+Shift+L' }, description: '__MSG_cmdRecord__' },
  'ignore-finding': { suggested_key: { default: 'Alt+Shift+I' }, description: '__MSG_cmdIgnore__' },
};

/** The card's single-key equivalents (lower case): the letters of the suggested keys, and n / p / r as read. */
export const CARD_KEYS: Record<string, Command> = {
  j: 'next-finding',
  n: 'next-finding',
  k: 'previous-finding',
  p: 'previous-finding',
  l: 'record-finding',
  r: 'record-finding',
  i: 'ignore-finding',
};

/** Whether a string names one of our commands. */
export function isCommand(x: unknown): x is Command {
  return typeof x === 'string' && (COMMANDS as readonly string[]).includes(x);
}
