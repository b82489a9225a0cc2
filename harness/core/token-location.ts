/** Where the API reads tokens. @see RFC 6750 §2 */
export interface TokenLocation {
  in: 'header' | 'cookie' | 'query' | 'form';
  /** Header, cookie, query or form field name. */
  name: string;
  /** Auth scheme prefix for the Authorization header (`Bearer`); none for custom headers. */
  scheme?: string;
}

export const DEFAULT_LOCATION: TokenLocation = { in: 'header', name: 'authorization', scheme: 'Bearer' };
