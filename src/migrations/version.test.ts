import { describe, expect, it } from 'vitest';
import { compareKeys, compareVersions, highestVersion, parseVersion } from './version.js';

const sorted = (texts: string[]): string[] => texts.map(parseVersion).sort(compareVersions).map((v) => v.text);

describe('versions', () => {
  it('compare as numbers part by part, not as strings', () => {
    expect(sorted(['10', '9', '1.10', '1.9', '2'])).toEqual(['1.9', '1.10', '2', '9', '10']);
    expect(sorted(['V123', '9', '99'].map((v) => v.replace('V', '')))).toEqual(['9', '99', '123']);
  });
  it('treat missing parts as zero and compare 20-digit timestamps exactly', () => {
    expect(compareVersions(parseVersion('1'), parseVersion('1.0'))).toBe(0);
    expect(compareVersions(parseVersion('1'), parseVersion('1.0.1'))).toBe(-1);
    expect(compareVersions(parseVersion('20150100000001000001'), parseVersion('20150100000001000000'))).toBe(1);
  });
  it('accept Flyway underscores and diesel dashes as separators', () => {
    expect(parseVersion('1_2').parts).toEqual([1n, 2n]);
    expect(parseVersion('2017-12-12-223105').parts).toEqual([2017n, 12n, 12n, 223105n]);
  });
  it('order history keys: versions numerically, repeatables after', () => {
    expect(['R__b', '10', 'R__a', '9'].sort(compareKeys)).toEqual(['9', '10', 'R__a', 'R__b']);
  });
  it('find where a target stands: the highest version, whatever order they ran in, repeatables skipped', () => {
    expect(highestVersion(['0001', '0000'])).toBe('0001'); // 0000 applied out of order after 0001
    expect(highestVersion([undefined, '9', '10', 'R__view'])).toBe('10');
    expect(highestVersion(['R__view', undefined])).toBeUndefined();
  });
});
