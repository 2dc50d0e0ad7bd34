// Issue 13 point 7 through the card renderers: the kerneopgave's bevægelse on the tender announcement
// and on the bid form; a tender stored before the bevægelse was carried shows neither the block nor a
// template placeholder.

import { describe, expect, it } from 'vitest';
import { bidFormCard } from '../../src/adapters/cards/bid-views.js';
import { bidFormValuesFrom } from '../../src/adapters/cards/tender-card-parts.js';
import { announcementCard } from '../../src/adapters/cards/tender-announcement-views.js';
import { cardText } from '../support/bot-driver.js';
import { LAERING, NOW, publishedTender } from '../support/tender-fixtures.js';

const tender = publishedTender();
const { bevaegelse: _gone, ...old } = tender;
const form = (locale: 'da' | 'en', t = tender) => bidFormCard(locale, { tender: t, submissionId: 'sub-1', values: bidFormValuesFrom({}), errors: [] });

describe('the bevægelse on the cards', () => {
  it('comes from the kerneopgave when the tender is made (seed 004 words in the demo roster)', () => {
    expect(tender.bevaegelse).toBe('Barnet og den unge bliver parat til uddannelse eller job.');
    expect(tender.bevaegelse).toBe(LAERING.bevaegelse);
  });

  it('is on the announcement, below the description and above what the tender opens', () => {
    const text = cardText(announcementCard('da', tender, NOW, []));
    const at = text.indexOf('**Bevægelsen for borgeren:** Barnet og den unge bliver parat til uddannelse eller job.');
    expect(at).toBeGreaterThan(text.indexOf(tender.description.split('\n')[0]!));
    expect(at).toBeLessThan(text.indexOf('Udbuddet åbner for bud'));
    expect(cardText(announcementCard('en', tender, NOW, []))).toContain('**The change for the citizen:** Barnet og den unge bliver parat til uddannelse eller job.');
  });

  it('is on the bid form, under the deadline', () => {
    expect(cardText(form('da'))).toContain('**Din aktivitet skal bidrage til bevægelsen for borgeren:** Barnet og den unge bliver parat til uddannelse eller job.');
    expect(cardText(form('en'))).toContain('**Your activity should help bring about the change for the citizen:**');
  });

  it('is left out for a tender made before it was carried, with no placeholder left', () => {
    for (const card of [announcementCard('da', old, NOW, []), form('da', old)]) {
      const json = JSON.stringify(card);
      expect(json).not.toContain('evægelse');
      expect(json).not.toContain('${');
    }
  });

  it('keeps markdown in the roster text from turning into formatting', () => {
    const text = cardText(form('da', { ...tender, bevaegelse: 'Borgeren *selv* klarer sig' }));
    expect(text).toContain('Borgeren \\*selv\\* klarer sig');
  });
});
