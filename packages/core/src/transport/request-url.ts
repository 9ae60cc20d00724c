/** Scheme, host and port as `node:http` takes them, read once for every URL of one origin. */
interface UrlHost {
  /** `http:` or `https:` (any other scheme is refused by the sender). */
  readonly protocol: string;
  /** Without the brackets of an IPv6 address, as `node:http` wants it. */
  readonly hostname: string;
  /** Undefined for the scheme's default port. */
  readonly port: number | undefined;
}

/**
 * Where a request goes, in the forms the senders take: `href` for fetch; `host`, `path` and `auth`
 * for `node:http`, which would otherwise read all of them out of a `URL` on every request.
 */
export interface RequestUrl {
  /** The absolute URL, serialised as `URL.href` would. */
  readonly href: string;
  /** As `URL.origin`. */
  readonly origin: string;
  /** Pathname and query. */
  readonly path: string;
  readonly host: UrlHost;
  /** `user:password` of a URL that carries them, decoded (`node:http`'s `auth`). */
  readonly auth?: string;
}

/** `url` in the senders' forms. */
export function fromUrl(url: URL): RequestUrl {
  const { hostname, port, username, password } = url;
  return {
    href: url.href,
    origin: url.origin,
    path: url.pathname + url.search,
    host: {
      protocol: url.protocol,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port: port === '' ? undefined : Number(port),
    },
    ...(username === '' && password === ''
      ? {}
      : { auth: `${decodeURIComponent(username)}:${decodeURIComponent(password)}` }),
  };
}

/** `href` in the senders' forms, its query replaced by `search` unless that is empty (as ky's `searchParams` does). */
export function parseUrl(href: string, search: string): RequestUrl {
  const url = new URL(href);
  if (search !== '') url.search = search;
  return fromUrl(url);
}

// Characters the URL parser keeps as they are in a path. Dots are left out, so no segment can be a
// dot segment the parser would resolve (`.`, `..`, `%2e`); `?` and `#` too, since they end the path.
const PLAIN_PATH = /^[\w\-~!$&'()*+,;=:@%/]*$/;
const ENCODED_DOT = /%2e/i;

/**
 * `path` (no leading slash) and `search` (already serialised, as `URLSearchParams` does) below
 * `base`, whose href ends with a slash. A plain path is joined as a string, which is what parsing
 * the joined text would give (tested against `URL` in request-url.property.test.ts): a `new URL`
 * and `node:http`'s reading of it cost more than the rest of a request's preparation
 * (bench/README.md). Any other path goes through `URL`, which encodes and resolves it.
 */
export function joinUrl(base: RequestUrl, path: string, search: string): RequestUrl {
  if (!PLAIN_PATH.test(path) || ENCODED_DOT.test(path)) return parseUrl(base.href + path, search);
  const tail = search === '' ? path : `${path}?${search}`;
  return {
    href: base.href + tail,
    origin: base.origin,
    path: base.path + tail,
    host: base.host,
    ...(base.auth === undefined ? {} : { auth: base.auth }),
  };
}
