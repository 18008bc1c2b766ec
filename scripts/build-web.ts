import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { loadFlows, locales } from '../src/intake/flows';
import { projectRoot } from '../src/paths';

/**
 * Bundles the website (`npm run build:web`, run by `npm start` and `npm test`): the page script,
 * Web Chat (its own chunk, loaded when the chat opens), the language picker and the styles, into
 * public/build/. The chat's progress wording comes from flows/ so the firm edits it in one place.
 */

const webDir = path.join(projectRoot, 'web');
export const defaultOutDir = path.join(projectRoot, 'public', 'build');

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
    logLevel: 'warning' as const,
    legalComments: 'linked' as const,
    define: {
      'process.env.NODE_ENV': '"production"',
      __INTAKE_WORDING__: JSON.stringify(intakeWording()),
    },
  };
  await Promise.all([
    build({
      ...common,
      entryPoints: [path.join(webDir, 'page.ts')],
      format: 'esm',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    }),
    build({ ...common, entryPoints: [path.join(webDir, 'language.ts')], format: 'iife' }),
    build({ ...common, entryPoints: [path.join(webDir, 'page.css')] }),
  ]);
  if (!options.quiet) console.log(`web bundle built in ${outdir} (${Date.now() - started} ms)`);
}

if (require.main === module) {
  buildWeb().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
