import { loadDefaultKnowledgeBase, trainModel, type KnowledgeBase, type Model } from '../../main/engine';

let cached: { kb: KnowledgeBase; model: Model } | null = null;

/** The default knowledge base and its model, trained once per test file. */
export function defaultEngine(): { kb: KnowledgeBase; model: Model } {
  if (!cached) {
    const kb = loadDefaultKnowledgeBase();
    cached = { kb, model: trainModel(kb) };
  }
  return cached;
}

/** A small valid knowledge base (as parsed JSON) that tests mutate to provoke errors. */
export function smallKb(): Record<string, unknown> & { intents: Record<string, unknown>[] } {
  return {
    schemaVersion: 1,
    name: 'Test shop',
    version: '1',
    settings: {
      language: 'en',
      fallbackReplies: ['Sorry, I did not get that.'],
      handoffReply: 'Shall I fetch a colleague?',
      confidenceThreshold: 0.3,
    },
    entities: [],
    intents: [
      {
        id: 'gift.balance',
        title: 'Gift card balance',
        examples: ['gift card balance', 'check my gift card balance', 'balance on my gift card', 'what is the balance of my gift card'],
        tests: [],
        responses: ['Check the balance at any till.'],
      },
      {
        id: 'gift.lost',
        title: 'Lost gift card',
        examples: ['gift card lost', 'i lost my gift card', 'lost my gift card', 'what if i lost my gift card'],
        tests: [],
        responses: ['Bring the receipt and we will replace it.'],
      },
      {
        id: 'hours',
        title: 'Opening hours',
        examples: ['opening hours', 'when do you open', 'what time do you close', 'are you open on sunday'],
        tests: [],
        responses: ['We open 9 to 5, Sunday 10 to 4.'],
      },
    ],
  };
}
