/**
 * The smallest scope check for an Express app whose validator has none (jsonwebtoken, express-jwt,
 * passport-jwt): the verified claims' space-separated `scope` string must hold the scope, else 403
 * with an RFC 6750 insufficient_scope challenge, as the fastify-jwt target does. Scope findings
 * against those targets are about this code.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function requireScope(scope: string, claimsOf: (req: Request, res: Response) => unknown): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const granted = (claimsOf(req, res) as { scope?: unknown } | undefined)?.scope;
    if (typeof granted === 'string' && granted.split(' ').includes(scope)) {
      next();
      return;
    }
    res.status(403).set('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`).json({ error: 'insufficient_scope' });
  };
}
