/**
 * One form of address for the Spanish customer (issue 17): the Spanish default knowledge base says
 * "tú" ("¿En qué puedo ayudarte?"), so the catalogue strings the customer reads (chat, kiosk
 * welcome, "Still there?", save question, "Your data", the QR card, the built-in privacy notice)
 * say tú too; staff screens keep usted. A usted form in a customer string fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { es } from '../../renderer/src/i18n/es';

/** The customer's screens: chat/*, kiosk/Welcome, IdleGuard and CustomerData, and the notice they show. */
const CUSTOMER = /^(chat|consent|confirmDelete|qr|yourData|speech|keyboard)\.|^kiosk\.(welcome|stillThere|imHere|endNow|start|language)|^privacy\.defaultNotice$/;
/** Usted forms the customer strings used: pronouns, possessives and third-person imperatives. */
const USTED = /\b(usted|ustedes|su|sus|le|ayudarle|Escriba|Pregunte|Prefiere|Sigue|Llévese|Acórtelo|Escanee|Pida|Elija|elige usted|decide|eligió|Puede eliminar|Quiso|escribe\b(?! tu))\b/;

describe('Spanish customer strings say tú', () => {
  it('the default knowledge base addresses the customer with tú', () => {
    const kb = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'main', 'kb', 'default-kb.json'), 'utf8')) as { languages: { es: { settings: { fallbackReplies: string[] } } } };
    // "Lo siento, con eso no te puedo ayudar…", "Prueba a preguntar…".
    expect(kb.languages.es.settings.fallbackReplies.join(' ')).toMatch(/\bte puedo\b|\bPrueba\b/);
    expect(kb.languages.es.settings.fallbackReplies.join(' ')).not.toMatch(USTED);
  });

  it('no customer-facing catalogue string uses usted', () => {
    const customer = Object.entries(es).filter(([k]) => CUSTOMER.test(k));
    expect(customer.length).toBeGreaterThan(30);
    const usted = customer.filter(([, v]) => USTED.test(v)).map(([k, v]) => `${k}: ${v}`);
    expect(usted).toEqual([]);
    // And the tú forms are there.
    expect(es['chat.placeholder']).toBe('Escribe tu pregunta…');
    expect(es['kiosk.stillThere']).toBe('¿Sigues ahí?');
    expect(es['chat.you']).toBe('Tú');
  });
});
