import type { Check } from '../engine/types';
import blankColumn from './blank-column';
import expressionBannedTerm from './expression-banned-term';
import expressionFormulation from './expression-formulation';
import expressionHmt from './expression-hmt';
import expressionLeaderName from './expression-leader-name';
import expressionRenamedBody from './expression-renamed-body';
import linkBroken from './link-broken';
import newmediaUpdate from './newmedia-update';
import personalBankCard from './personal-bank-card';
import personalIdNumber from './personal-id-number';
import personalMobileNumber from './personal-mobile-number';
import siteIdentification from './site-identification';
import publicMessages from './public-messages';
import serviceGuide from './service-guide';
import siteJiucuo from './site-jiucuo';
import siteSearch from './site-search';
import staleArticleNoDate from './stale-article-no-date';
import staleColumn from './stale-column';
import typoEnglish from './typo-english';
import typoAmountUnit from './typo-amount-unit';
import typoContext from './typo-context';
import typoDe from './typo-de';
import typoDocNumber from './typo-doc-number';
import typoExtraChar from './typo-extra-char';
import typoFragment from './typo-fragment';
import typoFunctionWord from './typo-function-word';
import typoMissingChar from './typo-missing-char';
import typoNameVariant from './typo-name-variant';
import typoNearMiss from './typo-near-miss';
import typoNumber from './typo-number';
import typoPageWord from './typo-page-word';
import typoPoliticalPhrase from './typo-political-phrase';
import typoPunctuation from './typo-punctuation';
import typoWordPair from './typo-word-pair';

/**
 * The registry: every check, by id. A meta-test (tests/unit/registry.test.ts) enforces that each
 * file in lib/checks/ is registered here, documented in docs/checks/<id>.md and tested in
 * tests/unit/checks/<id>.test.ts.
 */
export const checks: readonly Check[] = [
  personalIdNumber,
  personalMobileNumber,
  personalBankCard,
  siteIdentification,
  siteJiucuo,
  siteSearch,
  expressionFormulation,
  expressionLeaderName,
  expressionHmt,
  expressionBannedTerm,
  expressionRenamedBody,
  typoPoliticalPhrase,
  typoWordPair,
  typoNearMiss,
  typoFragment,
  typoContext,
  typoExtraChar,
  typoMissingChar,
  typoPageWord,
  typoNameVariant,
  typoDe,
  typoFunctionWord,
  typoEnglish,
  typoPunctuation,
  typoNumber,
  typoDocNumber,
  typoAmountUnit,
  staleColumn,
  staleArticleNoDate,
  newmediaUpdate,
  blankColumn,
  linkBroken,
  serviceGuide,
  publicMessages,
];

/** The registered check with this id, if any. */
export function checkById(id: string): Check | undefined {
  return checks.find((c) => c.meta.id === id);
}
