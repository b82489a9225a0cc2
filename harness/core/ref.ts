/**
 * Where a rule comes from, as data: the spec ("RFC 6750", "CWE-613", "CVE-2022-21449", or a source
 * document such as "login audit trail"), the section when there is one, and a link. Compliance per
 * standard (reports/text.ts) is counted from `spec`; scenarios write them with scenarios/lib/refs.ts.
 */
export interface Ref {
  spec: string;
  section?: string;
  url?: string;
}

/** "RFC 6750 §3.1", "CWE-613", "login audit trail". */
export function formatRef(ref: Ref): string {
  return ref.section ? `${ref.spec} §${ref.section}` : ref.spec;
}

/** A reference as a user scenario may give it: the data, or plain text (kept as the spec, linked to nothing). */
export function toRef(ref: Ref | string): Ref {
  return typeof ref === 'string' ? { spec: ref } : ref;
}

export function isRef(v: unknown): v is Ref {
  if (typeof v === 'string') return true;
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return (
    typeof r.spec === 'string' &&
    r.spec.length > 0 &&
    ['string', 'undefined'].includes(typeof r.section) &&
    ['string', 'undefined'].includes(typeof r.url)
  );
}
