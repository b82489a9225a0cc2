/** What an error answer gives away about how the API is built (leaky-error). @see CWE-209 */
/** Signs that an error answer exposes how the API is built. Case-sensitive where a word is also plain English. */
const INTERNALS: ReadonlyArray<[string, RegExp]> = [
  // Lines may arrive JSON-escaped (`\n    at …`), so a literal backslash-n counts as a line start.
  [
    'a stack trace',
    /(?:^|\\n)\s*at [^\n]*?(?::\d+:\d+|\.(?:java|kt|scala):\d+\))|Traceback \(most recent call last\)|File "[^"]+", line \d+/m,
  ],
  [
    'a file path',
    /(?:^|[\s"'(=:,[])\/(?:home|usr|var|opt|app|srv|src|tmp|etc|workspace|Users)\/[\w.@-]+\/|[A-Za-z]:\\{1,2}[\w.@ -]+\\|\bnode_modules\b/,
  ],
  [
    'a JWT library',
    /\b(?:jsonwebtoken|JsonWebTokenError|TokenExpiredError|NotBeforeError|jose|JOSEError|JWSSignatureVerificationFailed|JWTClaimValidationFailed|JWTExpired|JWSInvalid|JWTInvalid|ERR_JW[SEKT]_[A-Z_]+|jwt-decode|passport-jwt|express-jwt|fast-jwt|PyJWT|jwt\.exceptions|io\.jsonwebtoken|jjwt|nimbus-jose-jwt|com\.nimbusds|Microsoft\.IdentityModel|System\.IdentityModel|IDX1\d{4}|golang-jwt|lestrrat-go|firebase\/php-jwt|lcobucci)\b/,
  ],
  ['an exception', /\b(?:[A-Z]\w*(?:Error|Exception)): |\bjava\.lang\.\w+|\bpanic: /],
  [
    'SQL',
    /\bSELECT\s[^\n]{1,200}?\sFROM\s|\bINSERT\s+INTO\s|\bUPDATE\s+\S+\s+SET\s|\bDELETE\s+FROM\s|\bSQLSTATE\b|\bORA-\d{5}\b|\bSQLITE_[A-Z]+\b|[Ss]yntax error at or near/,
  ],
];

/** What an error answer gives away about the API's internals (CWE-209), by kind; empty when nothing. */
export function internalsIn(text: string): string[] {
  return INTERNALS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}
