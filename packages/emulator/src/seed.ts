import type { Random } from './random.js';

// Vocabulary for seed data: enough variety that listings look like a real support inbox.
const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'Mateo',
  'Isabella',
  'Lucas',
  'Mia',
  'Levi',
  'Amelia',
  'Ezra',
  'Harper',
  'Asher',
  'Evelyn',
  'James',
  'Aria',
  'Leo',
  'Chloe',
  'Hiro',
  'Priya',
  'Kwame',
  'Fatima',
  'Diego',
  'Ingrid',
  'Tomasz',
  'Aisha',
  'Mei',
] as const;
const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Nguyen',
  'Patel',
  'Kim',
  'Okafor',
  'Rossi',
  'Müller',
  'Silva',
  'Cohen',
  'Martin',
  'Lopez',
  'Kowalski',
  'Haddad',
  'Andersen',
  'Tanaka',
  'Murphy',
  'Dubois',
  'Mensah',
] as const;
const MAIL_DOMAINS = ['example.com', 'example.org', 'mail.example.net', 'shop.example'] as const;

const PRODUCTS = [
  'the trail running shoes',
  'the espresso grinder',
  'my subscription box',
  'the wool blanket',
  'the 3-pack of filters',
  'the gift card',
  'the replacement battery',
  'the ceramic pan set',
  'the kids backpack',
  'the standing desk',
] as const;

const CUSTOMER_OPENERS = [
  'Hi, I ordered {p} last week and it still has not shipped. Can you check?',
  'Hello! Does {p} come in a larger size?',
  'Hi there, I was charged twice for {p}.',
  'Can I change the shipping address on my order for {p}?',
  'My coupon code is not working on {p}.',
  'Is {p} back in stock yet?',
  'I need to return {p}, how do I do that?',
  'Quick question about the warranty on {p}.',
] as const;

const CUSTOMER_LINES = [
  'Order number is {o}.',
  'Thanks!',
  'Ok, that works for me.',
  'How long will that take?',
  'Sure, one sec.',
  'It was sent to my work address.',
  'Yes please.',
  'That is great, thank you so much!',
  'Could you email me the label?',
  'Perfect 👍',
  'I paid with a credit card.',
  'No, that is everything.',
  'Wait, one more thing: can I add a second item?',
  'I tried that already and it did not help.',
] as const;

const AGENT_LINES = [
  'Thanks for reaching out! Let me look into that for you.',
  'I can see order {o} here. One moment please.',
  'It shipped this morning; you will get a tracking email shortly.',
  'I have refunded the duplicate charge. It can take 3–5 business days to appear.',
  'I have updated the address on the order.',
  'That size is available, would you like me to swap it?',
  'Here is the return link: https://shop.example/returns',
  'Is there anything else I can help you with today?',
  'You are welcome! Have a great day.',
  'I have applied the discount manually.',
  'I will escalate this to our warehouse team.',
  'Could you confirm the email address on the order?',
] as const;

/** A deterministic full name. */
export function personName(rng: Random): string {
  return `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
}

/** An e-mail address derived from a name. */
export function emailFor(rng: Random, name: string): string {
  const local = name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .replace(' ', '.');
  return `${local}${rng.int(1, 99)}@${rng.pick(MAIL_DOMAINS)}`;
}

/** A reserved-range US phone number in E.164. */
export function phoneNumber(rng: Random): string {
  return `+1555${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

function fill(rng: Random, template: string): string {
  return template.replace('{p}', rng.pick(PRODUCTS)).replace('{o}', `UC-${rng.int(100000, 999999)}`);
}

/** A customer's first message. */
export function customerOpener(rng: Random): string {
  return fill(rng, rng.pick(CUSTOMER_OPENERS));
}

/** A customer's follow-up line. */
export function customerLine(rng: Random): string {
  return fill(rng, rng.pick(CUSTOMER_LINES));
}

/** An agent's line. */
export function agentLine(rng: Random): string {
  return fill(rng, rng.pick(AGENT_LINES));
}
