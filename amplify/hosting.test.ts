import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME } from './definition.ts';

const repoFile = (name: string) => readFileSync(new URL(`../${name}`, import.meta.url), 'utf8');

describe('amplify.yml', () => {
  it('builds both phases on the Node the Lambdas deploy on', () => {
    const spec = repoFile('amplify.yml');
    const uses = [...spec.matchAll(/- nvm use (\d+)$/gm)].map((match) => Number(match[1]));

    expect(uses).toEqual([LAMBDA_RUNTIME.nodeMajor, LAMBDA_RUNTIME.nodeMajor]);
    expect(spec).toContain(`- nvm install ${LAMBDA_RUNTIME.nodeMajor}`);
  });
});

describe('amplify-rewrites.json (the deep-link rewrite for Amplify Hosting)', () => {
  const [rule] = JSON.parse(repoFile('amplify-rewrites.json')) as { source: string; target: string; status: string }[];
  // Amplify writes a regular-expression source as </regex/>.
  const source = new RegExp(rule!.source.replace(/^<\//, '').replace(/\/>$/, ''));

  it('serves index.html, with a 200 (a rewrite, not a redirect), for every route of the app', () => {
    expect(rule).toMatchObject({ target: '/index.html', status: '200' });
    for (const path of ['/', '/rooms', '/rooms/lobby', '/rooms/design-review-2', '/moderation', '/sign-in', '/no/such/page', '/rooms/a.b']) {
      expect(source.test(path), path).toBe(true);
    }
  });

  it('leaves the built files alone, so a missing asset is a 404 and not the app', () => {
    for (const path of ['/assets/index-BkX3c9.js', '/assets/app-9f8e.css', '/assets/app-9f8e.js.map', '/favicon.svg', '/amplify_outputs.json']) {
      expect(source.test(path), path).toBe(false);
    }
  });
});
