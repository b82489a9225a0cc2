/**
 * The message check: the human message a gateway or API returns, matched against a template with %s
 * placeholders (the gateway messages style) or a regular expression.
 */
import type { Expectation, MessageRule } from '../core/expectation.ts';
import { findChallenge } from '../observe/www-authenticate.ts';
import type { Observation } from '../core/observation.ts';
import type { Finding } from '../core/finding.ts';

export function templateToRegExp(template: string): RegExp {
  const parts = template.split('%s').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(parts.join('(.+?)'));
}

export function messageText(obs: Observation, where: MessageRule['in'] = 'body'): string | undefined {
  if (where === 'error_description') return findChallenge(obs.challenges, 'Bearer')?.params.error_description;
  if (where.startsWith('json:')) {
    let value: unknown = obs.json;
    for (const key of where.slice(5).split('.'))
      value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  return obs.body;
}

export function checkMessage(obs: Observation, exp: Expectation): Finding | undefined {
  const rule = exp.message;
  if (!rule || exp.accept) return undefined;
  const text = messageText(obs, rule.in);
  const re = rule.template ? templateToRegExp(rule.template) : rule.pattern ? new RegExp(rule.pattern) : undefined;
  if (!re || (text !== undefined && re.test(text))) return undefined;
  const wanted = rule.template ? `"${rule.template}"` : `/${rule.pattern}/`;
  const got = text === undefined ? 'no message' : `"${text.length > 160 ? `${text.slice(0, 160)}…` : text}"`;
  return { check: 'message', severity: 'minor', message: `expected the message ${wanted} in ${rule.in ?? 'body'}, got ${got}` };
}
