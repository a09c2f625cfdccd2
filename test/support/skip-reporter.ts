/** Lists skipped tests by name at the end of the run, so a missing server is never silent. */
import type { Reporter, TestModule } from 'vitest/node';

export default class SkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        if (test.result().state === 'skipped') skipped.push(`${mod.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}`);
      }
    }
    if (skipped.length === 0) return;
    process.stdout.write(`\nSkipped (${skipped.length}):\n${skipped.map((s) => `  - ${s}`).join('\n')}\n`);
  }
}
