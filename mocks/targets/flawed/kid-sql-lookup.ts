import { randomBytes, webcrypto } from 'node:crypto';
import { referenceSteps, type Step } from '../reference/steps.ts';
import { defineFlawedTarget } from './define.ts';

type Row = Record<string, string>;

/** The service secrets table: one internal service, with a secret nobody outside knows. */
const HMAC_KEYS: readonly Row[] = [{ kid: 'billing-service', secret: randomBytes(32).toString('base64url') }];

type Tok = { t: 'lit' | 'word' | 'eq'; v: string };

/** The SQL subset the key store speaks: literals ('' escapes a quote), words, `=`, and `--` comments. */
function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) break;
    else if (c === '=') {
      out.push({ t: 'eq', v: c });
      i++;
    } else if (c === "'") {
      let v = '';
      for (i++; ; i++) {
        if (i >= sql.length) throw new SyntaxError('unterminated string literal');
        if (sql[i] === "'" && sql[i + 1] === "'") {
          v += "'";
          i++;
        } else if (sql[i] === "'") break;
        else v += sql[i];
      }
      i++;
      out.push({ t: 'lit', v });
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i))?.[0];
      if (!word) throw new SyntaxError(`unexpected ${JSON.stringify(c)}`);
      out.push({ t: 'word', v: word });
      i += word.length;
    }
  }
  return out;
}

/** `SELECT col FROM hmac_keys WHERE a = b [OR a = b]... [UNION SELECT 'lit']...`: the values it returns, in order. */
function query(sql: string): string[] {
  const toks = tokenize(sql);
  let p = 0;
  const word = (w: string) => {
    const t = toks[p++];
    if (t?.t !== 'word' || t.v.toUpperCase() !== w) throw new SyntaxError(`expected ${w}`);
  };
  const operand = (): Tok => {
    const t = toks[p++];
    if (!t || t.t === 'eq') throw new SyntaxError('expected a value');
    return t;
  };
  word('SELECT');
  const column = operand().v;
  word('FROM');
  operand();
  word('WHERE');
  const terms: Array<[Tok, Tok]> = [];
  do {
    const left = operand();
    if (toks[p++]?.t !== 'eq') throw new SyntaxError('expected =');
    terms.push([left, operand()]);
  } while (toks[p]?.t === 'word' && toks[p]!.v.toUpperCase() === 'OR' && ++p);
  const value = (t: Tok, row: Row) => (t.t === 'lit' ? t.v : row[t.v]);
  const result = HMAC_KEYS.filter((row) => terms.some(([a, b]) => value(a, row) === value(b, row))).map((row) => row[column] ?? '');
  while (p < toks.length) {
    word('UNION');
    word('SELECT');
    result.push(operand().v);
  }
  return result;
}

/** HS256 tokens of internal services: the secret comes from `SELECT secret FROM hmac_keys WHERE kid = '${kid}'`, built by concatenation. */
const resolveKey: Step = async (ctx) => {
  const kid = ctx.header?.kid;
  if (ctx.header?.alg !== 'HS256' || typeof kid !== 'string') return referenceSteps.resolveKey(ctx);
  let secret: string | undefined;
  try {
    [secret] = query(`SELECT secret FROM hmac_keys WHERE kid = '${kid}'`);
  } catch {
    secret = undefined;
  }
  // Nothing in the table: the kid is looked up among the published keys, as for any other token.
  if (secret === undefined || secret === '') return referenceSteps.resolveKey(ctx);
  ctx.key = await webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
};

export default defineFlawedTarget({
  name: 'kid-sql-lookup',
  flaw: "Looks HS256 service secrets up with SQL built by string concatenation (`WHERE kid = '${kid}'`), so a kid of `' UNION SELECT 'x' --` makes the secret whatever the token says.",
  basedOn:
    'The kid SQL injection of the JWT attack playbooks (PortSwigger "JWT attacks": kid parameter injection; jwt_tool -I -hc kid), CWE-89, RFC 8725 §3.10.',
  catches: ['kid-injection'],
  severity: 'critical',
  options: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA', 'HS256'], steps: { resolveKey } },
});
