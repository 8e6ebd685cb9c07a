import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findingsCsv } from '../../../lib/export/csv';
import type { ExportData } from '../../../lib/export/model';
import { reportHtml } from '../../../lib/export/report-html';
import { buildExport, buildExportZip, EXPORT_FILES, isSafeFileName } from '../../../lib/export/zip';
import { finding, site } from './factory';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 9, 9, 9]);

function data(): ExportData {
  return {
    round: { name: '2026年第四季度', monitoringDate: '2026-11-20' },
    sites: [site()],
    findings: [finding({ screenshot: '按装 1.png' }), finding({ screenshot: 'b.jpg', severity: 'veto' }), finding({ screenshot: 'gone.png' })],
  };
}

describe('buildExport', () => {
  it('zips the CSV, the report and every screenshot by the name the CSV gives', () => {
    const shots = new Map([
      ['按装 1.png', PNG],
      ['b.jpg', JPG],
    ]);
    const d = data();
    const bundle = buildExport(d, shots);
    const files = unzipSync(bundle.zip);
    expect(Object.keys(files).sort()).toEqual([EXPORT_FILES.csv, EXPORT_FILES.html, 'screenshots/b.jpg', 'screenshots/按装 1.png'].sort());
    // Bytes, not strFromU8: a decoder drops the BOM.
    expect(files[EXPORT_FILES.csv]).toEqual(new TextEncoder().encode(findingsCsv(d.sites, d.findings)));
    expect(strFromU8(files[EXPORT_FILES.html])).toBe(reportHtml(d));
    expect(bundle.csv).toBe(findingsCsv(d.sites, d.findings));
    expect(files['screenshots/按装 1.png']).toEqual(PNG);
    expect(files['screenshots/b.jpg']).toEqual(JPG);
    expect(bundle.csv).toContain('按装 1.png');
    expect(bundle.missingScreenshots).toEqual(['gone.png']);
    expect(bundle.scores.get('lc')?.result).toBe('不合格');
  });

  it('is reproducible: the same input gives the same bytes', () => {
    expect(buildExport(data()).zip).toEqual(buildExport(data()).zip);
  });
});

describe('buildExportZip', () => {
  it.each(['../evil.png', 'a/b.png', 'a\\b.png', '..', '', 'x\u0000.png', 'c:d.png'])('refuses the screenshot name %j', (name) => {
    expect(isSafeFileName(name)).toBe(false);
    expect(() => buildExportZip({ csv: '', html: '', screenshots: new Map([[name, PNG]]) })).toThrow(/unsafe screenshot/);
  });

  it('accepts plain names, Chinese included', () => {
    expect(isSafeFileName('临沧 截图-1.png')).toBe(true);
  });
});
