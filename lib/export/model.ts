/**
 * The records an export works on: sites, their findings and the inspection round. Independent of the
 * database (lib/db maps its rows to these) and of the CLI (cli/export.ts maps scan JSON to these), so the
 * same CSV, report and ZIP come out of the extension and of `npm run export`.
 */
import type { Category, Severity } from '../engine/types';

/** 网站类别 as the inspection notices list them. */
export type SiteKind = '门户网站' | '部门网站' | '信息公开专栏' | '政务新媒体';

/** 复核状态 of a finding. 已排除 (a false positive) never counts in scoring or in the report. */
export type FindingStatus = '待复核' | '已确认' | '已排除' | '已整改';

/** A site under review as the export names it: one row of the report's summary, the site columns of the CSV. */
export interface ExportSite {
  id: string;
  /** 网站名称 */
  name: string;
  /** 网站标识码: 10 digits (local) or bm + 8 digits; '' when unknown. */
  siteCode: string;
  /** 县（区）/部门: the row of the 附件1 summary the site counts in. */
  region: string;
  kind: SiteKind;
  homeUrl: string;
  /**
   * A 政务新媒体 account (kind 政务新媒体): its 平台 as the notices name it (微信公众号, 微博, 抖音, 快手, 今日头条);
   * absent on websites and on an account of no known platform (counted as 其他政务新媒体). `name` is the
   * account's name, `region` its 主办单位.
   */
  platform?: string;
  /** The account's id on its platform and its page, when known. */
  accountId?: string;
  accountUrl?: string;
}

/** The 平台 of an account of no known platform, as seed 004 counts them (抽查其他政务新媒体). */
export const OTHER_PLATFORM = '其他政务新媒体';

/** Whether an export's site is a 政务新媒体 account: scored by the 政务新媒体 vetoes only, listed apart from websites. */
export function isAccountSite(site: Pick<ExportSite, 'kind'>): boolean {
  return site.kind === '政务新媒体';
}

/** One finding as the export writes it: a CSV row, an entry of the report, a line of the site's score. */
export interface ExportFinding {
  id: string;
  siteId: string;
  /** 问题页面网址 */
  pageUrl: string;
  pageTitle: string;
  /** Whether pageUrl is the site's home page (a dead link there costs −0.2 instead of −0.1). */
  isHomePage: boolean;
  category: Category;
  /** Check id (lib/checks/<id>.ts). */
  check: string;
  /** Sub-kind, e.g. the identification item 'icp' or the column class 'news'. */
  kind?: string;
  severity: Severity;
  /** zh-CN message (问题描述). */
  message: string;
  /** The flagged page text (原文); hostile: escape wherever it is rendered. */
  text: string;
  suggestion?: string;
  /** Reviewer's note. */
  note?: string;
  status: FindingStatus;
  /** ISO 8601 time the finding was recorded. */
  foundAt: string;
  /** File name of the screenshot (a plain name, no folders), stored under screenshots/ in the ZIP. */
  screenshot?: string;
}

/** One inspection round (检查轮次). */
export interface ExportRound {
  /** e.g. 2026年第四季度 */
  name: string;
  /** 监测日期 / 抽查采样时间, YYYY-MM-DD. */
  monitoringDate: string;
}

/** Everything one export covers. */
export interface ExportData {
  round: ExportRound;
  sites: ExportSite[];
  findings: ExportFinding[];
}

/** Whether a finding takes part in scoring and the report (已排除 means the reviewer ruled it out). */
export function isCounted(f: ExportFinding): boolean {
  return f.status !== '已排除';
}
