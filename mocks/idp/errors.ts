/**
 * The mock IdP's own error: it cannot start as asked (a keys file it cannot use, a port it cannot
 * listen on). The message is one line naming the cause and the fix; a caller that wraps the IdP (the
 * harness CLI) prints it and exits 2. The IdP stands alone: nothing here comes from the harness.
 */
export type IdpErrorCode = 'ERR_IDP_KEYS' | 'ERR_IDP_LISTEN';

export class IdpError extends Error {
  override name = 'IdpError';
  constructor(
    readonly code: IdpErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isIdpError(err: unknown): err is IdpError {
  return err instanceof IdpError;
}
