import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-options.ts';
import { parseUsersFile } from './users-file.ts';

function usageError(text: string): string {
  try {
    parseUsersFile(text, 'users.json');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error(`${text} parsed`);
}

describe('parseUsersFile', () => {
  it('reads users into seed users: the username, attributes.name as the name, email and phone number, groups once each', () => {
    const text = JSON.stringify([
      { username: 'ana@example.com', password: 'Passw0rd!', groups: ['admins', 'admins'], attributes: { name: 'Ana' } },
      { username: 'ben@example.com', password: 'Passw0rd!' },
      { username: 'cy', password: 'Passw0rd!', attributes: { email: 'cy@example.com', phone_number: '+15555550100' } },
    ]);

    const users = parseUsersFile(text, 'users.json');

    expect(users).toEqual([
      { username: 'ana@example.com', password: 'Passw0rd!', displayName: 'Ana', groups: ['admins'] },
      { username: 'ben@example.com', password: 'Passw0rd!', displayName: 'ben', groups: [] },
      { username: 'cy', email: 'cy@example.com', phoneNumber: '+15555550100', password: 'Passw0rd!', displayName: 'cy', groups: [] },
    ]);
  });

  it('reads an empty array as no users', () => {
    expect(parseUsersFile('[]', 'users.json')).toEqual([]);
  });

  it.each([
    ['{', /^--users users\.json: not JSON \(/],
    ['{"username":"ana@example.com"}', /^--users users\.json: expected a JSON array of users/],
    ['[3]', /^--users users\.json: entry 0: expected an object/],
    ['[{"username":"","password":"p"}]', /^--users users\.json: entry 0 \(\): username must not be empty$/],
    ['[{"username":"ana","password":"p","attributes":{"email":"ana"}}]', /^--users users\.json: entry 0 \(ana\): attributes\.email must be an email address$/],
    ['[{"username":"ana@example.com"}]', /^--users users\.json: entry 0 \(ana@example\.com\): password must be a string$/],
    ['[{"username":"ana@example.com","password":""}]', /: entry 0 \(ana@example\.com\): password must not be empty$/],
    ['[{"username":"ana@example.com","password":"p","groups":"admins"}]', /: entry 0 \(ana@example\.com\): groups must be an array$/],
    ['[{"username":"ana@example.com","password":"p","role":"admin"}]', /: entry 0 \(ana@example\.com\): unknown field role$/],
    ['[{"username":"ana@example.com","password":"p","attributes":{"phone_number":"+1"}}]', /: entry 0 \(ana@example\.com\): attributes\.phone_number must be a phone number in E\.164 format/],
    ['[{"username":"ana@example.com","password":"p","attributes":{"given_name":"Ana"}}]', /: entry 0 \(ana@example\.com\): unknown field attributes\.given_name$/],
    ['[{"username":"ana@example.com","password":"p"},{"username":"ANA@example.com","password":"q"}]', /: entry 1 \(ANA@example\.com\): the username appears twice$/],
  ])('refuses %s, naming the entry', (text, message) => {
    expect(usageError(text)).toMatch(message);
  });
});
