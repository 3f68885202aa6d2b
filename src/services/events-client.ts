/**
 * The only parts of aws-amplify's Event API client the app uses, in a module of their own so
 * `events.ts` can load them with a dynamic import and the bundler keeps nothing else of
 * `aws-amplify/data` (its GraphQL client) in that chunk.
 */
export { CONNECTION_STATE_CHANGE, events } from 'aws-amplify/data';
