import { describe, expect, it, vi } from 'vitest';
import { OUTPUTS_ELEMENT_ID } from '../core/outputs.ts';
import { loadOutputs } from './load-outputs.ts';

const outputs = {
  version: '1.4',
  auth: { aws_region: 'eu-west-1', user_pool_id: 'pool', user_pool_client_id: 'client' },
  custom: {
    events: { url: 'https://events.example/event', aws_region: 'eu-west-1', default_authorization_type: 'AMAZON_COGNITO_USER_POOLS' },
    API: { parley: { endpoint: 'https://api.example/', region: 'eu-west-1' } },
  },
};

function page(inline?: string): Pick<Document, 'getElementById'> & { removed: boolean } {
  const doc = {
    removed: false,
    getElementById: (id: string) =>
      id === OUTPUTS_ELEMENT_ID && inline !== undefined && !doc.removed ? ({ textContent: inline, remove: () => (doc.removed = true) } as unknown as HTMLElement) : null,
  };
  return doc;
}

describe('loading the outputs', () => {
  it('reads the copy the page carries, with no request, and takes it out of the page', async () => {
    const fetchImpl = vi.fn<typeof fetch>();
    const doc = page(JSON.stringify(outputs));

    expect(await loadOutputs(doc, fetchImpl)).toEqual(outputs);
    expect(fetchImpl).not.toHaveBeenCalled();
    expect(doc.removed).toBe(true);
  });

  it('fetches /amplify_outputs.json when the page carries none', async () => {
    const fetchImpl = vi.fn(async () => new Response(JSON.stringify(outputs), { status: 200 }));

    expect(await loadOutputs(page(), fetchImpl)).toEqual(outputs);
    expect(fetchImpl).toHaveBeenCalledWith('/amplify_outputs.json');
  });

  it('says what is missing from a file written before the backend was deployed', async () => {
    await expect(loadOutputs(page(JSON.stringify({ version: '1.4' })), vi.fn<typeof fetch>())).rejects.toThrow(
      'amplify_outputs.json: auth is missing: is the backend deployed?',
    );
  });

  it('passes on the server’s words when the file cannot be fetched', async () => {
    const fetchImpl = vi.fn(async () => new Response('No amplify_outputs.json: run `npm run dev` first.', { status: 404 }));

    await expect(loadOutputs(page(), fetchImpl)).rejects.toThrow('No amplify_outputs.json: run `npm run dev` first.');
  });
});
