import { parseHTML } from 'linkedom';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FindingRecord } from '@/lib/db/records';

// A DOM for Preact (linkedom): the component is rendered, edited and re-rendered as the ledger does.
const { document, window } = parseHTML('<!doctype html><html><body><div id="root"></div></body></html>');
Object.assign(globalThis, { document, window, Node: window.Node, Event: window.Event });
const { FindingDetail } = await import('@/components/finding-detail');

const finding = (over: Partial<FindingRecord> = {}): FindingRecord =>
  ({
    id: 1,
    roundId: 1,
    siteId: 1,
    pageUrl: 'https://www.example.gov.cn/a.html',
    pageTitle: '通知',
    frameUrl: 'https://www.example.gov.cn/a.html',
    note: '',
    status: 'pending',
    dedupeKey: 'k',
    createdAt: Date.UTC(2026, 10, 22),
    updatedAt: Date.UTC(2026, 10, 22),
    check: 'personal-id-number',
    category: 'privacy',
    severity: 'veto',
    message: '未脱敏的身份证号',
    text: '530902198703150411',
    ...over,
  }) as FindingRecord;

let root: Element;
const show = (f: FindingRecord, saved: Array<[string, string]> = []) =>
  act(() => {
    render(
      <FindingDetail finding={f} siteName="云岭县人民政府" locale="zh-CN" onSave={async (s, n) => void saved.push([s, n])} onClose={() => undefined} />,
      root,
    );
  });
const select = () => root.querySelector('.d-status') as unknown as HTMLSelectElement;
const textarea = () => root.querySelector('.d-note') as unknown as HTMLTextAreaElement;
const saveButton = () => root.querySelector('.d-save') as unknown as HTMLButtonElement;
/** What the reviewer does to a field: picks an option (linkedom's select.value has no setter) or types. */
const edit = (el: HTMLSelectElement | HTMLTextAreaElement, value: string, type: 'change' | 'input') =>
  act(() => {
    if (type === 'change') for (const o of el.querySelectorAll('option')) o.toggleAttribute('selected', o.getAttribute('value') === value);
    else el.value = value;
    el.dispatchEvent(new window.Event(type, { bubbles: true }));
  });
/** The option a select shows (the one Preact's `value` or the reviewer picked). */
const shown = (el: HTMLSelectElement) => el.value;

describe('FindingDetail (the ledger’s 详情)', () => {
  beforeEach(() => {
    root = document.getElementById('root')!;
  });
  afterEach(() => act(() => render(null, root)));

  it('keeps the reviewer’s unsaved edits when the record changes under the dialog, and follows the fields not edited', async () => {
    await show(finding());
    await edit(select(), 'confirmed', 'change');
    expect(saveButton().disabled).toBe(false);
    // A write elsewhere (the background, another ledger page) changes the stored note while the reviewer
    // has only chosen a status: the status chosen stays, the note shown follows the store.
    await show(finding({ note: '主办单位已知悉', updatedAt: Date.UTC(2026, 10, 23) }));
    expect(shown(select())).toBe('confirmed');
    expect(textarea().value).toBe('主办单位已知悉');
    // Now the reviewer types a note; the stored status changes meanwhile: both edits stay.
    await edit(textarea(), '已电话告知', 'input');
    await show(finding({ note: '主办单位已知悉', status: 'excluded' }));
    expect(shown(select())).toBe('confirmed');
    expect(textarea().value).toBe('已电话告知');
    expect(saveButton().disabled).toBe(false);
  });

  it('keeps a status chosen before the dialog’s first effects have run (a busy browser runs them late)', async () => {
    // Rendered and edited outside act(): the mount effect waits for the next frame, as it does in Chrome,
    // and runs only after the reviewer has picked 已确认. It must not put the status it started from back.
    render(<FindingDetail finding={finding()} siteName="云岭县人民政府" locale="zh-CN" onSave={async () => undefined} onClose={() => undefined} />, root);
    for (const o of select().querySelectorAll('option')) o.toggleAttribute('selected', o.getAttribute('value') === 'confirmed');
    select().dispatchEvent(new window.Event('change', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 250));
    await act(() => undefined);
    expect(shown(select())).toBe('confirmed');
    expect(saveButton().disabled).toBe(false);
  });

  it('starts afresh for another finding, and shows what is stored after a save', async () => {
    await show(finding());
    await edit(select(), 'confirmed', 'change');
    const saved: Array<[string, string]> = [];
    await show(finding({ id: 2, note: '另一条', status: 'excluded' }), saved);
    // (linkedom's select shows no value set as a property; the save below tells the status the dialog holds.)
    expect(textarea().value).toBe('另一条');
    expect(saveButton().disabled).toBe(true); // nothing edited
    // A save stores the edits (the status is the new finding's, not the one chosen for the first); the record
    // comes back with them and the dialog is clean again.
    await edit(textarea(), '已整改', 'input');
    await act(async () => saveButton().click());
    expect(saved).toEqual([['excluded', '已整改']]);
    await show(finding({ id: 2, note: '已整改', status: 'excluded' }), saved);
    expect(textarea().value).toBe('已整改');
    expect(saveButton().disabled).toBe(true);
  });
});
