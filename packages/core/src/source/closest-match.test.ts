import { describe, expect, it } from 'vitest';
import { closestMatch } from './closest-match.js';

describe('closestMatch', () => {
  it('suggests typos, other spellings and unique prefixes, and nothing far away', () => {
    expect(closestMatch('expectedTool', ['expectedTools', 'forbiddenTools'])).toBe('expectedTools');
    expect(closestMatch('expected_tools', ['expectedTools', 'forbiddenTools'])).toBe('expectedTools');
    expect(closestMatch('prod', ['dev', 'staging', 'canary', 'production'])).toBe('production');
    expect(closestMatch('colour', ['id', 'name'])).toBeUndefined();
  });
});
