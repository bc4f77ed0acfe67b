/**
 * Figures from a synthesised cloud assembly, as Markdown: resource counts by type and the
 * bundle size of each function. Usage: `npx cdk synth --quiet && npx tsx test/bench/synth-report.ts [cdk.out]`.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Template {
  Resources: Record<string, { Type: string; Properties?: { Description?: string; Code?: { S3Key?: string } } }>;
}

const dir = process.argv[2] ?? 'cdk.out';
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

for (const [name, artifact] of Object.entries(manifest.artifacts)) {
  if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
  const template = JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as Template;
  const resources = Object.values(template.Resources);
  const counts = new Map<string, number>();
  for (const r of resources) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);

  console.log(`### Stack ${name}: ${resources.length} resources\n`);
  console.log('| resource type | count |\n|---|---|');
  for (const [type, count] of [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`| ${type} | ${count} |`);

  console.log('\n| function | index.mjs | gzipped (≈ deployed zip) | source map |\n|---|---|---|---|');
  for (const r of resources) {
    if (r.Type !== 'AWS::Lambda::Function' || !r.Properties?.Code?.S3Key) continue;
    const asset = join(dir, `asset.${r.Properties.Code.S3Key.replace(/\.zip$/, '')}`);
    const code = readFileSync(join(asset, 'index.mjs'));
    const route = r.Properties.Description?.split(':')[0] ?? '?';
    console.log(
      `| ${route} | ${kb(code.length)} | ${kb(gzipSync(code, { level: 9 }).length)} | ${kb(statSync(join(asset, 'index.mjs.map')).size)} |`,
    );
  }
  console.log();
}
