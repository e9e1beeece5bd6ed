/**
 * The client's operation table agrees with Brex's specs: each operation's method and path name an
 * operation there, with the same operationId, and the scope the table names is one that grants it.
 */
import { operations } from '../../src/brex/operations';
import { findOperation, grantingScopes } from '../../dev/sandbox/spec-index';

describe('the Brex operation table', () => {
  it.each(Object.entries(operations))('%s matches its operation in the specs', (_name, op) => {
    const path = op.path.replace(/\{[^}]+\}/g, 'some_id');

    const found = findOperation(op.method.toUpperCase(), path);

    expect({
      template: found?.template.replace(/\{[^}]+\}/g, '{id}'),
      id: found?.operation.operationId,
      scopeGrants: found ? grantingScopes(found).includes(op.scope) : false,
    }).toEqual({ template: op.path.replace(/\{[^}]+\}/g, '{id}'), id: op.id, scopeGrants: true });
  });
});
