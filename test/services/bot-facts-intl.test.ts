/** The numbers the privacy answer says are written through Intl in the answer's language (issue 17 item 5). */
import { describe, expect, it } from 'vitest';
import { botFacts } from '../../main/services/privacy';

const facts = (conversations: number) => ({
  counts: { conversations, messages: 0, consents: 0, auditEntries: 0, knowledgeBaseVersions: 0, missedQuestions: 0, settings: 0 },
  retention: { kind: 'days' as const, days: 30 },
  retentionText: '30 days',
  masking: { types: [], phoneRegion: 'US', phoneCountries: [], customPatterns: [] },
  conversationPolicy: 'ask' as const,
  missedQuestionKeeping: { enabled: true, retentionDays: 30, keepOnDayWipe: false },
});

describe('bot facts', () => {
  it('say the conversation count with the language’s separators', () => {
    expect(botFacts(facts(12040), 'saved', 'en').conversationCount).toBe('12,040');
    expect(botFacts(facts(12040), 'saved', 'es').conversationCount).toBe('12.040');
    expect(botFacts(facts(3), 'saved', 'es').conversationCount).toBe('3');
  });
});
