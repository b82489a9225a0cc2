/**
 * What the reference answers, by scenario: the base of the declarations of flaws that change how
 * refusals look. Derived from the catalogue, so a new scenario joins these lists by its own `expect`:
 * the FIRST answer class a scenario lists is the one the reference gives (`empty-token` expects IT or
 * IR and the reference says invalid_token; `scope-empty` IS or IT and it says insufficient_scope).
 * The matrix proves each list: a scenario in the wrong one makes a flawed target's run differ.
 */
import { catalogue } from '../../../scenarios/catalogue.ts';
import type { AnswerClass, Scenario } from '../../../scenarios/define.ts';

const primary = (s: Scenario): AnswerClass => ([] as AnswerClass[]).concat(s.expect)[0]!;
/** The flawed targets run as Bearer APIs taking JWTs without a declared resource or step-up: the DPoP, RFC 9728, RFC 9470 and opaque-only scenarios are not applicable there. */
const bearerRun = (s: Scenario): boolean =>
  s.category !== 'binding' && s.category !== 'discovery' && s.category !== 'step-up' && (s.formats ?? ['jwt']).includes('jwt');
const answered = (cls: AnswerClass, where: (s: Scenario) => boolean = () => true): readonly string[] =>
  catalogue.filter((s) => primary(s) === cls && bearerRun(s) && where(s)).map((s) => s.id);

/**
 * Every catalogue scenario a correct API answers with 401 invalid_token on at least one endpoint. Not
 * many-dots or oversized (REJECT): Node's 16 KB header limit answers those with 431 before the API sees them.
 */
export const ANSWERED_INVALID_TOKEN = answered('IT');

/** Scenarios answered without credentials (401, bare challenge), invalid_request (400) or insufficient_scope (403). */
export const ANSWERED_NO_CREDENTIALS = answered('NC');
export const ANSWERED_INVALID_REQUEST = answered('IR');
export const ANSWERED_INSUFFICIENT_SCOPE = answered('IS');
/** Refused with 503 because the IdP could not answer (the revocation category's outages): no challenge is expected there. */
export const ANSWERED_UNAVAILABLE = answered('REJECT', (s) => s.category === 'revocation');
