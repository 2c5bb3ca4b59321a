#!/usr/bin/env node
// Measures the length of the server's hand-written functions (production files of
// apps/server/src; tests and testing/ left out): function declarations, functions and arrow
// functions bound to a name (variable, property) and methods, longest first, as
// `file:line name lines`. `--over N` (N defaults to 80) prints only those longer than N lines
// and their count. A measuring tool: it always exits 0.
// Usage: node scripts/function-lengths.mjs [--over [N]]
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(import.meta.dirname, '..');
const root = path.join(repo, 'apps/server/src');

const args = process.argv.slice(2);
const at = args.indexOf('--over');
const next = at >= 0 ? Number(args[at + 1]) : NaN;
const over = at < 0 ? null : Number.isFinite(next) ? next : 80;

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : walk(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !/\.d\.ts$/.test(e.name)
      ? [p]
      : [];
  });
}

function nameOf(node) {
  return node && (ts.isIdentifier(node) || ts.isStringLiteral(node) || ts.isPrivateIdentifier(node))
    ? node.text
    : node
      ? node.getText()
      : null;
}

/** The name a function node goes by, or null for an anonymous one (a callback, say). */
function functionName(node) {
  if (ts.isFunctionDeclaration(node)) return node.name ? node.name.text : 'default';
  if (
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node)
  ) {
    return nameOf(node.name);
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    let p = node.parent;
    while (
      p &&
      (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))
    ) {
      p = p.parent;
    }
    if (!p) return null;
    if (ts.isVariableDeclaration(p) && p.initializer) return nameOf(p.name);
    if (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) return nameOf(p.name);
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      return p.left.getText();
    }
    if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  }
  return null;
}

const found = [];
for (const file of walk(root)) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = path.relative(repo, file);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = functionName(node);
      if (name) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        found.push({ where: `${rel}:${start}`, name, lines: end - start + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

found.sort((a, b) => b.lines - a.lines || a.where.localeCompare(b.where));
const shown = over === null ? found : found.filter((f) => f.lines > over);
for (const f of shown) console.log(`${f.where} ${f.name} ${f.lines}`);
console.log(
  over === null
    ? `${found.length} functions`
    : `${shown.length} functions over ${over} lines (of ${found.length})`,
);
