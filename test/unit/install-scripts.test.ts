/**
 * npm 11 blocks dependency install scripts and warns about every one package.json's
 * `allowScripts` does not decide. Each package the lock file marks `hasInstallScript` has a
 * recorded decision, so `npm install` / `npm ci` end without that warning. The two we have are
 * denied on purpose: esbuild's platform binary comes as an optional dependency
 * (`@esbuild/<platform>`), and classic-level (dynalite's persistence) ships prebuilds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json') as { allowScripts?: Record<string, boolean> };
const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };

describe('install scripts', () => {
  it('records a decision for every locked package with an install script', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(pkg.allowScripts ?? {}, name).toHaveProperty([name]);
  });

  it('denies esbuild and classic-level, whose scripts are not needed', () => {
    expect(pkg.allowScripts).toEqual({ esbuild: false, 'classic-level': false });
  });
});
