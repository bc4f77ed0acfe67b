/** One self-test step as the adapters report it: its finding, and support's English words for it from the catalogue. */
import { detailText, hintText, type DetailKey, type HintKey } from '../core/messages/self-test-en.js';
import type { Finding, SelfTestStep, StepId, StepStatus } from '../core/self-test.js';

/** How support's English words a step: a detail, a hint for a failure, and values only the English needs. */
export interface Words {
  detail: DetailKey;
  hint?: HintKey;
  values?: Record<string, string>;
}

/** The step, its English filled from the finding's values and the words' own. */
export function step(id: StepId, status: StepStatus, finding: Finding, words: Words): SelfTestStep {
  const values = { ...finding.params, ...words.values };
  return { id, status, detail: detailText(words.detail, values), ...(words.hint ? { hint: hintText(words.hint, values) } : {}), finding };
}
