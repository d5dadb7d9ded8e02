#!/usr/bin/env node
// Runs ruff's WebAssembly build (ASYNC rules + RUF006) over the checker's fixtures,
// examples/*.py and evals/golden/*.py, and writes what ruff reports as JSON.
// The committed output is the reference for src/test/python/test_ruff_parity.py;
// ruff itself is never part of the build or the tests. See README.md beside this file.
'use strict';

const fs = require('fs');
const path = require('path');

const RUFF_PACKAGE = '@astral-sh/ruff-wasm-nodejs';
const SELECT = ['ASYNC', 'RUF006'];
// Ruff reports preview-mode diagnostics under rule names instead of codes, and the
// rules we compare with are all stable in 0.17.3, so preview stays off.
const SETTINGS = { 'target-version': 'py311', lint: { select: SELECT, preview: false } };

function usage(message) {
  if (message) console.error(`ruff_parity: ${message}`);
  console.error('usage: node tools/ruff-parity/ruff_parity.js --ruff DIR [--repo DIR] [--also WORKTREE]... [--out FILE]');
  console.error(`  --ruff DIR   a directory where \`npm install ${RUFF_PACKAGE}@0.17.3\` was run (holds node_modules)`);
  console.error('  --repo DIR   the repository to scan (default: the one holding this script)');
  console.error('  --also DIR   another worktree whose fixtures are added when the repo lacks them (repeatable)');
  console.error('  --out FILE   output (default: <repo>/src/test/python/ruff_parity/ruff_findings.json)');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { repo: path.resolve(__dirname, '..', '..'), also: [], ruff: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--ruff': args.ruff = value; i++; break;
      case '--repo': args.repo = path.resolve(value); i++; break;
      case '--also': args.also.push(path.resolve(value)); i++; break;
      case '--out': args.out = path.resolve(value); i++; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${argv[i]}`);
    }
  }
  if (!args.ruff) usage('give --ruff DIR');
  args.out = args.out || path.join(args.repo, 'src', 'test', 'python', 'ruff_parity', 'ruff_findings.json');
  return args;
}

function loadRuff(dir) {
  try {
    return require(require.resolve(RUFF_PACKAGE, { paths: [path.resolve(dir)] }));
  } catch (error) {
    usage(`cannot load ${RUFF_PACKAGE} from ${dir}: run \`npm install --prefix ${dir} ${RUFF_PACKAGE}@0.17.3\` first`);
  }
}

function pythonFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '__pycache__') out.push(...pythonFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

// Keys: fixtures relative to src/test/python/fixtures ("AIO100/fire_alias.py");
// examples and golden files relative to the repository root ("examples/scraper.py");
// probes relative to src/test/python/ruff_parity ("probes/ruff_targets.py").
function collect(args) {
  const files = new Map();
  const fixtureRoots = [args.repo, ...args.also];
  for (const root of fixtureRoots) {
    const fixtures = path.join(root, 'src', 'test', 'python', 'fixtures');
    for (const file of pythonFiles(fixtures)) {
      const key = path.relative(fixtures, file).split(path.sep).join('/');
      if (!files.has(key)) files.set(key, file);  // the repo's own copy wins
    }
  }
  for (const sub of ['examples', path.join('evals', 'golden')]) {
    for (const file of pythonFiles(path.join(args.repo, sub)).filter(f => path.dirname(f) === path.join(args.repo, sub))) {
      files.set(path.relative(args.repo, file).split(path.sep).join('/'), file);
    }
  }
  // Probes: files written to hold what ruff flags, call by call ("probes/ruff_targets.py").
  const probes = path.join(args.repo, 'src', 'test', 'python', 'ruff_parity', 'probes');
  for (const file of pythonFiles(probes)) {
    files.set('probes/' + path.relative(probes, file).split(path.sep).join('/'), file);
  }
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { Workspace, PositionEncoding } = loadRuff(args.ruff);
  const workspace = new Workspace(SETTINGS, PositionEncoding.Utf32);
  const result = { ruff_version: Workspace.version(), select: SELECT, files: {}, skipped: {} };
  for (const [key, file] of collect(args)) {
    const bytes = fs.readFileSync(file);
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);  // strips a BOM, as ruff does
    } catch (error) {
      // The ruff CLI reads UTF-8 only; such files have no ruff findings to compare with.
      result.skipped[key] = 'not valid UTF-8 (ruff reads UTF-8 only)';
      continue;
    }
    const diagnostics = workspace.check(text)
      .filter(d => d.code && SELECT.some(prefix => d.code.startsWith(prefix)))
      .map(d => ({ code: d.code, line: d.start_location.row, message: d.message }))
      .sort((a, b) => a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    result.files[key] = diagnostics;
  }
  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  const count = Object.values(result.files).reduce((n, list) => n + list.length, 0);
  console.log(`ruff ${result.ruff_version}: ${Object.keys(result.files).length} files, ${count} findings, `
    + `${Object.keys(result.skipped).length} skipped -> ${path.relative(process.cwd(), args.out)}`);
}

main();
