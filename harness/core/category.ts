/** The catalogue's categories: one folder of scenarios each. */
export const CATEGORIES = [
  'presence',
  'signature',
  'algorithm',
  'time',
  'identity',
  'type',
  'scope',
  'revocation',
  'exhaustion',
  'binding',
  'discovery',
  'step-up',
] as const;
export type Category = (typeof CATEGORIES)[number];
