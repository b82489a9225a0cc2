/**
 * Expected answer classes (CATALOGUE.md): NC no credentials (401, challenge without error code),
 * IT invalid_token (401), IR invalid_request (400), IS insufficient_scope (403), OK must be accepted,
 * REJECT any non-2xx (fail closed; `isRefusal` in status.ts is that one meaning).
 */
export const ANSWER_CLASSES = ['NC', 'IT', 'IR', 'IS', 'OK', 'REJECT'] as const;
export type AnswerClass = (typeof ANSWER_CLASSES)[number];

export function isAnswerClass(v: unknown): v is AnswerClass {
  return typeof v === 'string' && (ANSWER_CLASSES as readonly string[]).includes(v);
}
