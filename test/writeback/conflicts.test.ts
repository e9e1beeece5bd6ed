import { MAX_PROPERTY_VALUE_BYTES } from '../../src/ports/key-value-port';
import { Conflicts } from '../../src/writeback/conflicts';
import { MemoryStore } from '../sync/support/memory-store';

describe('conflicts kept for the review', () => {
  it('keeps long messages of many targets inside one property, the newest kept', () => {
    const store = new MemoryStore();
    const conflicts = new Conflicts(store);
    const memo = 'é'.repeat(2_000);
    for (let i = 0; i < 500; i += 1) {
      conflicts.note(`expenses.memo:e${i}`, `Brex now "${memo}"; you typed "${i}"`);
    }
    const raw = store.get('writeback.conflicts') ?? '';
    expect(new TextEncoder().encode(raw).length).toBeLessThanOrEqual(MAX_PROPERTY_VALUE_BYTES);
    expect(conflicts.get('expenses.memo:e499')).toMatch(/^Brex now "é+…$/);
    expect(conflicts.get('expenses.memo:e499')).toHaveLength(300);
    expect(conflicts.get('expenses.memo:e0')).toBeNull();
  });

  it('keeps a short message whole, and forgets a target on request', () => {
    const conflicts = new Conflicts(new MemoryStore());
    conflicts.note('cards.status:c1', 'Brex now Locked; you typed Active');
    conflicts.note('cards.status:c2', 'Brex now Active; you typed Locked');
    conflicts.forget('cards.status:c1');
    expect(conflicts.get('cards.status:c1')).toBeNull();
    expect(conflicts.get('cards.status:c2')).toBe('Brex now Active; you typed Locked');
  });
});
