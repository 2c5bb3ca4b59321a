// The composition root wires every module, lower before higher: each module appears after every
// module its production code imports, and every module folder (but the demo, which the CLI and
// tests call) is wired. Every module's index.ts opens with two lines on what it owns.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeWiring, MODULES } from './modules.ts';

const dir = path.join(import.meta.dirname, 'modules');
const folders = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

function importedModules(name: string): Set<string> {
  const found = new Set<string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'testing') walk(p);
      } else if (/\.ts$/.test(e.name) && !/(\.test\.ts|^testing\.ts)$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/from '\.\.\/([\w-]+)\/index\.ts'/g))
          if (m[1] !== name) found.add(m[1]!);
      }
    }
  };
  walk(path.join(dir, name));
  return found;
}

describe('the composition root', () => {
  const order = MODULES.map((m) => m.name);

  it('wires every module folder once (the demo is called, not wired)', () => {
    expect(new Set(order).size).toBe(order.length);
    expect([...order].sort()).toEqual(folders.filter((f) => f !== 'demo').sort());
  });

  it('lists a module after every module it imports', () => {
    const late: string[] = [];
    for (const [i, name] of order.entries())
      for (const used of importedModules(name))
        if (order.indexOf(used) > i) late.push(`${name} uses ${used}, listed after it`);
    expect(late).toEqual([]);
  });

  it("opens every module's index.ts with two lines on what it owns", () => {
    for (const f of folders) {
      const [first, second] = fs.readFileSync(path.join(dir, f, 'index.ts'), 'utf8').split('\n');
      expect(first, f).toMatch(/^\/\/ \S/);
      expect(second, f).toMatch(/^\/\/ \S/);
    }
  });

  it('describes the wiring of every module with its jobs, reactions and hooks', () => {
    const text = describeWiring(new Map([['service', ['POST /api/v1/staff/service-orders']]]));
    for (const [i, m] of MODULES.entries()) expect(text).toContain(`${i + 1}. ${m.name}\n`);
    expect(text).toContain('POST /api/v1/staff/service-orders');
    expect(text).toMatch(
      /coupons\n(.*\n)*?\s+reacts to: serviceOrder\.cancelled, serviceOrder\.refunded/,
    );
    expect(text).toMatch(/customer-stats\n(.*\n)*?\s+hooks: orderChange, customerMerge/);
  });
});
