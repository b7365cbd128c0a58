import { describe, expect, it } from 'vitest';
import { namesOf, personLabel } from './personLabel';

describe('people by name', () => {
  it('names a person with their unit as a station lead knows them', () => {
    expect(personLabel({ displayName: '李稽查', stationName: '温泉供电所' })).toBe('李稽查（温泉供电所）');
    expect(personLabel({ displayName: '陈专责', stationName: null })).toBe('陈专责');
  });

  it('falls back to the user name for people the list does not hold, and while loading', () => {
    const names = namesOf({ inspector: { displayName: '李稽查', stationName: '温泉供电所' } });
    expect(names.full('inspector')).toBe('李稽查（温泉供电所）');
    expect(names.short('inspector')).toBe('李稽查');
    expect(names.full('system-import')).toBe('system-import');
    expect(namesOf(undefined).short('inspector')).toBe('inspector');
    expect(names.full(null)).toBe('');
  });
});
