import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { isRecord as isNode } from '../http.js';

// Test-only helper: validates emulator answers against the OpenAPI copies in spec/.

type Node = Record<string, unknown>;

// OpenAPI 3.0 `nullable` is not JSON Schema: turn it into a union with null.
// Local `$ref`s are made absolute (`<provider>#/…`) so inline schemas resolve against the spec.
function convert(value: unknown, id: string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, id));
  if (!isNode(value)) return value;
  const out: Node = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'nullable' || k === 'discriminator' || k === 'example') continue;
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : convert(v, id);
  }
  const disc = value.discriminator;
  if (
    isNode(disc) &&
    typeof disc.propertyName === 'string' &&
    isNode(disc.mapping) &&
    Array.isArray(out.oneOf)
  ) {
    // Ajv's own discriminator support needs const-typed branches; the spec's branches only set defaults,
    // so select the branch by the discriminator value instead of oneOf (which matches several).
    const prop = disc.propertyName;
    delete out.oneOf;
    out.allOf = Object.entries(disc.mapping).map(([tag, ref]) => ({
      if: { properties: { [prop]: { const: tag } }, required: [prop] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema keyword
      then: { $ref: `${id}${String(ref)}` },
    }));
  }
  if (value.nullable === true) {
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const SPECS = {
  ultracart: { file: 'ultracart-conversation.openapi.json', prefix: '/rest/v2' },
  sunshine: { file: 'sunshine-conversations.openapi.json', prefix: '/sc' },
} as const;

/** Validates response bodies of one provider against its spec. */
export interface SpecValidator {
  /** Errors (empty when valid) for a response to `method path` with `status`. */
  response(method: string, path: string, status: number, body: unknown): string[];
  /** Errors for `body` against `components.schemas[name]`. */
  schema(name: string, body: unknown): string[];
  /** The raw spec document. */
  readonly spec: Node;
}

/** Builds a validator for `spec/<provider>…openapi.json`. */
export function specValidator(provider: keyof typeof SPECS): SpecValidator {
  const { file, prefix } = SPECS[provider];
  const spec = JSON.parse(readFileSync(new URL(`../../../../spec/${file}`, import.meta.url), 'utf8')) as Node;
  const components = isNode(spec.components) ? spec.components : {};
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  const isoOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  ajv.addFormat('dateTime', isoOffset);
  ajv.addFormat('date-time', isoOffset);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('binary', () => true);
  ajv.addSchema({ $id: provider, components: { schemas: convert(components.schemas, provider) } });
  const cache = new Map<string, ValidateFunction>();
  const compile = (ref: string): ValidateFunction => {
    let fn = cache.get(ref);
    if (!fn) {
      fn = ajv.compile({ $ref: `${provider}${ref}` });
      cache.set(ref, fn);
    }
    return fn;
  };
  const check = (fn: ValidateFunction, body: unknown): string[] =>
    fn(body)
      ? []
      : (fn.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
  const paths = isNode(spec.paths) ? spec.paths : {};
  const templates = Object.keys(paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const errorRef =
    provider === 'ultracart' ? '#/components/schemas/ErrorResponse' : '#/components/schemas/errorResponse';
  return {
    spec,
    schema: (name, body) => check(compile(`#/components/schemas/${name}`), body),
    response(method, path, status, body) {
      const pathOnly = path.split('?')[0] ?? path;
      const bare = pathOnly.startsWith(prefix) ? pathOnly.slice(prefix.length) : pathOnly;
      const matches = templates.filter((t) => t.pattern.test(bare));
      // Prefer the literal template (`/queues/statuses`) over a parameterised one.
      matches.sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
      const op = matches
        .map((m) => paths[m.template])
        .map((item) => (isNode(item) ? item[method.toLowerCase()] : undefined))
        .find(isNode);
      if (!op) return [`no operation ${method} ${bare} in spec`];
      const responses = isNode(op.responses) ? op.responses : {};
      const declared = responses[String(status)];
      if (!isNode(declared)) {
        if (status >= 400) return check(compile(errorRef), body);
        return body === undefined ? [] : [`status ${status} not declared for ${method} ${bare}`];
      }
      const content = isNode(declared.content) ? declared.content : undefined;
      const media = content ? Object.values(content).find(isNode) : undefined;
      const schema = media && isNode(media.schema) ? media.schema : undefined;
      if (!schema) return [];
      if (typeof schema.$ref === 'string') return check(compile(schema.$ref), body);
      return check(ajv.compile(convert(schema, provider) as Node), body);
    },
  };
}
