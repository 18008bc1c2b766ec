import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The import graph of src/, read with the TypeScript parser: imports flow one way (no cycles
 * between modules, none between folders at run time), runtime code never imports test or replay
 * tooling, scripts and their tooling never import test/, botbuilder stays in src/bot/, the core
 * (src/intake, src/screening) imports nothing but itself and its libraries, and storage
 * implements the ports (src/ports) without importing any feature folder.
 */

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');

interface Edge {
  from: string;
  to: string;
  /** `import type` / `export type`: gone at run time. */
  typeOnly: boolean;
  /** A `require()` or `import()` call: loaded when that code runs, not when the module loads. */
  lazy: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? sourceFiles(path.join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [path.join(dir, entry.name)]
          : [],
    );
}

function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

function importsOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      const typeOnly = ts.isImportDeclaration(node)
        ? Boolean(
            clause?.isTypeOnly ||
            (clause &&
              !clause.name &&
              clause.namedBindings &&
              ts.isNamedImports(clause.namedBindings) &&
              clause.namedBindings.elements.length > 0 &&
              clause.namedBindings.elements.every((e) => e.isTypeOnly)),
          )
        : node.isTypeOnly;
      edges.push({ from: file, to: resolve(file, node.moduleSpecifier.text), typeOnly, lazy: false });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      edges.push({ from: file, to: resolve(file, node.arguments[0].text), typeOnly: false, lazy: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
const files = sourceFiles(src);
const edges = files.flatMap(importsOf);
const internal = edges.filter((e) => e.to.startsWith(root));
/** The command-line tools (scripts/) and the runtime tooling they share (tools/). */
const toolingEdges = ['scripts', 'tools'].flatMap((dir) =>
  sourceFiles(path.join(root, dir)).flatMap(importsOf),
);

/** Internal imports from files under `from` whose target is outside `allowed` (folders of src/), or a src/ root file when `rootFiles`. */
function leaving(
  from: string,
  allowed: string[],
  options: { rootFiles: boolean; libraries: RegExp },
): string[] {
  const inside = (file: string, dir: string) => rel(file).startsWith(`src/${dir}/`);
  return edges
    .filter((e) => inside(e.from, from))
    .filter((e) =>
      e.to.startsWith(root)
        ? !allowed.some((dir) => inside(e.to, dir)) && !(options.rootFiles && path.dirname(e.to) === src)
        : !options.libraries.test(e.to),
    )
    .map((e) => `${rel(e.from)} -> ${e.to.startsWith(root) ? rel(e.to) : e.to}`);
}

/** Every cycle's members (strongly connected components of more than one node, or a self-loop). */
function cycles(nodes: string[], links: [string, string][]): string[][] {
  const next = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const [a, b] of links) if (next.has(a) && next.has(b)) next.get(a)!.push(b);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return found;
}

/**
 * The unit a module belongs to: its folder (src/storage/file and src/storage/memory are backends
 * of their own); a file directly in src/ (server, config, logger) is a unit by itself.
 */
const folderOf = (file: string) => {
  if (path.dirname(file) === src) return rel(file);
  const folder = rel(path.dirname(file));
  // Sub-folders that split one unit, not layers (the module-cycle check still applies to them):
  // the stream families (src/screening/streams/) are the screening's rules, one file per family;
  // the dashboard's pages and routes (src/staff/pages/, src/staff/routes/) are the staff side split
  // by page and by responsibility.
  if (folder.startsWith('src/screening/')) return 'src/screening';
  return folder.startsWith('src/staff/') ? 'src/staff' : folder;
};

describe('the import graph of src/', () => {
  it('finds the modules and their imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(internal.length).toBeGreaterThan(100);
  });

  it('has no cycle between modules (type imports included)', () => {
    const found = cycles(
      files,
      internal.map((e) => [e.from, e.to]),
    );
    expect(found.map((c) => c.map(rel))).toEqual([]);
  });

  it('has no cycle between folders at run time', () => {
    const folders = [...new Set(files.map(folderOf))];
    const links = internal
      .filter((e) => !e.typeOnly && e.to.startsWith(src) && folderOf(e.from) !== folderOf(e.to))
      .map((e): [string, string] => [folderOf(e.from), folderOf(e.to)]);
    const found = cycles(folders, links);
    // each cycle with the imports that close it, to say where to cut
    const witnesses = found.map((component) => [
      component.join(' <-> '),
      ...internal
        .filter(
          (e) =>
            !e.typeOnly &&
            component.includes(folderOf(e.from)) &&
            component.includes(folderOf(e.to)) &&
            folderOf(e.from) !== folderOf(e.to),
        )
        .map((e) => `${rel(e.from)} -> ${rel(e.to)}`),
    ]);
    expect(witnesses).toEqual([]);
  });

  it('keeps storage an adapter: src/storage imports only itself, the ports and the shared utilities', () => {
    // a backend learns a record's shape from src/ports, never from a feature folder
    // (staff/, notify/, channel/, screening/, …); files directly in src/ (logger, paths) are shared
    const offending = leaving('storage', ['storage', 'ports'], {
      rootFiles: true,
      libraries: /^(node:|zod$|lowdb($|\/)|@azure\/)/,
    });
    expect(offending).toEqual([]);
  });

  it('declares the ports beside the core: src/ports imports only itself, the core and zod', () => {
    const offending = leaving('ports', ['ports', 'intake', 'screening'], {
      rootFiles: false,
      libraries: /^zod$/,
    });
    expect(offending).toEqual([]);
  });

  it('never imports test/ from scripts/ or tools/ (test/support may reuse tools/support, not the reverse)', () => {
    const tests = path.join(root, 'test') + path.sep;
    const offending = toolingEdges
      .filter((e) => e.to.startsWith(tests))
      .map((e) => `${rel(e.from)} -> ${rel(e.to)}`);
    expect(toolingEdges.length).toBeGreaterThan(100);
    expect(offending).toEqual([]);
  });

  it('never imports test or replay tooling from runtime code', () => {
    const tooling = ['test', 'tools', 'scripts'].map((dir) => path.join(root, dir) + path.sep);
    const offending = internal
      .filter((e) => tooling.some((dir) => e.to.startsWith(dir)))
      .map((e) => `${rel(e.from)} -> ${rel(e.to)}`);
    expect(offending).toEqual([]);
  });

  it('keeps botbuilder inside src/bot/', () => {
    const offending = edges
      .filter((e) => /^botbuilder(-|$|\/)/.test(e.to) && !rel(e.from).startsWith('src/bot/'))
      .map((e) => `${rel(e.from)} -> ${e.to}`);
    expect(offending).toEqual([]);
  });

  it('loads the Azure SDK and nodemailer only when the configuration uses them', () => {
    // What a server on its defaults (the file store, no SMTP) loads at start: the modules
    // src/server.ts reaches through import statements. Each of these packages adds megabytes to
    // the process (docs/performance.md), so it is required where a setting asks for it.
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const e of edges) if (e.from === file && !e.typeOnly && !e.lazy) visit(e.to);
    };
    visit(path.join(src, 'server.ts'));
    const loaded = [...reached].filter((to) => /^(@azure\/|nodemailer($|\/))/.test(to));
    expect(loaded).toEqual([]);
    // and they are still reached, lazily: the check above cannot pass by losing them
    const lazily = (pattern: RegExp) => edges.some((e) => e.lazy && pattern.test(e.to));
    expect(lazily(/^nodemailer$/)).toBe(true);
    expect(lazily(/src\/storage\/azure/)).toBe(true);
    expect(reached.size).toBeGreaterThan(50);
  });

  it('keeps the core pure: src/intake and src/screening import only each other and their libraries', () => {
    const core = ['src/intake/', 'src/screening/'];
    const allowed = /^(zod|xstate|yaml|i18n-iso-countries|libphonenumber-js|node:crypto|node:path)(\/|$)/;
    // the one exception: the wording (flows/*.yaml) is content, read from the project folder at start
    const contentLoader = (e: Edge) =>
      rel(e.from) === 'src/intake/flows.ts' && (e.to === 'node:fs' || rel(e.to) === 'src/paths.ts');
    const offending = edges
      .filter((e) => core.some((dir) => rel(e.from).startsWith(dir)) && !contentLoader(e))
      .filter((e) =>
        e.to.startsWith(root) ? !core.some((dir) => rel(e.to).startsWith(dir)) : !allowed.test(e.to),
      )
      .map((e) => `${rel(e.from)} -> ${e.to.startsWith(root) ? rel(e.to) : e.to}`);
    expect(offending).toEqual([]);
  });
});
