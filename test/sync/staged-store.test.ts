import type { BulkKeyValuePort } from '../../src/ports/key-value-port';
import { StagedStore } from '../../src/sync/staged-store';

/** Document properties in memory, counting the calls a PropertiesService store would receive. */
class CountingProperties implements BulkKeyValuePort {
  readonly values = new Map<string, string>();
  calls = 0;

  get(key: string): string | null {
    this.calls += 1;
    return this.values.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.calls += 1;
    this.values.set(key, value);
  }
  delete(key: string): void {
    this.calls += 1;
    this.values.delete(key);
  }
  getAll(): Record<string, string> {
    this.calls += 1;
    return Object.fromEntries(this.values);
  }
  setAll(values: Readonly<Record<string, string>>): void {
    this.calls += 1;
    for (const [key, value] of Object.entries(values)) this.values.set(key, value);
  }
}

describe('StagedStore', () => {
  it('reads every key with one call however many it is asked for', () => {
    const properties = new CountingProperties();
    properties.values.set('a', '1');
    properties.values.set('b', '2');
    const store = new StagedStore(properties);

    expect([store.get('a'), store.get('b'), store.get('c'), store.get('a')]).toEqual([
      '1',
      '2',
      null,
      '1',
    ]);
    expect(properties.calls).toBe(1);
  });

  it('writes nothing before commit, then every change in one call', () => {
    const properties = new CountingProperties();
    const store = new StagedStore(properties);
    store.set('a', '1');
    store.set('b', '2');
    store.set('a', '3');

    expect(store.get('a')).toBe('3');
    expect(properties.values.size).toBe(0);
    store.commit();
    expect(Object.fromEntries(properties.values)).toEqual({ a: '3', b: '2' });
    expect(properties.calls).toBe(2);
  });

  it('deletes a stored key at commit and skips keys the store never held', () => {
    const properties = new CountingProperties();
    properties.values.set('round', 'x');
    const store = new StagedStore(properties);
    store.delete('round');
    store.delete('never-written');

    expect(store.get('round')).toBeNull();
    store.commit();
    expect(properties.values.has('round')).toBe(false);
    expect(properties.calls).toBe(2);
  });

  it('leaves keys it did not change as another execution saved them', () => {
    const properties = new CountingProperties();
    properties.values.set('settings', 'old');
    const store = new StagedStore(properties);
    store.get('settings');
    properties.values.set('settings', 'saved meanwhile');
    store.set('cursor', 'c');
    store.commit();

    expect(Object.fromEntries(properties.values)).toEqual({
      settings: 'saved meanwhile',
      cursor: 'c',
    });
  });

  it('makes no call at all when nothing was read or changed', () => {
    const properties = new CountingProperties();
    new StagedStore(properties).commit();
    expect(properties.calls).toBe(0);
  });

  it('commits only the keys asked for, keeping the rest for a later commit', () => {
    const properties = new CountingProperties();
    const store = new StagedStore(properties);
    store.set('sync.health.users', 'h');
    store.set('sync.cursor.users', 'c');

    store.commit((key) => key.startsWith('sync.health.'));

    expect(Object.fromEntries(properties.values)).toEqual({ 'sync.health.users': 'h' });
    store.commit();
    expect(Object.fromEntries(properties.values)).toEqual({
      'sync.health.users': 'h',
      'sync.cursor.users': 'c',
    });
    expect(properties.calls).toBe(3);
  });
});
