import type { ForgedToken } from '../../mocks/idp/mint.ts';

/** How the credential is carried. `token` goes wherever the API reads tokens (header, cookie...). */
export type Credential =
  | { kind: 'none' }
  | { kind: 'token'; token: ForgedToken | string }
  /** An exact Authorization header value, for scheme and whitespace faults. */
  | { kind: 'authorization'; value: string };
