import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import express, { type RequestHandler } from 'express';

/**
 * The website's built files (public/build, written by `npm run build:web`). Their names carry a
 * hash of their content, so they are cached for a year as immutable; each script and style sheet
 * is served precompressed (brotli, else gzip) when the browser accepts it.
 */

/** What the page needs to reference the build (public/build/manifest.json): hashed names. */
export interface WebManifest {
  entries: Record<'page.js' | 'language.js' | 'page.css' | 'favicon.svg', string>;
  /** The static imports of page.js, preloaded with it. */
  pageImports: string[];
  /** The chat chunk and its imports, fetched when the page is idle or the chat is about to open. */
  chat: string[];
}

export function readManifest(buildDir: string): WebManifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(buildDir, 'manifest.json'), 'utf8')) as WebManifest;
  } catch {
    return undefined;
  }
}

const YEAR = 365 * 24 * 60 * 60;

/** Picks the encoding to send from an Accept-Encoding header: brotli first, then gzip. */
export function preferredEncoding(header: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const quality = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (quality('br') > 0) return 'br';
  if (quality('gzip') > 0) return 'gzip';
  return undefined;
}

export function webAssets(buildDir: string): RequestHandler {
  const router = express.Router();
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let relativePath: string;
    try {
      relativePath = decodeURIComponent(req.path).replace(/^\/+/, '');
    } catch {
      return next();
    }
    const file = path.resolve(buildDir, relativePath);
    if (!file.startsWith(buildDir + path.sep) || relativePath.endsWith('.br') || relativePath.endsWith('.gz'))
      return next();
    const encoding = preferredEncoding(req.headers['accept-encoding']);
    const suffix = encoding === 'br' ? '.br' : encoding === 'gzip' ? '.gz' : undefined;
    res.setHeader('Vary', 'Accept-Encoding');
    if (!suffix || !fs.existsSync(file) || !fs.existsSync(file + suffix)) return next();
    res.type(path.extname(file));
    res.setHeader('Content-Encoding', encoding!);
    res.sendFile(file + suffix, { maxAge: YEAR * 1000, immutable: true, lastModified: true });
  });
  router.use(
    express.static(buildDir, {
      fallthrough: false,
      index: false,
      maxAge: YEAR * 1000,
      immutable: true,
    }),
  );
  return router;
}

/** Serves a page rendered once at start, compressed once (brotli or gzip) and never cached. */
export function compressedPage(page: string): RequestHandler {
  const plain = Buffer.from(page);
  const br = zlib.brotliCompressSync(plain);
  const gzip = zlib.gzipSync(plain, { level: zlib.constants.Z_BEST_COMPRESSION });
  return (req, res) => {
    const encoding = preferredEncoding(req.headers['accept-encoding']);
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.send(encoding === 'br' ? br : encoding === 'gzip' ? gzip : plain);
  };
}
