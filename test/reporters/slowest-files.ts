/**
 * A vitest reporter that ends a run with its slowest files: the time each spent importing its
 * modules and running its tests and hooks, so the next person tuning the suite starts from a
 * measurement. `SLOWEST_FILES=all` lists every file.
 */
import type { Reporter, TestModule } from 'vitest/node';

const rows: { file: string; import: number; tests: number }[] = [];

export default class SlowestFiles implements Reporter {
  private readonly root = process.cwd() + '/';

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    rows.push({
      file: module.moduleId.replace(this.root, ''),
      import: d.collectDuration + d.setupDuration + d.prepareDuration,
      tests: d.duration,
    });
  }

  onTestRunEnd(): void {
    const all = process.env.SLOWEST_FILES === 'all';
    const sorted = rows.sort((a, b) => b.import + b.tests - (a.import + a.tests)).slice(0, all ? rows.length : 10);
    const s = (ms: number) => (ms / 1000).toFixed(1).padStart(6);
    console.log(`\n${all ? 'Every file' : 'The ten slowest files'} (seconds: total, importing, tests and hooks)`);
    for (const r of sorted) console.log(`${s(r.import + r.tests)} ${s(r.import)} ${s(r.tests)}  ${r.file}`);
  }
}
