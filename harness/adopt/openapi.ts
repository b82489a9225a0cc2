/**
 * Endpoints from an OpenAPI document (--openapi FILE|URL, config `openapi`): every operation that a
 * bearer access token can open becomes an endpoint with the scopes it requires.
 *
 * Parsing, $ref dereferencing and validation are @apidevtools/swagger-parser's (OpenAPI 3.0 and 3.1).
 * Then, per operation:
 * - Its security is the operation's `security` when present, else the document's (RFC: the
 *   operation-level list overrides the root one). The list holds alternatives (any one suffices); an
 *   alternative is a set of schemes that are all needed.
 * - An alternative counts when every scheme in it is bearer-shaped: `oauth2`, `openIdConnect`, or
 *   `http` with scheme `bearer`. Its scopes are the union of the scopes it lists. Of several, the one
 *   needing the fewest scopes is used (what a least-privileged baseline token needs).
 * - An empty alternative (`{}`) means authentication is optional: a request without a token is
 *   allowed, so "no token must be refused" would be a false alarm. Such operations are not made
 *   endpoints; each is named in `skipped` with that reason (list it with --endpoint to test it anyway).
 * - Path parameters (and required query parameters) take their value from the config map
 *   (`openapiParameters`, by name), else the parameter's `example`, first `examples` value, or its
 *   schema's `example`, `default`, first `enum`; none is one line naming the parameter and the fix.
 * - A request body is sent (JSON preferred) from the media type's `example`, first `examples` value,
 *   or an example composed from the schema's own examples and defaults.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { HarnessError } from '../core/errors.ts';
import type { Endpoint } from '../core/endpoint.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

export interface OpenApiOptions {
  /** Values for path and required query parameters, by parameter name. */
  parameters?: Record<string, string | number>;
  /** Only operations tagged with one of these. */
  onlyTags?: string[];
  /** Only these operations: operationId, or "METHOD /path/{template}". */
  operations?: string[];
}

export interface OpenApiEndpoint extends Endpoint {
  operationId?: string;
  /** "GET /pet/{petId}": the operation as the document names it. */
  template: string;
  /** The schemes of the alternative used, e.g. ["petstore_auth"]. */
  schemes: string[];
}

export interface OpenApiEndpoints {
  source: string;
  title: string;
  endpoints: OpenApiEndpoint[];
  /** Operations not made endpoints, each with why (no bearer scheme, optional authentication, filtered out). */
  skipped: Array<{ operation: string; reason: string }>;
}

function bearerKind(scheme: unknown): string | null {
  if (!isObj(scheme)) return null;
  if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') return String(scheme.type);
  if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer') return 'http bearer';
  return null;
}

/** The first usable example value of a parameter or media type object, else of its schema. */
function exampleOf(holder: Obj): unknown {
  if (holder.example !== undefined) return holder.example;
  if (isObj(holder.examples)) {
    const first = Object.values(holder.examples)[0];
    if (isObj(first) && first.value !== undefined) return first.value;
  }
  return isObj(holder.schema) ? schemaExample(holder.schema, 0) : undefined;
}

/** An example built from a schema's own example, default, enum, or (objects, arrays) its parts'. */
function schemaExample(schema: Obj, depth: number): unknown {
  if (depth > 8) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    const parts = schema[key];
    if (!Array.isArray(parts) || !parts.length) continue;
    if (key !== 'allOf') return isObj(parts[0]) ? schemaExample(parts[0], depth + 1) : undefined;
    const merged = parts.map((p) => (isObj(p) ? schemaExample(p, depth + 1) : undefined)).filter(isObj);
    return merged.length ? Object.assign({}, ...merged) : undefined;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if ((type === 'object' || (type === undefined && isObj(schema.properties))) && isObj(schema.properties)) {
    const out: Obj = {};
    for (const [name, sub] of Object.entries(schema.properties)) {
      const v = isObj(sub) ? schemaExample(sub, depth + 1) : undefined;
      if (v !== undefined) out[name] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  if (type === 'array' && isObj(schema.items)) {
    const v = schemaExample(schema.items, depth + 1);
    return v === undefined ? undefined : [v];
  }
  return undefined;
}

function fail(source: string, what: string): never {
  throw new HarnessError('ERR_OPENAPI', `${source}: ${what}`);
}

async function parse(source: string): Promise<Obj> {
  try {
    return (await SwaggerParser.validate(source)) as unknown as Obj;
  } catch (err) {
    const msg = (err as Error).message
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 2)
      .join(' ');
    if (/ENOENT|no such file/i.test(msg)) fail(source, 'no such file; check the path given to --openapi (or "openapi" in the config)');
    fail(source, `not a valid OpenAPI document (${msg.slice(0, 300)}); fix the document or pass another with --openapi`);
  }
}

/** The endpoints of an OpenAPI 3.0 / 3.1 document (file path or URL). */
export async function endpointsFromOpenApi(source: string, opts: OpenApiOptions = {}): Promise<OpenApiEndpoints> {
  const doc = await parse(source);
  if (typeof doc.swagger === 'string') fail(source, 'is Swagger 2.0; convert it to OpenAPI 3 (e.g. with swagger2openapi) and pass that');
  const schemes = (isObj(doc.components) && isObj(doc.components.securitySchemes) ? doc.components.securitySchemes : {}) as Obj;
  const rootSecurity = Array.isArray(doc.security) ? (doc.security as Obj[]) : [];
  const wantedOps = new Set((opts.operations ?? []).map((o) => o.trim()));
  const seenOps = new Set<string>();
  const wantedTags = new Set(opts.onlyTags ?? []);
  const endpoints: OpenApiEndpoint[] = [];
  const skipped: OpenApiEndpoints['skipped'] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};

  for (const [template, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    const shared = Array.isArray(item.parameters) ? (item.parameters as Obj[]) : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const name = `${method.toUpperCase()} ${template}`;
      const id = typeof op.operationId === 'string' ? op.operationId : undefined;
      if (wantedOps.size) {
        const hit = [name, id].find((n) => n !== undefined && wantedOps.has(n));
        if (!hit) continue;
        seenOps.add(hit);
      }
      const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
      if (wantedTags.size && !tags.some((t) => wantedTags.has(t))) {
        skipped.push({ operation: name, reason: `not tagged ${[...wantedTags].join(' or ')}` });
        continue;
      }
      const security = Array.isArray(op.security) ? (op.security as Obj[]) : rootSecurity;
      if (security.some((alt) => isObj(alt) && Object.keys(alt).length === 0)) {
        skipped.push({
          operation: name,
          reason:
            'authentication is optional ({} in its security): a request without a token is allowed; add it with --endpoint to test it anyway',
        });
        continue;
      }
      const usable = security
        .filter(isObj)
        .filter((alt) => Object.keys(alt).every((s) => bearerKind(schemes[s]) !== null))
        .map((alt) => ({
          schemes: Object.keys(alt),
          scopes: [...new Set(Object.values(alt).flatMap((v) => (Array.isArray(v) ? v.map(String) : [])))],
        }))
        .sort((a, b) => a.scopes.length - b.scopes.length);
      const chosen = usable[0];
      if (!chosen) {
        skipped.push({
          operation: name,
          reason: security.length
            ? 'no security alternative that a bearer token alone satisfies (OAuth2, OpenID Connect, http bearer)'
            : 'no security requirement',
        });
        continue;
      }
      // Parameters: operation-level ones override path-level ones of the same name and location.
      const params = new Map<string, Obj>();
      for (const p of [...shared, ...(Array.isArray(op.parameters) ? (op.parameters as Obj[]) : [])])
        if (isObj(p)) params.set(`${p.in}:${p.name}`, p);
      let path = template;
      const query = new URLSearchParams();
      for (const p of params.values()) {
        if (p.in !== 'path' && !(p.in === 'query' && p.required === true)) continue;
        const pname = String(p.name);
        const value = opts.parameters?.[pname] ?? exampleOf(p);
        if (value === undefined || value === null || typeof value === 'object') {
          fail(
            source,
            `${name} (${id ?? 'no operationId'}): no value for ${p.in} parameter "${pname}"; pass --openapi-param ${pname}=VALUE (config openapiParameters), add an example to the document, or leave the operation out with --operation / --only-tags`,
          );
        }
        if (p.in === 'path') path = path.split(`{${pname}}`).join(encodeURIComponent(String(value)));
        else query.set(pname, String(value));
      }
      const qs = query.toString();
      const endpoint: OpenApiEndpoint = {
        method: method.toUpperCase(),
        path: qs ? `${path}?${qs}` : path,
        scopes: chosen.scopes,
        template: name,
        schemes: chosen.schemes,
        ...(id ? { operationId: id } : {}),
      };
      const body = isObj(op.requestBody) ? op.requestBody : undefined;
      if (body && isObj(body.content)) {
        const types = Object.keys(body.content);
        const type = types.find((t) => /^application\/(.+\+)?json/i.test(t)) ?? types.find((t) => t.startsWith('text/'));
        const media = type ? (body.content[type] as Obj) : undefined;
        const value = media ? exampleOf(media) : undefined;
        if (type && value !== undefined) {
          endpoint.body = typeof value === 'string' && !type.includes('json') ? value : JSON.stringify(value);
          endpoint.headers = { 'content-type': type };
        } else if (body.required === true)
          fail(
            source,
            `${name}: its required request body has no example (JSON or text); add an example to the document, or leave the operation out with --operation`,
          );
      }
      endpoints.push(endpoint);
    }
  }
  const unknownOps = [...wantedOps].filter((o) => !seenOps.has(o));
  if (unknownOps.length)
    fail(
      source,
      `no operation ${unknownOps.map((o) => `"${o}"`).join(', ')}; give an operationId or "METHOD /path/{param}" as written in the document`,
    );
  if (wantedTags.size) {
    const allTags = new Set(
      Object.values(paths).flatMap((i) =>
        isObj(i) ? METHODS.flatMap((m) => (isObj(i[m]) && Array.isArray((i[m] as Obj).tags) ? ((i[m] as Obj).tags as string[]) : [])) : [],
      ),
    );
    const missing = [...wantedTags].filter((t) => !allTags.has(t));
    if (missing.length)
      fail(
        source,
        `no operation is tagged ${missing.map((t) => `"${t}"`).join(', ')}; the tags are ${[...allTags].join(', ') || '(none)'}`,
      );
  }
  if (!endpoints.length) {
    const eg = skipped.find((s) => !s.reason.startsWith('not tagged')) ?? skipped[0];
    fail(
      source,
      `no operation needs a bearer token (OAuth2, OpenID Connect or http bearer security)${eg ? `: ${skipped.length} skipped, e.g. ${eg.operation}: ${eg.reason}` : ''}; check the document's security, or list endpoints with --endpoint`,
    );
  }
  const info = isObj(doc.info) ? doc.info : {};
  return { source, title: String(info.title ?? source), endpoints, skipped };
}
