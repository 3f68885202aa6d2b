import { type AmplifyOutputs, checkOutputs, OUTPUTS_ELEMENT_ID } from '../core/outputs.ts';

/**
 * The outputs file the page carries inline (see vite.config.ts), or else fetched from
 * `/amplify_outputs.json`; checked either way. The inline copy is taken out of the page once read. Free of aws-amplify, so the start-up code that
 * reads it stays small.
 */
export async function loadOutputs(doc: Pick<Document, 'getElementById'> = document, fetchImpl: typeof fetch = fetch): Promise<AmplifyOutputs> {
  const element = doc.getElementById(OUTPUTS_ELEMENT_ID);
  const inline = element?.textContent;
  // Read once: the page keeps no copy of it (in local mode it lists the demo users' passwords).
  element?.remove();
  const checked = checkOutputs(inline ? JSON.parse(inline) : await fetchOutputs(fetchImpl));
  if (!checked.ok) throw new Error(`amplify_outputs.json: ${checked.error}`);
  return checked.value;
}

async function fetchOutputs(fetchImpl: typeof fetch): Promise<unknown> {
  const response = await fetchImpl('/amplify_outputs.json');
  if (!response.ok) throw new Error(await response.text());
  return response.json();
}
