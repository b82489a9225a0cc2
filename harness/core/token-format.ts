/**
 * The baseline's format (config `baseline.format`): JWTs the API validates itself, or opaque tokens it
 * can only introspect (RFC 7662). A scenario names the formats it applies to (default JWT only); under
 * any other it is a skipped row, with the reason.
 */
import type { TokenFormat } from '../../mocks/idp/mint.ts';

export type { TokenFormat };
export const TOKEN_FORMATS = ['jwt', 'opaque'] as const satisfies readonly TokenFormat[];

/** Why a scenario for `formats` does not apply to an API that takes `format` tokens; undefined when it does. */
export function formatReason(formats: readonly TokenFormat[] | undefined, format: TokenFormat = 'jwt'): string | undefined {
  if ((formats ?? ['jwt']).includes(format)) return undefined;
  return format === 'opaque'
    ? 'not applicable: the API takes opaque tokens (baseline.format "opaque"): there is no JWT for it to check, only the introspection answer'
    : 'not applicable: the API takes JWTs; this scenario is for opaque tokens (baseline.format "opaque")';
}
