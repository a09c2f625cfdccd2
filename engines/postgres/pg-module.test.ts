import { describe, expect, it } from 'vitest';
import { clientConfig } from './pg-module.js';

describe('clientConfig', () => {
  it.each([
    ['postgres://u@h:5432/wtb_a%3Bb%23c', 'wtb_a;b#c'],
    ['postgresql://u@h/a%2Fb%3Fc', 'a/b?c'],
    ['postgres://u@h/caf%C3%A9%20x', 'café x'],
    ['postgres://u@h/a%2520b', 'a%20b'], // decoded once, not twice
  ])('reads the database of %s whole, as libpq does', (url, database) => {
    expect(clientConfig(url).database).toBe(database);
  });

  it.each([
    ['postgres://u:a b%2Fc@h/db', 'a b/c'], // pg alone read "a b%2Fc"
    ['postgres://u:a b%3A%40c@h/db', 'a b:@c'],
    ['postgres://u:a%20b%2Fc@h/db', 'a b/c'],
  ])('reads the password of %s whole', (url, password) => {
    expect(clientConfig(url)).toMatchObject({ user: 'u', password, host: 'h', database: 'db' });
  });

  it('leaves a password= of the query to pg, which prefers it', () => {
    expect(clientConfig('postgres://u:a b%2Fc@h/db?password=q')).toMatchObject({ password: 'q' });
  });

  it('keeps pg\'s reading of the rest of the URL', () => {
    const config = clientConfig('postgres://ada:p%40ss@db.example:6543/app?application_name=x&sslmode=disable');
    expect(config).toMatchObject({ user: 'ada', password: 'p@ss', host: 'db.example', port: '6543', database: 'app', application_name: 'x' });
  });
});
