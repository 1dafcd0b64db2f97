import { describe, expect, it } from 'vitest';
import { accentProblem, contrastRatio, formatRatio, relativeLuminance } from '../../shared/contrast';

describe('WCAG contrast', () => {
  it('gives the known luminances and ratios', () => {
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WebAIM's checker: #777777 on white is 4.47:1 (fails AA), #767676 is 4.54:1 (the lightest grey that passes).
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
    // Order-free.
    expect(contrastRatio('#ffffff', '#0e6e6a')).toBe(contrastRatio('#0e6e6a', '#ffffff'));
  });
  it('rounds the shown ratio down', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21.00:1');
  });
  it('refuses a low-contrast accent with its ratio and passes AA ones', () => {
    expect(accentProblem('#0e6e6a')).toBeNull();
    expect(accentProblem('#767676')).toBeNull();
    expect(accentProblem('#777777')).toMatch(/4\.47:1 .*4\.5:1/);
    expect(accentProblem('#ffe14d')).toMatch(/contrast ratio of 1\.\d\d:1/);
    expect(accentProblem('red')).toMatch(/must be a colour/);
    expect(() => relativeLuminance('#fff')).toThrow(RangeError);
  });
});
