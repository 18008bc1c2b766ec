import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import type { WebManifest } from '../src/channel/web-assets';
import { loadFlows, locales } from '../src/intake/flows';
import { projectRoot } from '../src/paths';

/**
 * Bundles the website (`npm run build:web`, run by `npm start` and `npm test`): the page script,
 * Web Chat (its own chunk, loaded when the page is idle or the launcher is about to be used), the
 * language picker and the styles, into public/build/. Every file name carries a hash of its content
 * (served as immutable), every script and style sheet is written precompressed (.br and .gz), and
 * manifest.json maps each entry to its hashed name. The chat's progress wording comes from flows/
 * so the firm edits it in one place.
 */

const webDir = path.join(projectRoot, 'web');
export const defaultOutDir = path.join(projectRoot, 'public', 'build');
export const manifestFile = 'manifest.json';

export function intakeWording() {
  const flows = loadFlows();
  return Object.fromEntries(
    locales.map((locale) => {
      const flow = flows[locale];
      return [
        locale,
        {
          progress: flow.messages.progress,
          sections: flow.sections,
          french: flow.commands.french[0]!,
          english: flow.commands.english[0]!,
        },
      ];
    }),
  );
}

/**
 * The website never uses speech, but Web Chat's full bundle imports the Speech SDKs (≈640 kB of
 * the chunk): they are replaced by empty modules.
 */
const withoutSpeech: Plugin = {
  name: 'without-speech',
  setup(build) {
    build.onResolve(
      {
        filter:
          /^(botframework-directlinespeech-sdk|microsoft-cognitiveservices-speech-sdk|web-speech-cognitive-services)(\/.*)?$/,
      },
      (args) => ({ path: args.path, namespace: 'without-speech' }),
    );
    build.onLoad({ filter: /.*/, namespace: 'without-speech' }, () => ({
      contents: 'module.exports = {};',
      loader: 'js',
    }));
  },
};

/**
 * Web Chat carries its own strings (the send box's label, "Send", the typing indicator…) in 45
 * languages; the page speaks English and French only. The others are left out; Web Chat falls
 * back to English for any other language.
 */
const WEBCHAT_LANGUAGES = ['en-US', 'fr-FR'];
const onlyOurLanguages: Plugin = {
  name: 'only-our-languages',
  setup(build) {
    build.onLoad(
      { filter: /botframework-webchat-api[\\/]dist[\\/]botframework-webchat-api\.mjs$/ },
      (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        const table = /\{"ar-EG":[\w$]+(?:,(?:"[a-zA-Z-]+"|[a-z]+):[\w$]+)+\}/;
        const found = table.exec(source);
        if (!found)
          throw new Error("build-web: Web Chat's table of languages was not found (did Web Chat change?)");
        const kept = [...found[0].matchAll(/"?([a-zA-Z-]+)"?:([\w$]+)/g)]
          .filter(([, language]) => WEBCHAT_LANGUAGES.includes(language!))
          .map(([entry]) => entry);
        return { contents: source.replace(table, `{${kept.join(',')}}`), loader: 'js' };
      },
    );
  },
};

const COMPRESSIBLE = /\.(js|css|svg|json|txt)$/;

/** Writes name.br and name.gz next to every compressible file, at the strongest settings. */
function precompress(outdir: string): void {
  for (const entry of fs.readdirSync(outdir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const content = fs.readFileSync(file);
    fs.writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(content, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
    );
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: zlib.constants.Z_BEST_COMPRESSION }));
  }
}

const relative = (outdir: string, file: string) =>
  path.relative(outdir, path.resolve(projectRoot, file)).split(path.sep).join('/');

function outputOf(outdir: string, metafile: Metafile, entry: string): string {
  const found = Object.entries(metafile.outputs).find(
    ([, output]) => output.entryPoint && path.resolve(projectRoot, output.entryPoint) === entry,
  );
  if (!found) throw new Error(`build-web: no output for ${entry}`);
  return relative(outdir, found[0]);
}

/** The output files `file` imports statically, transitively. */
function staticImports(outdir: string, metafile: Metafile, file: string, seen = new Set<string>()): string[] {
  const output = metafile.outputs[path.relative(projectRoot, path.join(outdir, file))];
  for (const imported of output?.imports ?? []) {
    if (imported.kind !== 'import-statement' || imported.external) continue;
    const name = relative(outdir, imported.path);
    if (seen.has(name)) continue;
    seen.add(name);
    staticImports(outdir, metafile, name, seen);
  }
  return [...seen];
}

export async function buildWeb(outdir = defaultOutDir, options: { quiet?: boolean } = {}) {
  const started = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'browser' as const,
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    outdir,
    absWorkingDir: projectRoot,
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'warning' as const,
    legalComments: 'linked' as const,
    define: {
      'process.env.NODE_ENV': '"production"',
      __INTAKE_WORDING__: JSON.stringify(intakeWording()),
    },
  };
  const entry = (file: string) => path.join(webDir, file);
  const [page, language, css, favicon] = await Promise.all([
    build({
      ...common,
      entryPoints: [entry('page.ts'), entry('chat.ts')],
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      plugins: [withoutSpeech, onlyOurLanguages],
    }),
    build({ ...common, entryPoints: [entry('language.ts')], format: 'iife' }),
    build({ ...common, entryPoints: [entry('page.css')] }),
    build({ ...common, entryPoints: [entry('favicon.svg')], loader: { '.svg': 'copy' } }),
  ]);
  const pageJs = outputOf(outdir, page.metafile!, entry('page.ts'));
  const chatJs = outputOf(outdir, page.metafile!, entry('chat.ts'));
  const pageImports = staticImports(outdir, page.metafile!, pageJs);
  const manifest: WebManifest = {
    entries: {
      'page.js': pageJs,
      'language.js': outputOf(outdir, language.metafile!, entry('language.ts')),
      'page.css': outputOf(outdir, css.metafile!, entry('page.css')),
      'favicon.svg': outputOf(outdir, favicon.metafile!, entry('favicon.svg')),
    },
    pageImports,
    chat: [chatJs, ...staticImports(outdir, page.metafile!, chatJs).filter((f) => !pageImports.includes(f))],
  };
  precompress(outdir);
  fs.writeFileSync(path.join(outdir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
  if (!options.quiet) console.log(`web bundle built in ${outdir} (${Date.now() - started} ms)`);
  return manifest;
}

if (require.main === module) {
  buildWeb().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
