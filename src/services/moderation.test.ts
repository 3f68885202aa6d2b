import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './moderation.ts';

describe('filenameFromDisposition', () => {
  it('takes the file name the export names', () => {
    expect(filenameFromDisposition('attachment; filename="parley-messages-20261130T120000Z.csv"', 'x.csv')).toBe(
      'parley-messages-20261130T120000Z.csv',
    );
  });

  it('falls back when the header is missing (not exposed by CORS) or unsafe', () => {
    expect(filenameFromDisposition(undefined, 'parley-messages.csv')).toBe('parley-messages.csv');
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"', 'f.json')).toBe('f.json');
    expect(filenameFromDisposition('attachment; filename="a b/c.csv"', 'f.csv')).toBe('a_b_c.csv');
  });
});
