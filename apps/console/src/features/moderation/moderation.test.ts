import { describe, expect, it } from 'vitest';
import { decisionsFor } from './moderation.ts';

describe('what a moderator may decide on a piece', () => {
  it('approve or hide a held piece, approve first', () => {
    expect(decisionsFor('held')).toEqual(['approve', 'hide']);
  });
  it('restore a hidden piece, or confirm the hide', () => {
    expect(decisionsFor('hidden')).toEqual(['restore', 'hide']);
  });
  it('keep or hide a reported piece still shown', () => {
    expect(decisionsFor('visible')).toEqual(['approve', 'hide']);
  });
  it('nothing on a piece that is gone', () => {
    expect(decisionsFor(undefined)).toEqual([]);
  });
});
