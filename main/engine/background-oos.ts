/**
 * Background out-of-scope phrases: things people ask any chatbot that no shop's knowledge base
 * answers (the time, the weather, alarms, music, the news, sums, other businesses, the bot
 * itself). Written for Hushdesk (CC0, no dataset's text), in customer register, with a few typos.
 *
 * A knowledge base's own out-of-scope examples are near its domain; these teach the negative class
 * what "nothing to do with the shop" looks like, so a far-off question is refused even when the
 * shop owner wrote no out-of-scope examples at all. None asks about the shop itself (its hours,
 * place, staff, products or services): those are what knowledge bases answer. Written after reading
 * hardware-store-dev's misses, but none paraphrases one of its test rows (phrases that came close
 * were left out); the sets kept apart are the real check.
 */
export const BACKGROUND_OUT_OF_SCOPE: readonly string[] = [
  // time, date, reminders
  'what time is it right now',
  'how many days until christmas',
  'remind me to call my mum at 5',
  'start a ten minute timer',
  'what year did the war end',
  // weather
  'is it going to rain this afternoon',
  'whats the weather like this weekend',
  'will it be sunny tomorrow',
  'how cold is it outside',
  'is there a storm warning tonight',
  // music, films, games, entertainment
  'play some music',
  'put on the radio',
  'skip this song',
  'recommend a good film',
  'tell me a joke',
  'sing me a song',
  'lets play a game',
  'recommend a good book',
  // news, sport, general knowledge, sums
  'whats in the news today',
  'who won the football last night',
  'what was the score in the cricket',
  'who is the prime minister',
  'whats the capital of australia',
  'how tall is mount everest',
  'what is 17 times 23',
  'convert 10 miles to kilometres',
  'how do you spell necessary',
  'translate good morning into french',
  'what does photosynthesis mean',
  // other businesses and public services
  'when does the bank on the high street close',
  'is the pharmacy open on sundays',
  'book me a table for two at an italian restaurant',
  'order me a pizza',
  'call me a taxi',
  'when is the next train to london',
  'what time does the library open',
  'is the swimming pool open today',
  'where is the nearest hospital',
  'how do i renew my passport',
  'how do i register with a doctor',
  // the bot and small talk
  'are you a real person',
  'how old are you',
  'do you have feelings',
  'what do you think about politics',
  'do you like football',
  'whats the meaning of life',
  'can you keep a secret',
  'will you marry me',
  // personal life, health, money
  'i have a headache what should i take',
  'how do i lose weight fast',
  'should i buy bitcoin',
  'how do i fix my credit score',
  'what should i cook for dinner',
  'give me a recipe for lasagne',
  'how long do i boil an egg',
  'help me write a cv',
  'whats a good name for a puppy',
  'where should i go on holiday',
  'how do i get a mortgage',
];
