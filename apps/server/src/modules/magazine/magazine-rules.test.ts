import { describe, expect, it } from 'vitest';
import {
  callTakesContributions,
  canMoveIssue,
  canPlace,
  courtesyName,
  creditDue,
  creditInitial,
  layoutForPhotos,
  moderationStateOf,
  plainTextToHtml,
  statusAfterDecision,
} from './magazine-rules.ts';

const now = new Date('2026-12-01T02:00:00Z');
const later = new Date(now.getTime() + 1000);
const earlier = new Date(now.getTime() - 1000);

describe('issue status', () => {
  it('moves draft → published → archived → published, and no other way', () => {
    expect(canMoveIssue('draft', 'published')).toBe(true);
    expect(canMoveIssue('published', 'archived')).toBe(true);
    expect(canMoveIssue('archived', 'published')).toBe(true);
    expect(canMoveIssue('published', 'published')).toBe(false);
    expect(canMoveIssue('draft', 'archived')).toBe(false);
    expect(canMoveIssue('archived', 'draft')).toBe(false);
    expect(canMoveIssue('published', 'draft')).toBe(false);
  });
});

describe('calls', () => {
  it('take contributions while open and before the deadline', () => {
    expect(callTakesContributions({ status: 'open', deadline: later }, now)).toBe(true);
    expect(callTakesContributions({ status: 'open', deadline: now }, now)).toBe(false);
    expect(callTakesContributions({ status: 'open', deadline: earlier }, now)).toBe(false);
    expect(callTakesContributions({ status: 'closed', deadline: later }, now)).toBe(false);
  });
});

describe('contribution decisions', () => {
  it('approving accepts a pending or rejected one and leaves the rest', () => {
    expect(statusAfterDecision('pending', 'accept')).toBe('accepted');
    expect(statusAfterDecision('rejected', 'accept')).toBe('accepted');
    expect(statusAfterDecision('accepted', 'accept')).toBeNull();
    expect(statusAfterDecision('placed', 'accept')).toBeNull();
    expect(statusAfterDecision('published', 'accept')).toBeNull();
  });
  it('rejecting takes back any but a rejected one', () => {
    for (const s of ['pending', 'accepted', 'placed', 'published'] as const)
      expect(statusAfterDecision(s, 'reject')).toBe('rejected');
    expect(statusAfterDecision('rejected', 'reject')).toBeNull();
  });
  it('shows moderation held, visible or hidden', () => {
    expect(moderationStateOf('pending')).toBe('held');
    expect(moderationStateOf('accepted')).toBe('visible');
    expect(moderationStateOf('published')).toBe('visible');
    expect(moderationStateOf('rejected')).toBe('hidden');
  });
  it('places only an accepted one', () => {
    expect(canPlace('accepted')).toBe(true);
    for (const s of ['pending', 'placed', 'published', 'rejected'] as const)
      expect(canPlace(s)).toBe(false);
  });
});

describe('credits', () => {
  it('credits a placed contribution once', () => {
    expect(creditDue({ status: 'placed', creditedAt: null })).toBe(true);
    expect(creditDue({ status: 'placed', creditedAt: now })).toBe(false);
    expect(creditDue({ status: 'published', creditedAt: now })).toBe(false);
    expect(creditDue({ status: 'accepted', creditedAt: null })).toBe(false);
  });
  it('credits by a courtesy name, never the full name', () => {
    expect(courtesyName('陈志明', 'male')).toBe('陈先生');
    expect(courtesyName('李娜', 'female')).toBe('李女士');
    expect(courtesyName('张三', 'unknown')).toBe('张车友');
    expect(courtesyName(null, 'male')).toBe('车友');
  });
  it('shows the first character of the name as the avatar', () => {
    expect(creditInitial('王小明')).toBe('王');
    expect(creditInitial(' alice ')).toBe('A');
    expect(creditInitial('')).toBe('车');
    expect(creditInitial(null)).toBe('车');
  });
});

describe('a contribution as a page', () => {
  it('becomes escaped paragraphs', () => {
    expect(plainTextToHtml('第一行\n\n <b>第二行</b> & "引号"')).toBe(
      '<p>第一行</p><p>&lt;b&gt;第二行&lt;/b&gt; &amp; &quot;引号&quot;</p>',
    );
  });
  it('takes a layout for its photos', () => {
    expect(layoutForPhotos(0)).toBe('text');
    expect(layoutForPhotos(1)).toBe('photo_story');
    expect(layoutForPhotos(4)).toBe('gallery');
  });
});
