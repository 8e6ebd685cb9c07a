import { describe, expect, it } from 'vitest';
import { hostnameOf, siteKeyOf } from '../../lib/engine/hosts';
import { footerIdentity } from '../../lib/text-model/footer-identity';

describe('footerIdentity: what the check, the content script and the CLI merge read from a footer', () => {
  it.each([
    ['主办：云岭县人民政府办公室　网站标识码：5309000099', { siteCode: '5309000099', sponsor: '云岭县人民政府办公室' }],
    ['网站主办单位：湖南省市场监督管理局 标识码 BM43000012', { siteCode: 'bm43000012', sponsor: '湖南省市场监督管理局' }],
    ['主　办：临沧市人民政府', { siteCode: undefined, sponsor: '临沧市人民政府' }],
    ['主办：承办：信息中心 网站标识码：', { siteCode: undefined, sponsor: undefined }],
    ['网站标识码：53090000 (too short)', { siteCode: undefined, sponsor: undefined }],
    ['no footer at all', { siteCode: undefined, sponsor: undefined }],
  ])('%s', (text, want) => {
    expect(footerIdentity(text)).toEqual(want);
  });
});

describe('hosts: a site in the ledger, a site for the reviewer’s switches', () => {
  it('hostnameOf: lower case, no port; siteKeyOf: host and port as shown', () => {
    expect(hostnameOf('https://WWW.YN.gov.cn:8443/a')).toBe('www.yn.gov.cn');
    expect(siteKeyOf('https://WWW.YN.gov.cn:8443/a')).toBe('www.yn.gov.cn:8443');
    expect(siteKeyOf('http://127.0.0.1:5000/x')).not.toBe(siteKeyOf('http://127.0.0.1:5001/x'));
    expect(hostnameOf('not a url')).toBe('');
    expect(siteKeyOf('')).toBe('');
  });
});
